"""pos-member: a desktop member terminal for retail counters.

The core package. It never imports Qt or the UI: everything a cashier or a
manager can do is a plain function here that a test can call without a screen.
"""

__version__ = "0.1.0"
