"""Shift reports and member analytics."""
