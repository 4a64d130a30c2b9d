"""One receipt document model and its renderers (PDF, ESC/POS, text), printing and card faces.

- ``document``: the frozen receipt value (totals computed from its lines).
- ``layout``: the blocks every renderer lays out; CJK-aware widths and wrapping.
- ``pdf``, ``escpos``, ``text``: the renderers.
- ``build``: documents from what the store committed, by receipt number.
- ``service``, ``reprint_queue``: printing off the caller's thread; failures wait for a reprint.
- ``cards``: member card faces (CR80 and A4 sheets).
- ``commands``: ``pos-member receipt`` and ``pos-member cards print``.
"""
