"""Maintainer scripts: re-run and save notebooks, navigation lines (importable for the tests)."""
