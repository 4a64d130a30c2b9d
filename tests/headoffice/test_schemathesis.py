"""schemathesis against the live OpenAPI schema, with every one of its checks.

The schema is fetched from the running uvicorn; every operation gets generated
requests, valid and invalid (with a terminal's or the managers' token, so that
they reach the handlers), and every answer goes through all of schemathesis's
checks: no 5xx, status codes, content types, headers and bodies as documented,
invalid data refused, and so on. Bounded: a fixed number of examples per
operation and generation mode.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup

pytestmark = pytest.mark.integration

ADMIN = "managers-token"  # tests/headoffice/conftest.py
EXAMPLES = 25

load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())

# Head office refuses more than JSON Schema can say, always with a documented 422
# ErrorBody: an integer written 100.0 (an "integer" to JSON Schema), text with control
# characters or only spaces, dates out of order, a rules document that does not hold
# together, and events naming members, sales or approvers its books do not have. So a
# schema-valid request may be refused with 422; every other check is as it ships. A body
# over the size limit is refused before it is read: 413, documented, for invalid data too.
# Enrolment is rate-limited per client (429 with Retry-After, documented): thousands of
# generated attempts from one address reach the limit, as an attacker's would.
CONFIG = SchemathesisConfig.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "429"]
"""
)


def _checker(op: Any, token: str, mode: GenerationMode, failures: list[str]) -> Any:
    headers = {"Authorization": f"Bearer {token}"}

    @given(case=op.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case: Any) -> None:
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=ALL_CHECKS, headers=headers)
        except (AssertionError, FailureGroup) as exc:
            said = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
            for sub in getattr(exc, "exceptions", [exc]):
                said += [ln.strip() for ln in str(sub).splitlines() if ln.strip()][:4]
            failures.append(f"{case.method} {case.path} ({mode.value}): {' | '.join(said[:8])}")

    return check


def test_every_check_holds_on_every_operation(hq: Any) -> None:
    schema = schemathesis.openapi.from_url(f"{hq.url}/openapi.json", config=CONFIG)
    terminal = str(hq.token("S001", "TFUZZ"))
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 10
    assert len(ALL_CHECKS) >= 10
    failures: list[str] = []
    for op in operations:
        token = terminal if op.path.startswith(("/api/v1/sync", "/api/v1/sales")) else ADMIN
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _checker(op, token, mode, failures)()
            except Unsatisfiable:
                # No invalid request exists for an operation without inputs (health).
                assert mode is GenerationMode.NEGATIVE
                assert not op.body and not op.query and not op.path_parameters

    assert sorted(set(failures)) == []
