"""The OpenAPI description is valid, and the running API answers as it describes."""

from __future__ import annotations

import jsonschema_rs
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.definitions import OPENAPI_30

from domain.auth import create_api_token

# Business rules refuse some schema-valid requests with a documented 422 (a range whose end
# comes before its start, a phone that is no real number, a blank name); never with a 5xx.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "404", "409", "422"]}
        }
    }
)


def test_the_description_validates_against_the_openapi_3_0_schema(client):
    spec = client.get("/api/v1/openapi.json").json
    jsonschema_rs.Draft4Validator(OPENAPI_30).validate(spec)
    assert spec["servers"] == [{"url": "https://yume.example.mx/api/v1"}]


def test_the_api_answers_as_described(live_server, org, clock):
    """Schemathesis sends a few generated requests per operation to the app on 127.0.0.1."""
    _token, raw = create_api_token(org, "schemathesis", clock.now())
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json", config=CONFIG)
    base_url = f"{live_server}/api/v1"
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(base_url=base_url, headers={"Authorization": f"Bearer {raw}"})

        check()
