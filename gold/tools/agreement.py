"""Agreement between two annotators, shared by the agreement scripts beside it."""

from __future__ import annotations

from collections import Counter


def kappa(pairs: list[tuple[object, object]]) -> float:
    """Cohen's kappa of two labelings of the same items."""
    if not pairs:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / len(pairs)
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / len(pairs) ** 2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
