"""Errors a person at the counter should read, as opposed to bugs.

A ``UserFacingError`` carries a stable ``code`` (for translation tables and
tests), an English message template and its parameters. The UI translates the
template and the parameters named in ``phrases`` (see ``domain.text``); anything
that is not a ``UserFacingError`` is a bug: logged with its traceback and shown
as a calm generic message.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pos_member.domain.text import Translate, fill, same, values


class UserFacingError(Exception):
    """An error whose message is meant for the cashier or manager as it is.

    ``phrases`` names the parameters that are fixed English text, not data:
    give them a literal where the error is raised (or a ``phrase(...)``), never
    an f-string; the text may hold placeholders filled from the other
    parameters (``problem="at most {n} characters", n=64``). Any parameter may
    also be a ``Text`` or another error, shown in the same language.
    """

    code: ClassVar[str] = "error"
    template: ClassVar[str] = "Something went wrong."
    phrases: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in English (logs, command line)."""
        return self.text()

    def text(self, translate: Translate = same) -> str:
        """The message with its template and phrases passed through ``translate`` (the UI's)."""
        return fill(translate(self.template), values(self.params, translate, self.phrases))


class CardError(UserFacingError):
    code = "card"
    template = "This card cannot be used."
    phrases = ("detail",)  # the drivers' card refusals


class UnknownCard(CardError):
    code = "card.unknown"
    template = "Card {number} is not known. Check the number or register the member."


class UnknownPhone(UnknownCard):
    """No member has this phone number: the cashier sees the number as typed, and the way
    to register it at the counter."""

    code = "phone.unknown"
    template = (
        "No member has the phone number {phone}. Check it with the customer,"
        " or press Ctrl+N to register it."
    )


class MemberErased(CardError):
    """Head office erased (or restricted) the member: the card's number stays known so the
    cashier is told so, instead of "unknown card"; the member is never shown or sold to."""

    code = "member.erased"
    template = (
        "This member's membership was closed: card {number} can no longer be used. Sell"
        " without a member, or the customer may register again."
    )


class BadCheckDigit(CardError):
    code = "card.check_digit"
    template = "The number {number} has a wrong check digit: scan again or type it carefully."


class CardBlocked(CardError):
    code = "card.blocked"
    template = "Card {number} was reported lost and is blocked. Ask for the member's phone number."


class CardReplaced(CardError):
    code = "card.replaced"
    template = "Card {number} was replaced by a new card and can no longer be used."


class CardExpired(CardError):
    code = "card.expired"
    template = "Card {number} expired on {expired_on}."


class CardNotIssued(CardError):
    code = "card.not_issued"
    template = "Card {number} has not been issued to a member yet."


class CardStateChangeRefused(CardError):
    code = "card.state_change"
    template = "A card that is {state} cannot be {action}."


class MoneyError(UserFacingError):
    code = "money"


class BalanceTooLow(MoneyError):
    code = "balance.too_low"
    template = "Stored value too low: {balance} available, {requested} asked."


class PointsTooLow(MoneyError):
    code = "points.too_low"
    template = "Not enough points: {available} available, {requested} asked."


class GiftPointsShort(PointsTooLow):
    code = "gift.points_short"
    template = "Not enough points: {missing} more are needed."


class GiftNotOffered(MoneyError):
    code = "gift.not_offered"
    template = "{product} is not a gift at that rate now. Choose the gift again from the list."


class GiftOutOfStock(MoneyError):
    code = "gift.out_of_stock"
    template = "{product} is out of stock: no gift left to give. Offer another gift."


class PointsNotInUnits(MoneyError):
    code = "points.units"
    template = "Points are redeemed in steps of {unit} points."


class PointsExceedDue(MoneyError):
    code = "points.exceed_due"
    template = "{points} points are worth {value}, more than the {limit} they may pay."


class HoldRefused(MoneyError):
    """Head office would not hold the stored value or points a payment asks (while online)."""

    code = "hold.balance_too_low"
    template = (
        "Head office says this member has only {available} of stored value and {points} "
        "points free now ({requested} and {requested_points} points asked); another store "
        "may be spending the same balance. Pay the rest another way."
    )


class OfflineLimitReached(MoneyError):
    code = "offline.limit"
    template = (
        "Offline: stored value spending is limited to {limit} a day for this member "
        "({used} used). Pay the rest another way."
    )


class TendersDoNotAddUp(MoneyError):
    code = "tenders.sum"
    template = "Payments add up to {paid} but {due} is due."


class OverpaidNonCash(MoneyError):
    code = "tenders.overpaid"
    template = "Only cash can be given back as change: {kind} pays {amount}, only {due} is due."


class InvalidAmount(MoneyError):
    code = "amount.invalid"
    template = "{what} must be a positive amount, not {value}."
    phrases = ("what",)


class ChangeTooLarge(MoneyError):
    code = "tenders.change_limit"
    template = (
        "Cash {tendered} is more than {due} due plus the most change the till gives "
        "({limit}). Check the amount typed."
    )


class RechargeOutOfRange(MoneyError):
    code = "recharge.range"
    template = (
        "A recharge is at least {minimum} and at most {maximum}, not {amount}. "
        "Enter an amount in that range."
    )


class CouponError(UserFacingError):
    code = "coupon"


class CouponExpired(CouponError):
    code = "coupon.expired"
    template = "Coupon {code} expired on {until}."


class CouponNotYetValid(CouponError):
    code = "coupon.not_yet_valid"
    template = "Coupon {code} is valid from {since}."


class CouponUsed(CouponError):
    code = "coupon.used"
    template = "Coupon {code} has already been used."


class MinimumSpendNotMet(CouponError):
    code = "coupon.minimum"
    template = "Coupon {code} needs a spend of {minimum}; this sale has {eligible} that counts."


class CouponNotStackable(CouponError):
    code = "coupon.stack"
    template = "Coupon {code} cannot be combined with other coupons in one sale."


class CouponNotForMember(CouponError):
    code = "coupon.member"
    template = "Coupon {code} belongs to another member."


class SaleError(UserFacingError):
    code = "sale"


class InvalidQuantity(SaleError):
    code = "quantity.invalid"
    template = (
        "Quantity {quantity} is not possible for {product}: type a whole number from 1 to 999."
    )


class WeightNotWhole(InvalidQuantity):
    code = "quantity.grams"
    template = "{product}: the weight must be whole grams, not {grams}. Weigh the item again."


class PriceOverrideTooHigh(SaleError):
    code = "override.above_price"
    template = (
        "{product}: a price override may only lower the price of {price}, not set {override}. "
        "Enter a lower price."
    )


class PriceOverrideBeyondRole(SaleError):
    code = "override.role_limit"
    template = (
        "{product}: a {role} may lower the price by at most {percent}% (to {lowest}), "
        "not to {override}. Ask a manager to approve it."
    )
    phrases = ("role",)


class SaleDiscountBeyondRole(SaleError):
    code = "sale_discount.role_limit"
    template = (
        "A {role} may take at most {percent}% off this sale ({most}), not {discount}. "
        "Ask a manager to approve it."
    )
    phrases = ("role",)


class SaleDiscountTooLarge(SaleError):
    code = "sale_discount.too_large"
    template = (
        "{discount} off is more than the goods that take discounts come to ({eligible}). "
        "Enter a smaller discount."
    )


class EmptyCart(SaleError):
    code = "cart.empty"
    template = "The cart is empty."


class UnknownProduct(SaleError):
    code = "product.unknown"
    template = "No product has the code {code}."


class MemberRequired(SaleError):
    code = "member.required"
    template = "{what} needs a member: tap or scan the member's card first."
    phrases = ("what",)


class HeldSaleGone(SaleError):
    code = "held.gone"
    template = "This held sale is no longer waiting: it was already recalled or discarded."


class SaleAlreadyHeld(SaleError):
    code = "held.duplicate"
    template = "This sale is already held."


class RefundError(UserFacingError):
    code = "refund"


class NoReceiptRefundOverLimit(RefundError):
    code = "refund.no_receipt_limit"
    template = (
        "A refund without a receipt gives back at most {limit}; these goods come to "
        "{total}. Find the receipt, or return fewer goods."
    )


class UnknownReceipt(RefundError):
    code = "receipt.unknown"
    template = "No sale has the receipt number {receipt_no}."


class ReceiptOfAnotherStore(RefundError):
    code = "receipt.other_store"
    template = (
        "No sale of this till has the receipt number {receipt_no}. If it is a receipt "
        "of another store, head office must be reachable to refund it ({detail}): "
        "try again when the connection is back."
    )


class ProductNotHere(RefundError):
    code = "refund.product_unknown"
    template = (
        "Product {product_code} of receipt {receipt_no} is not in this till's catalogue: "
        "sync with head office and try again."
    )


class RefundExceedsSold(RefundError):
    code = "refund.exceeds"
    template = "Line {line_no}: {requested} asked back but only {remaining} left to refund."


class NothingToRefund(RefundError):
    code = "refund.nothing"
    template = "Choose at least one line and quantity to refund."


class AuthError(UserFacingError):
    code = "auth"


class WrongPin(AuthError):
    code = "pin.wrong"
    template = "Wrong PIN. {attempts_left} attempts left before the lock."


class PinLocked(AuthError):
    code = "pin.locked"
    template = "Too many wrong PINs: locked until {until}."


class PinNotSet(AuthError):
    code = "pin.not_set"
    template = (
        "This member has no payment PIN yet: the member sets one now (typed twice), "
        "or pays another way."
    )


class PinRequired(AuthError):
    code = "pin.required"
    template = "The member's payment PIN is needed for stored value over {threshold}."


class NotAllowed(AuthError):
    code = "auth.not_allowed"
    template = "{action} needs a {role}'s approval."
    phrases = ("action", "role")


class UnknownStaff(AuthError):
    code = "staff.unknown"
    template = "Unknown staff id or wrong PIN."


class ClockError(UserFacingError):
    """The PC's date and time disagree with what the till knows."""

    code = "clock"
    template = "The PC's date and time are wrong: correct them."


class ClockAhead(ClockError):
    code = "clock.ahead"
    template = (
        "The PC's clock is {days} d {hours} h {minutes} min ahead of head office's: the till "
        "uses head office's time. Correct the PC's date and time."
    )


class ClockBehind(ClockError):
    code = "clock.behind"
    template = (
        "The PC's clock is {days} d {hours} h {minutes} min behind head office's: the till "
        "uses head office's time. Correct the PC's date and time."
    )


class ShiftNotOpen(UserFacingError):
    """A sale, refund or recharge was started before the till's shift was opened."""

    code = "shift.not_open"
    template = "No shift is open on this till: open the shift with its opening float first."


class ShiftBeforeOpening(ClockError):
    code = "clock.shift"
    template = (
        "This shift opened at {opened}, later than the PC's time now ({now}): correct the "
        "PC's date and time, then close the shift."
    )


class StoreError(UserFacingError):
    """The terminal's database file cannot be used as it is; ``path`` names it.

    ``exit_code`` is what ``pos-member check-db`` exits with for this cause.
    """

    code = "store"
    template = "The database {path} cannot be used."
    exit_code: ClassVar[int] = 3


class StoreInUse(StoreError):
    """Another copy of the cashier app holds this till's database (``ui.single``)."""

    code = "store.in_use"
    template = (
        "The database {path} is already in use by another copy of the cashier app (on this "
        "PC or another): close that copy first. Two tills never share one database."
    )
    exit_code = 7


_RESTORE = "Restore it from the backup, or enrol this till again."


class StoreMissing(StoreError):
    code = "store.missing"
    template = "The database {path} is missing. " + _RESTORE
    exit_code = 2


class StoreMissingWithJournal(StoreMissing):
    code = "store.missing_wal"
    template = (
        "The database {path} is missing, but its journal {journal} is still there: sales "
        "not yet sent may be in it. Do not delete anything; restore the database from the "
        "backup, or enrol this till again."
    )


class StoreEmpty(StoreError):
    code = "store.empty"
    template = "The database {path} is empty (0 bytes). " + _RESTORE
    exit_code = 3


class StoreNotDatabase(StoreError):
    code = "store.not_database"
    template = (
        "The file {path} is not a pos-member database (it holds something else, or is damaged). "
        + _RESTORE
    )
    exit_code = 3


class StoreCorrupt(StoreError):
    code = "store.corrupt"
    template = (
        "The database {path} is damaged. Keep the file for support; restore it from the "
        "backup, or enrol this till again."
    )
    exit_code = 4


class StoreNewerSchema(StoreError):
    code = "store.newer"
    template = (
        "The database {path} was written by a newer version of pos-member. Update the app on "
        "this PC; do not use an older one with it."
    )
    exit_code = 5


class StoreReadOnly(StoreError):
    code = "store.read_only"
    template = (
        "The database {path} cannot be written: the file or its folder is read-only. Ask the "
        "person who manages this PC to give this user permission to write both."
    )
    exit_code = 6


class StoreLocked(StoreError):
    code = "store.locked"
    template = (
        "The database {path} is locked by another program. Close the other program using it "
        "(another pos-member window, a backup or a viewer), then try again: nothing was lost."
    )
    exit_code = 7


class DiskFull(StoreError):
    code = "store.disk_full"
    template = (
        "The disk of the database {path} is full. Free space on it, then try again: what was "
        "saved before is kept."
    )
    exit_code = 8


class DiskNearlyFull(StoreError):
    """A warning, not a refusal: shown before the disk is full."""

    code = "store.disk_low"
    template = (
        "Only {free_mb} MB are free on the disk holding {path}. Free space soon: the till "
        "cannot record sales once the disk is full."
    )
    exit_code = 0


class ValidationError(UserFacingError):
    code = "invalid"
    template = "{field}: {problem}"
    phrases = ("field", "problem")


class PrinterError(UserFacingError):
    """The receipt printer failed; the sale itself is kept and the receipt waits for a reprint."""

    code = "printer"
    template = "Printer {printer} failed: {detail}"
    phrases = ("detail",)


class PrinterNotFound(PrinterError):
    code = "printer.not_found"
    template = "Printer {printer} cannot be reached: {detail}. Check its cable, power or address."


class PrinterOffline(PrinterError):
    code = "printer.offline"
    template = (
        "Printer {printer} is offline. Check that it is switched on and not in an error state."
    )


class PrinterPaperOut(PrinterError):
    code = "printer.paper_out"
    template = "Printer {printer} is out of paper. Load a new roll, then reprint."


class PrinterCoverOpen(PrinterError):
    code = "printer.cover_open"
    template = "Printer {printer}: the cover is open. Close it, then reprint."


class PrinterTimeout(PrinterError):
    code = "printer.timeout"
    template = "Printer {printer} did not answer within {seconds} seconds."


class PrinterDisconnected(PrinterError):
    code = "printer.disconnected"
    template = "Printer {printer} dropped the connection while printing. Reprint the receipt."


class SyncError(UserFacingError):
    """Head office could not be reached or refused something; local sales are kept."""

    code = "sync"
    template = "Sync with head office failed: {detail}"
    phrases = ("detail",)


class HeadOfficeUnreachable(SyncError):
    code = "sync.unreachable"
    template = (
        "Head office cannot be reached ({detail}). Keep selling: events wait on this "
        "terminal and are sent when the connection is back."
    )


class SyncRefused(SyncError):
    code = "sync.refused"
    template = "Head office refused the data ({status} {reason}): {detail}"


class NotEnrolled(SyncError):
    code = "sync.not_enrolled"
    template = (
        "This terminal is not enrolled with head office yet: run "
        "pos-member enrol --headoffice URL --code CODE."
    )


class EnrolmentFailed(SyncError):
    code = "sync.enrol"
    template = "Enrolment failed: {detail}"


class OfflineTerminalLimitReached(MoneyError):
    code = "offline.terminal_limit"
    template = (
        "Offline: this terminal may take at most {limit} of stored value and points a "
        "business day while head office cannot be reached ({used} used today). Pay another way."
    )


class CountCardUsedUp(SaleError):
    code = "count_card.used_up"
    template = "{name}: {left} uses left, {asked} asked."


# --- prepaid cards (单用途商业预付卡: docs/prepaid.md) ---------------------------------


class PrepaidError(MoneyError):
    code = "prepaid"


class OverCap(PrepaidError):
    code = "prepaid.over_cap"
    template = (
        "This card may hold at most {cap}: it can take at most {room} more. "
        "Recharge less, or use another card in the member's name."
    )


class RefundOverCap(PrepaidError):
    code = "prepaid.refund_over_cap"
    template = (
        "Giving {amount} back to stored value would pass the card's cap of {cap} "
        "(at most {room} fits): refund to another card in the member's name, or after the "
        "member has spent some of the balance."
    )


class RefundCardNotSameName(PrepaidError):
    """The card chosen for a refund that does not fit the member's own card is not one in
    the same name (the law: goods bought with stored value go back to the same card, or to
    a card in the same name when the cap would be passed)."""

    code = "prepaid.refund_card_not_same_name"
    template = (
        "Card {card} is not another usable named card in the member's name: choose one "
        "of the member's other cards the refund offers, or refund to the member's own card."
    )


class RefundCardNotNeeded(PrepaidError):
    code = "prepaid.refund_card_not_needed"
    template = (
        "The refund fits the member's own card: goods bought with stored value go back "
        "to the same card. Refund without choosing another card."
    )


class CashNotAllowed(PrepaidError):
    code = "prepaid.no_cash"
    template = (
        "A purchase of {amount} at once by a {buyer} cannot be paid in cash (the law asks "
        "for a bank transfer from {limit}): take a bank transfer."
    )
    phrases = ("buyer",)


class BankTransferMissing(PrepaidError):
    code = "prepaid.transfer_missing"
    template = (
        "A bank transfer needs its record: the payer's and payee's account names and "
        "numbers. Enter them, then try again."
    )


class AccountNotHolders(PrepaidError):
    code = "prepaid.account_name"
    template = (
        "退卡 pays into an account in the holder's own name ({holder}), not {name}: ask for "
        "an account in the holder's name."
    )


class ClosureCashNotAllowed(PrepaidError):
    code = "prepaid.closure_cash"
    template = (
        "This card holds {balance}: above {limit} 退卡 is paid by bank transfer to the "
        "holder's account, not in cash. Enter the holder's account."
    )


class NothingToClose(PrepaidError):
    code = "prepaid.nothing"
    template = "The card holds no stored value to refund: nothing to close."


class PendingOfflineRecharge(PrepaidError):
    code = "prepaid.pending_recharge"
    template = (
        "This card has a recharge head office has not received yet: sync first "
        "(or wait until the till is online), then close the card."
    )


class NoCoolingOff(PrepaidError):
    code = "prepaid.no_cooling_off"
    template = (
        "This programme's region has no cooling-off refund: a recharge cannot be reversed. "
        "Close the card (退卡) instead."
    )


class CoolingOffOver(PrepaidError):
    code = "prepaid.cooling_off_over"
    template = (
        "The cooling-off window of the recharge of {recharged_on} ended on {last_day}: it "
        "can no longer be reversed. Close the card (退卡) instead."
    )


class RechargeUsed(PrepaidError):
    code = "prepaid.recharge_used"
    template = (
        "The card was used after the recharge of {recharged_on}: only an unused recharge is "
        "reversed in full. Close the card (退卡) instead."
    )


class NotARecharge(PrepaidError):
    code = "prepaid.not_a_recharge"
    template = "Receipt {receipt_no} is not a recharge of this till: check the receipt number."


class CostsNotAllowed(PrepaidError):
    code = "prepaid.costs"
    template = (
        "Costs may be kept back only where the region's rule allows it (Jiangsu), and at most "
        "the recharge's {principal}: enter 0 or a smaller amount."
    )


class RealNameRequired(PrepaidError):
    code = "prepaid.real_name"
    template = (
        "The law asks for the buyer's real name and ID for this card: enter the name, the "
        "ID type and number, then try again."
    )


class BadIdNumber(PrepaidError):
    code = "prepaid.id_number"
    template = "The ID number {masked} is not valid for {id_type}: check it against the document."
    phrases = ("id_type",)


class StoredValueClosed(PrepaidError):
    code = "prepaid.closed"
    template = (
        "This member's stored value was closed (退卡) on {closed_on}: it takes no more money. "
        "Pay or refund another way."
    )


class HolderMismatch(PrepaidError):
    code = "prepaid.holder"
    template = (
        "The ID's name ({name}) is not the card holder's ({holder}): 退卡 is done for the "
        "holder, with the holder's ID."
    )


class ConsentMissing(PrepaidError):
    code = "prepaid.consent"
    template = (
        "Keeping an ID number needs the person's separate consent (sensitive personal "
        "information): ask for it and tick the consent box."
    )


__all__ = [name for name, obj in list(globals().items()) if isinstance(obj, type)]
