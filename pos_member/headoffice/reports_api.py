"""The managers' report endpoints: the review queue and the chain report
(``reports.py`` reads the books; this module only speaks HTTP)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pos_member.headoffice import reports
from pos_member.headoffice.api_common import Admin, Begin, Errors, managers_router
from pos_member.headoffice.reports import ChainReport, ReviewView

TESTED_IN = "tests/sync/test_convergence.py, tests/headoffice/test_enrolment.py"


def reports_router(begin: Begin, admin: Admin, errors: Errors) -> APIRouter:
    router = managers_router(admin, errors)

    @router.get("/review-items", response_model=list[ReviewView])
    def review_items(
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[ReviewView]:
        with begin() as conn:
            return reports.open_review_items(conn, limit)

    @router.get("/reports/chain", response_model=ChainReport)
    def chain_report(
        business_date: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    ) -> ChainReport:
        with begin() as conn:
            return reports.chain_report(conn, business_date)

    return router
