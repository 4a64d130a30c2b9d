"""Finding a receipt of another store at head office, for a refund.

``HeadOfficeSaleLookup`` is the ``domain.remote_sale.SaleLookup`` the composition
root gives the refund service: ``GET /api/v1/sales/by-receipt/{no}`` within a
short budget (2 s), so a counter whose link is down says so at once.
"""

from __future__ import annotations

import logging

import httpx

from pos_member.domain.authorise import Offline
from pos_member.domain.errors import HeadOfficeUnreachable, SyncRefused
from pos_member.domain.remote_sale import RemoteLine, RemoteSale
from pos_member.settings import SyncSettings
from pos_member.store.db import Store
from pos_member.sync.authorise import HeadOfficeLink

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_S = 2.0


class HeadOfficeSaleLookup(HeadOfficeLink):
    def __init__(
        self,
        store: Store,
        settings: SyncSettings | None = None,
        *,
        timeout_s: float = LOOKUP_TIMEOUT_S,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(store, settings, timeout_s=timeout_s, transport=transport)

    def find(self, receipt_no: str) -> RemoteSale | Offline | None:
        http = self._client()
        if http is None:
            return None
        try:
            sale = http.sale_by_receipt(receipt_no)
        except HeadOfficeUnreachable as exc:
            return Offline(exc.message)
        except SyncRefused as exc:
            if exc.params.get("status") == 401:
                self._reset()
            log.info("head office did not look up receipt %s: %s", receipt_no, exc)
            return Offline(exc.message)
        if sale is None:
            return None
        return RemoteSale(
            sale_id=sale.sale_id,
            store_id=sale.store_id,
            receipt_no=sale.receipt_no,
            member_id=sale.member_id,
            total_fen=sale.total_fen,
            tenders=dict(sale.tenders),
            sv_principal_fen=sale.sv_principal_fen,
            sv_bonus_fen=sale.sv_bonus_fen,
            lines=tuple(
                RemoteLine(
                    line_no=ln.line_no,
                    product_code=ln.product_code,
                    name=ln.name,
                    units=ln.units,
                    net_fen=ln.net_fen,
                    points_earned=ln.points_earned,
                    points_paid=ln.points_paid,
                    returned_units=ln.returned_units,
                )
                for ln in sale.lines
            ),
            refunds={r.refund_id: {ln.line_no: ln.units for ln in r.lines} for r in sale.refunds},
        )
