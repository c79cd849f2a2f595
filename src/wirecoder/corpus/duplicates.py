"""Near-duplicate wire stories: MinHash signatures of word shingles in an LSH index.

The same wire story republished with small edits (a new headline, a dropped paragraph)
shares most of its five-word shingles, so the estimated Jaccard similarity of the shingle
sets stays above the threshold while unrelated stories stay far below it.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` unsigned 32-bit values) of the text's word shingles."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash.hashvalues.astype(np.uint32)


class NearDuplicates:
    """Stories seen so far; each new one is linked to the first copy it resembles."""

    def __init__(self, threshold: float = THRESHOLD):
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._canonical: dict[str, str | None] = {}
        self._order: dict[str, int] = {}

    def add(self, key: str, hashvalues: np.ndarray, canonical: str | None = None) -> str | None:
        """Index a story; return the key of the first copy it duplicates, or None.

        ``canonical`` restores a link already decided (when reloading a store).
        """
        minhash = MinHash(num_perm=NUM_PERM, hashvalues=np.asarray(hashvalues, np.uint64))
        if canonical is None and key not in self._canonical:
            matches = [self._canonical[m] or m for m in self._lsh.query(minhash)]
            canonical = min(matches, key=self._order.__getitem__, default=None)
        if key not in self._canonical:
            self._lsh.insert(key, minhash)
            self._order[key] = len(self._order)
            self._canonical[key] = canonical
        return self._canonical[key]
