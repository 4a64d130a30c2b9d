"""Tests of the pure domain rules beside tests/unit/domain.

A package, because test_prepaid.py is also a name in tests/headoffice.
"""
