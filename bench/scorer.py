"""The scorer of ``dedupe eval`` (``dedupe/evaluate.py``) for the benchmarks.

The benchmarks import dedupe from PYTHONPATH, so that they can measure
another checkout's pipeline (``PYTHONPATH=/other/checkout python
bench/eval.py --real-only``). A checkout older than ``dedupe eval`` has no
``dedupe.evaluate``; then this checkout's copy is loaded, scoring with the
other checkout's reader and normaliser, so the numbers stay comparable.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

try:
    from dedupe import evaluate
except ImportError:  # a checkout without dedupe eval: this checkout's scorer
    _spec = importlib.util.spec_from_file_location(
        "dedupe_evaluate", Path(__file__).resolve().parent.parent / "dedupe" / "evaluate.py"
    )
    evaluate = importlib.util.module_from_spec(_spec)
    sys.modules["dedupe_evaluate"] = evaluate  # dataclasses look their module up
    _spec.loader.exec_module(evaluate)

document_text = evaluate.document_text
file_text = evaluate.file_text
score_text = evaluate.score_text
