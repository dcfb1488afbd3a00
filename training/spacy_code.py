"""Loaded by ``spacy train --code``: registers khabar's tokenizer and components."""

import khabar.analyze.components  # noqa: F401
