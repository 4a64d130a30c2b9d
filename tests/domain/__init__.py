"""Tests of the pure domain rules added beside tests/unit/domain (a package: test_prepaid.py is also a name in tests/headoffice)."""
