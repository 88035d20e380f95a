"""Schemathesis over the web app's own OpenAPI schema, in process (ASGI), on a small real ledger.

Every operation gets generated path and query values (ids, dates, odd
Unicode, huge strings): no request may cause a server error, and every
response carries the security headers. Examples per operation are bounded
(``CLAIMLEDGER_API_EXAMPLES``, default 25).
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from claimledger.extract.pipeline import extract_reports
from claimledger.records import RawReport
from claimledger.store import Store
from claimledger.web.app import create_app

EXAMPLES = int(os.environ.get("CLAIMLEDGER_API_EXAMPLES", "25"))
REPORTS = [
    RawReport(
        text="Dock workers in Port Selby stayed off the job on Wednesday, the union said. "
        "\"We will not unload a single ship,\" union leader Mara Quist told reporters. She said about 2,000 "
        "workers had joined the strike. <script>alert(1)</script>",
        title="Harbour strike <b>enters</b> third day", published="2031-05-14", url="javascript:alert(1)",
        path="harbour.txt",
    ),
    RawReport(
        text="At least 35 container ships were waiting outside Port Selby on Thursday, the port authority said. "
        "A spokesman, Olek Brandvik, said the authority could not confirm the union's figure of 2,000 strikers.",
        title="Cargo backlog grows", published="2031-05-15", path="backlog.md",
    ),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "ledger.db"
    with Store.open(db) as store:
        for extraction in extract_reports(REPORTS):
            store.add(extraction)
    application = create_app(db, allow_hosts=("testserver", "localhost"))  # the host names schemathesis sends
    yield application
    application.state.ledger.close()


def test_no_request_breaks_the_server(app):
    """Each operation of the schema in turn, driven by Hypothesis from schemathesis's case strategy.

    (schemathesis's own pytest fixture loader fails under pytest 9, so the
    operations are walked here.)
    """
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(op.path.startswith("/api/") for op in operations)
    tried = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            nonlocal tried
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            policy = " ".join(response.headers.get("content-security-policy", []))
            assert policy.startswith("default-src 'none'") and "script-src" not in policy, operation.path
            tried += 1

        check()
    assert tried >= len(operations)
