"""Dashboard test helpers: a business, another business, and logging in through a real link."""

from __future__ import annotations

import re

import pytest

from domain.auth import issue_login_token
from tests.factories import salon, staff


@pytest.fixture
def org(database):
    """Estética Luna: Ana (owner), Sofía and Carlos (employees)."""
    return salon()


@pytest.fixture
def other(database):
    """Another business, whose data must never show."""
    return salon()


class Visitor:
    """A test client that logs in through a magic link and sends each form's CSRF token."""

    def __init__(self, client, clock):
        self.client, self.clock = client, clock

    def login(self, member=None, *, phone=None):
        """Log in as member (or as the operator with phone) through POST /login/<token>."""
        raw = issue_login_token(phone or member.phone, member, self.clock.now())
        self.client.get(f"/login/{raw}")
        response = self.post(f"/login/{raw}")
        assert response.status_code == 302, response.text
        return self

    def csrf(self) -> str:
        with self.client.session_transaction() as session:
            return session.setdefault("csrf", "test-csrf-token")

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf()}, **kwargs)


@pytest.fixture
def visitor(client, clock):
    return Visitor(client, clock)


@pytest.fixture
def owner(visitor, org):
    return visitor.login(staff(org, "Ana"))


@pytest.fixture
def employee(visitor, org):
    return visitor.login(staff(org, "Sofía"))


@pytest.fixture
def stranger(visitor, other):
    """The owner of the other business."""
    return visitor.login(staff(other, "Ana"))


def text_of(response) -> str:
    """The visible text of a page, roughly: tags dropped, spaces collapsed."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
