"""The prepaid-card endpoints: the managers' reports and settings, and the tills' closure quote.

Managers (the admin token): ``/prepaid/settings`` (read, change), ``/prepaid/revenue/{year}``,
``/prepaid/outstanding`` (per store and chain at a date, with the duties),
``/prepaid/quarter-ends``, ``/prepaid/filings/{quarter}`` (CSV, XLSX or PDF) and
``/prepaid/consumers`` (a consumer's balance and records by phone or card) and
``/prepaid/review-items`` (the prepaid review items with their figures).
Tills (their token): ``/sync/prepaid/closure-quote`` before a 退卡. The rules are in
``prepaid`` and ``prepaid_reports``; this module only speaks HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection

from pos_member.headoffice import prepaid
from pos_member.headoffice import prepaid_reports as pr
from pos_member.headoffice.auth import authenticate, utcnow
from pos_member.headoffice.settings import HQSettings
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.closure_quote import CLOSURE_QUOTE_PATH, ClosureQuote
from pos_member.wire.schemas import API_PREFIX, CardNumber

PHONE_RE = r"^1[3-9]\d{9}$"
QUARTER_RE = r"^20\d{2}-?[Qq][1-4]$"


Permille = Annotated[int, Field(strict=True, ge=0, le=1000)]
FenSetting = Annotated[int, Field(strict=True, ge=0, le=10**15)]


class SettingsChange(BaseModel):
    """The settings to change; a field left out stays, ``null`` clears an override."""

    model_config = ConfigDict(extra="forbid")
    issuer_type: prepaid.IssuerType | None = None
    region: prepaid.Region | None = None
    # The counter's rules moved to the programme (0012): taken only to say where they are.
    named_cap_fen: Any = None
    anonymous_cap_fen: Any = None
    cash_refund_max_fen: Any = None
    cooling_off_days: Any = None
    revenue_ratio_permille: Permille | None = None
    registration_threshold_fen: FenSetting | None = None
    custody_permille: Permille | None = None
    filing_due_day: Annotated[int, Field(strict=True, ge=1, le=28)] | None = None


class RevenueRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    revenue_fen: Annotated[int, Field(strict=True, ge=0, le=10**15)]


def _day(text: str | None) -> date:
    if text is None:
        return pr.store_today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EventRefused(
            422, "date.invalid", "the date is not a real date: write it as 2026-09-30"
        ) from None


def prepaid_router(
    settings: HQSettings,
    begin: Callable[[], AbstractContextManager[Connection]],
    admin: Callable[..., None],
    errors: dict[int | str, dict[str, Any]],
) -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, responses=errors)
    managers: dict[str, Any] = {"dependencies": [Depends(admin)], "tags": ["managers"]}

    @router.get("/prepaid/settings", **managers)
    def get_settings() -> dict[str, Any]:
        """The chain's prepaid-card settings, with the values in force (``effective``) and
        the programme's counter rules in force today (``programme``: caps, 退卡 cash limit,
        cooling-off; changed by publishing a rules version)."""
        with begin() as conn:
            return prepaid.settings_view(conn, prepaid.load_settings(conn), pr.store_today())

    @router.put("/prepaid/settings", **managers)
    def put_settings(req: SettingsChange) -> dict[str, Any]:
        """Change some settings (``null`` clears an override back to the region's value)."""
        changes = req.model_dump(exclude_unset=True)
        with begin() as conn:
            s = prepaid.parse_settings_change(changes, prepaid.load_settings(conn))
            saved = prepaid.save_settings(conn, s, utcnow())
            return prepaid.settings_view(conn, saved, pr.store_today())

    @router.put("/prepaid/revenue/{year}", **managers)
    def put_revenue(
        year: Annotated[int, Path(ge=2000, le=2099)], req: RevenueRequest
    ) -> dict[str, int]:
        """Record a year's main-business revenue (it bounds the next year's outstanding value)."""
        with begin() as conn:
            prepaid.record_revenue(conn, year, req.revenue_fen, utcnow())
        return {"year": year, "revenue_fen": req.revenue_fen}

    @router.get("/prepaid/outstanding", **managers)
    def get_outstanding(
        on: Annotated[str | None, Query(alias="date", max_length=10)] = None,
    ) -> dict[str, Any]:
        """Outstanding stored value per store and chain at the end of ``date`` (event time),
        with the custody requirement and the warnings on that day."""
        day = _day(on)
        with begin() as conn:
            out = pr.outstanding(conn, day)
            duties = pr.duties(conn, day, known=(out,))
        return {"outstanding": pr.as_json(out), "duties": pr.as_json(duties)}

    @router.get("/prepaid/quarter-ends", **managers)
    def get_quarter_ends(year: Annotated[int, Query(ge=2000, le=2099)]) -> dict[str, Any]:
        """The outstanding value at each quarter end of ``year``."""
        with begin() as conn:
            return {label: pr.as_json(o) for label, o in pr.quarter_ends(conn, year)}

    @router.get(
        "/prepaid/filings/{quarter}",
        response_class=Response,
        responses={
            200: {
                "description": "the filing in the format asked for",
                "content": {t: {} for t in (*pr.MEDIA_TYPES.values(), "application/json")},
            }
        },
        **managers,
    )
    def get_filing(
        quarter: Annotated[str, Path(pattern=QUARTER_RE)],
        fmt: Annotated[Literal["csv", "xlsx", "pdf", "json"], Query(alias="format")] = "csv",
    ) -> Response:
        """The quarterly filing of ``quarter`` (``2026Q3``) as CSV, XLSX, PDF or JSON."""
        year, q = prepaid.parse_quarter(quarter)
        with begin() as conn:
            filing = pr.quarterly_filing(conn, year, q, utcnow())
        if fmt == "json":
            import json

            body = json.dumps(pr.as_json(filing), ensure_ascii=False).encode()
            return Response(body, media_type="application/json")
        name = f"prepaid-filing-{filing.label}.{fmt}"
        return Response(
            pr.FORMATS[fmt](filing),
            media_type=pr.MEDIA_TYPES[fmt],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @router.get("/prepaid/consumers", **managers)
    def get_consumer(
        phone: Annotated[str | None, Query(pattern=PHONE_RE)] = None,
        card: Annotated[CardNumber | None, Query()] = None,
    ) -> dict[str, Any]:
        """A consumer's balance (principal, bonus) and records, by phone or by card number."""
        with begin() as conn:
            return pr.as_json(pr.consumer_statement(conn, phone=phone, card=card))  # type: ignore[no-any-return]

    @router.get("/prepaid/review-items", **managers)
    def get_review(limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict[str, Any]]:
        """Open prepaid review items (over the cap, reversals and 退卡 head office's books
        disagree with), each with the till's figures beside head office's."""
        with begin() as conn:
            return pr.as_json(pr.prepaid_review(conn, limit))  # type: ignore[no-any-return]

    @router.get(CLOSURE_QUOTE_PATH, response_model=ClosureQuote, tags=["sync"])
    def closure_quote(
        card: Annotated[CardNumber, Query()],
        authorization: Annotated[str | None, Header()] = None,
    ) -> ClosureQuote:
        """Head office's figures for a 退卡 of ``card`` now: balance, refund, open holds."""
        with begin() as conn:
            authenticate(conn, authorization, settings.member_id_block)
            return prepaid.closure_quote(conn, card, utcnow())

    return router
