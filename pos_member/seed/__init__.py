"""Demo data: a realistic store to try the terminal with (``pos-member demo-seed``)."""
