"""Logistic-regression weights over named features, trained by ``wirecoder train …`` and
shipped as JSON in :mod:`wirecoder.models`: the scoring half of every learned coder. A
``LinearModel`` says yes or no; a ``ClassModel`` picks one of several classes or ``NONE``."""

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


#: the class of a candidate that is none of the model's kinds
NONE = "NONE"


class ClassModel:
    """Class weights per feature, a bias per class and the lowest probability of a class
    other than ``NONE`` that is kept; ``what`` names the model in errors."""

    what = "class model"

    def __init__(self, classes: list[str], weights: dict[str, list[float]],
                 bias: list[float], threshold: float, trained_on: str = ""):
        self.classes = classes
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.trained_on = trained_on

    @classmethod
    def load(cls, path: Path):
        """Weights written by ``wirecoder train``."""
        return read_weights(Path(path), cls.what, cls._from_data)

    @classmethod
    def _from_data(cls, data: dict):
        classes = [str(c) for c in data["classes"]]
        weights = {str(k): [float(x) for x in v] for k, v in data["weights"].items()}
        if any(len(v) != len(classes) for v in weights.values()) or \
                len(data["bias"]) != len(classes):
            raise ValueError("weights and classes differ in length")
        return cls(classes, weights, [float(b) for b in data["bias"]],
                   float(data["threshold"]), str(data.get("trained_on", "")))

    def data(self) -> dict:
        return {"trained_on": self.trained_on, "threshold": self.threshold,
                "classes": self.classes, "bias": self.bias, "weights": self.weights}

    def save(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.data(), separators=(",", ":"), sort_keys=True)
                              + "\n", encoding="utf-8")

    def _totals(self, features: dict[str, float]) -> list[float]:
        totals = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    totals[k] += weight * value
        return totals

    def each(self, features: dict[str, float]) -> dict[str, float]:
        """The probability of every class on its own, for weights fitted one class
        against the rest."""
        return {c: 1.0 / (1.0 + math.exp(-t))
                for c, t in zip(self.classes, self._totals(features), strict=True)}

    def probabilities(self, features: dict[str, float]) -> list[float]:
        totals = self._totals(features)
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        whole = sum(exps)
        return [e / whole for e in exps]

    def decide(self, features: dict[str, float]) -> tuple[str, float]:
        """The most probable class and its probability, or ``NONE``."""
        probabilities = self.probabilities(features)
        best = max((p, c) for c, p in zip(self.classes, probabilities, strict=True)
                   if c != NONE)
        return (best[1], best[0]) if best[0] >= self.threshold else (NONE, 1.0 - best[0])
