"""A receipt is owed from the moment its sale commits: the row written in that transaction.

The print service (``receipts.reprint_queue``) reads and clears these rows;
checkout, refund and recharge only ever add one, inside their own unit of work.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

TESTED_IN = "tests/receipts/test_receipt_owed.py"

# The error code of a receipt whose sale committed and that has not been tried yet.
NOT_PRINTED = "not_printed"

_OWE = text(
    "INSERT INTO receipt_reprint_queue"
    " (receipt_no, printer, error_code, reason, first_failed_at, last_failed_at, attempts)"
    " VALUES (:no, '', :code, '', :at, :at, 0) ON CONFLICT (receipt_no) DO NOTHING"
)


def owe_receipt(session: Session, receipt_no: str, at: str) -> None:
    """``receipt_no`` is owed: call in the transaction that commits its sale (refund, recharge).

    The row commits or rolls back with the sale, so there is never a sale
    without its receipt owed (a full disk refuses both) nor the other way round.
    """
    session.execute(_OWE, {"no": receipt_no, "code": NOT_PRINTED, "at": at})
