"""Pure member-business rules: money, cards, carts, pricing, ledgers, refunds.

No I/O, no clock, no database: the caller passes dates and ids in.
"""
