"""Person-readable errors of card readers and scanners (the ``UserFacingError`` family).

Drivers report these through ``ReaderListener.on_error`` (as ``ReaderError``
values carrying the same ``code`` and message) or, for the calls a manager
makes on purpose such as issuing a card, raise them to that caller.
"""

from __future__ import annotations

from drivers.base import Refusal
from pos_member.domain.errors import CardError, UserFacingError

TESTED_IN = "tests/drivers/test_simulated_reader.py"


class DeviceError(UserFacingError):
    code = "device"
    template = "The reader could not be used."
    phrases = ("detail",)


class CardNotIssuedHere(CardError):
    code = "card.not_issued_here"
    template = (
        "This card was not issued by this programme ({detail}). Ask for the member's phone number."
    )


class CardTampered(CardError):
    code = "card.tampered"
    template = (
        "The data on this card has been altered ({detail}): the card is refused. Call the manager."
    )


class CardBadNumber(CardError):
    code = "card.bad_number"
    template = "The card number stored on this card is not valid: {detail}"


class CardBadFormat(CardError):
    code = "card.bad_format"
    template = "This card holds data in a layout this terminal does not know ({detail})."


class CardUnsupported(CardError):
    code = "card.unsupported"
    template = "This kind of card cannot be used here: {detail}."


class CardRemovedTooSoon(DeviceError):
    code = "device.card_removed"
    template = "The card was taken away before it was read: tap it again and hold it still."


class CardNotAnswering(DeviceError):
    code = "device.card_io"
    template = "The card did not answer properly ({detail}): tap it again."


class NoCardOnReader(DeviceError):
    code = "device.no_card"
    template = "There is no card on reader {reader}: put the card on the reader first."


class ReaderUnavailable(DeviceError):
    code = "device.reader_unavailable"
    template = "Reader {reader} was unplugged or stopped answering."


class ReaderInternalError(DeviceError):
    code = "device.internal"
    template = "The card reader had an internal error."


class CardServiceDown(DeviceError):
    code = "device.pcsc_down"
    template = (
        "The smart-card service (pcscd) is not running: card readers are unavailable "
        "until it starts again."
    )


class IssuanceFailed(CardError):
    code = "card.issue_failed"
    template = "The card was not issued: {detail}."


class SerialPortProblem(DeviceError):
    code = "device.serial"
    template = "The serial scanner on {port} cannot be used: {detail}."


class SimulatedReaderInProduction(DeviceError):
    code = "device.simulated_in_production"
    template = "The simulated card reader is for demos and tests; it cannot run in production."


class DeviceBusy(DeviceError):
    code = "device.busy"
    template = "The reader did not finish in time: {detail}."


_REFUSALS: dict[Refusal, type[CardError]] = {
    Refusal.NOT_ISSUED_HERE: CardNotIssuedHere,
    Refusal.TAMPERED: CardTampered,
    Refusal.BAD_FORMAT: CardBadFormat,
    Refusal.BAD_NUMBER: CardBadNumber,
    Refusal.UNSUPPORTED: CardUnsupported,
}


def refusal_error(reason: Refusal, detail: object) -> CardError:
    """The person-readable error for a refused card; its ``code`` equals ``reason.value``.

    ``detail`` is a fixed phrase, a ``Text`` or the error that refused the number.
    """
    return _REFUSALS[reason](detail=detail)
