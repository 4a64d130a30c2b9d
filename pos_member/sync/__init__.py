"""The terminal's sync client and the wire schemas shared with head office."""
