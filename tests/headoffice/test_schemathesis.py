"""schemathesis against the live OpenAPI schema: no input makes head office fail with a 5xx.

The schema is fetched from the running uvicorn; every operation gets generated
requests (with a terminal's or the managers' token, so that they reach the
handlers) and every answer must be below 500 and conform to the schema.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.integration

ADMIN = "managers-token"  # tests/headoffice/conftest.py


def _checker(op: Any, token: str, failures: list[str]) -> Any:
    @given(case=op.as_strategy())
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.path}: {response.status_code}")
        case.validate_response(
            response,
            checks=(status_code_conformance, content_type_conformance, response_schema_conformance),
        )

    return check


def test_no_input_makes_head_office_fail(hq: Any) -> None:
    schema = schemathesis.openapi.from_url(f"{hq.url}/openapi.json")
    terminal = str(hq.token("S001", "TFUZZ"))
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    for op in operations:
        token = terminal if op.path.startswith("/api/v1/sync") else ADMIN
        _checker(op, token, failures)()
    assert failures == []
