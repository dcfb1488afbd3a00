"""Imported by the analysis workers' fork server (:class:`khabar.serve.pool.ProcessPool`): the models are
loaded there once, and every worker forked from it starts with them. A failure here is left to the worker,
which loads again and reports the error."""

from __future__ import annotations

try:
    # lazy: inside try, so that a failure never stops the fork server
    from khabar.serve.pool import load_everything

    load_everything()
except BaseException:  # the fork server must start whatever happens; the worker reports it
    pass
