"""The owner's own questions and answers ("¿Tienen estacionamiento?"), for customers."""

from __future__ import annotations

import datetime as dt

from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.models import FaqEntry, Organization

MAX_QUESTION = 200
MAX_ANSWER = 1000


def questions(org: Organization) -> list[FaqEntry]:
    """The business's questions in the owner's order."""
    return list(
        FaqEntry.select().where(FaqEntry.org == org).order_by(FaqEntry.position, FaqEntry.id)
    )


def add_question(
    org: Organization, question: str, answer: str, *, now: dt.datetime | None = None
) -> FaqEntry:
    question, answer = _checked(question, answer)
    with db.atomic():
        position = FaqEntry.select().where(FaqEntry.org == org).count()
        return FaqEntry.create(
            org=org,
            question=question,
            answer=answer,
            position=position,
            created_at=now or dt.datetime.now(dt.UTC),
        )


def get_question(org: Organization, entry_id: int) -> FaqEntry:
    entry = FaqEntry.get_or_none((FaqEntry.org == org) & (FaqEntry.id == entry_id))
    if entry is None:
        raise NotFound("No encontré esa pregunta.")
    return entry


def update_question(org: Organization, entry_id: int, question: str, answer: str) -> FaqEntry:
    entry = get_question(org, entry_id)
    entry.question, entry.answer = _checked(question, answer)
    entry.save()
    return entry


def remove_question(org: Organization, entry_id: int) -> None:
    get_question(org, entry_id).delete_instance()


def _checked(question: str, answer: str) -> tuple[str, str]:
    question, answer = " ".join((question or "").split()), (answer or "").strip()
    if len(question) < 3:
        raise InvalidInput("Escribe la pregunta como la haría un cliente.")
    if len(question) > MAX_QUESTION:
        raise InvalidInput(f"La pregunta puede tener hasta {MAX_QUESTION} caracteres.")
    if not answer:
        raise InvalidInput("Escribe la respuesta.")
    if len(answer) > MAX_ANSWER:
        raise InvalidInput(f"La respuesta puede tener hasta {MAX_ANSWER} caracteres.")
    return question, answer
