"""Development-only helpers for build, training and benchmark scripts and tests (they read ``../shared/data``
beside the checkout). Not part of the installed package."""
