"""Weights trained by the project itself (see README.md here)."""
