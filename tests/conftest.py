"""Suite-wide rules: under CI=true nothing may skip; helpers to require tools."""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The app's config file (written by the first run on a developer's machine) must not
# leak its store into the tests: they read none unless a test names one.
os.environ.setdefault("POS_MEMBER_CONFIG", os.devnull + ".pos-member-tests-read-no-config")


@pytest.fixture(scope="session", autouse=True)
def _chain_data_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One data key for the whole run, as one chain has (``pos_member.sealing``): the
    fixtures copy template databases to new folders, and a copy opens under the key its
    members were sealed with. Tests of the key file itself pass their own path."""
    if not os.environ.get("POS_MEMBER_DATA_KEY_FILE"):
        os.environ["POS_MEMBER_DATA_KEY_FILE"] = str(
            tmp_path_factory.mktemp("chain-key") / "data.key"
        )


def require_tool(tool: str, package: str) -> str:
    """Path of ``tool``, or skip naming the Debian package that provides it."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} not found: install the Debian package {package}")
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where nothing may skip: {reason}"


@pytest.fixture(scope="module")
def pg_base() -> str:
    """The PostgreSQL server's URL (``POS_MEMBER_TEST_PG_URL``); skips, naming why, when none
    answers (a failure under CI=true, where nothing may skip)."""
    from pos_member.headoffice.testing import pg_unreachable_reason, pg_url

    url = pg_url()
    reason = pg_unreachable_reason(url)
    if reason:
        pytest.skip(reason)
    return url
