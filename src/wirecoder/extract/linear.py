"""Logistic-regression weights over named features, trained by ``wirecoder train …`` and
shipped as JSON in :mod:`wirecoder.models`: the scoring half of every learned coder."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

from wirecoder.errors import KnowledgeError


class LinearModel:
    """Weights, bias and acceptance threshold; ``what`` names the model in errors."""

    what = "model"
    default_file = ""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float,
                 trained_on: str = ""):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.trained_on = trained_on

    @classmethod
    def load(cls, path: Path | None = None):
        """The built-in weights, or a file written by ``wirecoder train``."""
        source = resources.files("wirecoder.models").joinpath(cls.default_file) \
            if path is None else Path(path)
        return read_weights(source, cls.what, lambda data: cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]), float(data["threshold"]), str(data.get("trained_on", ""))))

    def save(self, path: Path) -> None:
        data = {"trained_on": self.trained_on, "threshold": self.threshold,
                "bias": self.bias, "weights": self.weights}
        Path(path).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n",
                              encoding="utf-8")

    def score(self, features: dict[str, float]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) * value
                                for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-total))


def read_weights(source, what: str, build):
    """``build(data)`` of a JSON weights file, or a one-line error naming the file."""
    try:
        return build(json.loads(source.read_text(encoding="utf-8")))
    except OSError as error:
        raise KnowledgeError(f"{source}: cannot read {what} ({error.strerror})") from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        article = "an" if what[0] in "aeiou" else "a"
        raise KnowledgeError(f"{source}: not {article} {what} ({type(error).__name__}: "
                             f"{error})") from None
