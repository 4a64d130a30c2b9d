"""The member's payment PIN (支付密码): what a PIN may be, and the chain's lock policy.

A payment PIN is 6 digits (what PIN pads and the payment apps members know ask
for) and not one a stranger guesses first: all one digit, a run up or down,
the member's birthday or the end of their phone number. The lock counts wrong
PINs chain-wide: head office counts the failures every till pushes within a
window and publishes the lock in its change feed; each till also counts its
own meanwhile (``Settings.pay_pin_max_failures``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from pos_member.domain.errors import ValidationError

PAY_PIN_LENGTH = 6


@dataclass(frozen=True, slots=True)
class PinPolicy:
    """Head office's lock: ``max_failures`` wrong PINs at any tills within ``window`` lock the
    member's PIN for ``lock`` from the last of them."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=30)
    lock: timedelta = timedelta(minutes=30)

    def locked_until(self, failures: list[datetime], last: datetime) -> datetime | None:
        """The lock's end if the failures up to ``last`` within the window reach the limit."""
        since = last - self.window
        recent = [f for f in failures if since < f <= last]
        return last + self.lock if len(recent) >= self.max_failures else None


def _runs(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    return steps in ({1}, {-1})


def _birthday_forms(birthday: date) -> set[str]:
    y, m, d = f"{birthday.year:04d}", f"{birthday.month:02d}", f"{birthday.day:02d}"
    return {y[2:] + m + d, m + d + y[2:], d + m + y[2:], y + m, m + d + y[:2], y[2:] + d + m}


def check_pin_pair(pin: str, repeat: str) -> None:
    """The member typed the new PIN twice: both must be the same digits."""
    if pin != repeat:
        raise ValidationError(
            field="payment PIN",
            problem="the two entries differ: the member types the same 6 digits twice",
        )


def check_pay_pin(pin: object, *, birthday: date | None = None, phone: str | None = None) -> str:
    """``pin`` if it may be a member's payment PIN; otherwise a ``ValidationError`` saying why."""
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit()) or len(pin) != 6:
        raise ValidationError(field="payment PIN", problem="6 digits expected")
    if len(set(pin)) == 1:
        raise ValidationError(
            field="payment PIN", problem="one digit six times is too easy to guess: choose another"
        )
    if _runs(pin):
        raise ValidationError(
            field="payment PIN",
            problem="digits in a row (such as 123456) are too easy to guess: choose another",
        )
    if birthday is not None and pin in _birthday_forms(birthday):
        raise ValidationError(
            field="payment PIN",
            problem="the member's birthday is too easy to guess: choose another",
        )
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) >= PAY_PIN_LENGTH and digits.endswith(pin):
        raise ValidationError(
            field="payment PIN",
            problem="the end of the member's phone number is too easy to guess: choose another",
        )
    return pin
