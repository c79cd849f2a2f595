"""Evaluations against public gold data: precision, recall and F1, printed as tables."""
