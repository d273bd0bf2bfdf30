"""A mixed Rust/Python package: Python on the outside, the hot loop in Rust (`mixed._native`)."""

from ._native import count_words
from .report import summary

__all__ = ["count_words", "summary"]
