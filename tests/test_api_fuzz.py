"""Property-based fuzzing of the JSON API and the CSV export from their own OpenAPI schema.

Schemathesis reads ``/api/openapi.json`` from the app in-process (ASGI, no server), generates
requests for every operation (valid ones and, in its negative mode, deliberately invalid ones)
and checks each response: never a 5xx, and a documented status with a body that matches the
schema. A bounded number of examples per operation keeps it quick.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from app.web.main import CSP, create_app

pytestmark = pytest.mark.db

MAX_EXAMPLES = 25


# The schema does not depend on the data, so it is read at import from an app over an empty in-memory
# database; each request then goes to the app over the fixture corpus (``web_app``). (Schemathesis's
# lazy ``from_fixture`` loader does not work with pytest 9: it sets ``node._nodeid``, which pytest 9
# no longer has.)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app("sqlite://"))
schema.config.generation.update(max_examples=MAX_EXAMPLES)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_every_generated_request(case: Any, web_app: FastAPI) -> None:
    response = case.call(app=web_app)
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
    assert response.headers.get("content-security-policy") == [CSP]
    assert response.headers.get("x-content-type-options") == ["nosniff"]
    assert "Traceback" not in response.text
