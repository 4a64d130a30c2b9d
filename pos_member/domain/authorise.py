"""The port through which checkout asks head office to authorise a spend while online.

Checkout needs to know, before it takes stored value or points, that no other
store is spending the same balance: head office holds the amount for the sale
(``headoffice.holds``). Checkout calls a ``SpendAuthoriser``; the sync package
implements it over its HTTP client (``sync.authorise.HeadOfficeAuthoriser``)
and the composition root injects it (``Context.authoriser``), so the services
never import the sync client. Tests pass a small fake.

``hold`` answers one of:

- ``Hold``: granted; the sale names ``hold_id`` and its push captures it;
- ``Offline``: head office did not answer in time (or cannot judge this
  member yet): the offline rules apply to this sale;
- ``None``: there is no head office to ask (a terminal never enrolled);

or raises ``HoldRefused`` (a ``UserFacingError``) when head office says the
balance is too low. ``release`` gives back a hold the sale will not use; it
never raises (a hold nobody releases lapses at head office).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

TESTED_IN = "tests/services/test_link_state.py"


@dataclass(frozen=True, slots=True)
class Hold:
    hold_id: str
    expires_at: str


@dataclass(frozen=True, slots=True)
class Offline:
    reason: str


class SpendAuthoriser(Protocol):
    def hold(
        self, member_id: int, sale_id: str, stored_value_fen: int, points: int
    ) -> Hold | Offline | None:
        """Ask head office to hold ``stored_value_fen`` and ``points`` for ``sale_id``."""
        ...

    def release(self, hold_id: str) -> None:
        """Give the hold back (the payment failed or the sale was voided)."""
        ...
