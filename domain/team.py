"""Who is on a business's team: a phone joins only when that phone says yes.

Adding someone's WhatsApp (dashboard, API, onboarding, staff commands) writes an invitation
and a message to that phone ("Ana te agregó al equipo de Estética Luna. Responde *sí* para
aceptar"). Until it answers yes the staff member has no phone: the number stays what it was
before (a customer, an operator, or nobody), its chats stay where they were, and it cannot log
in as staff. Every path that adds or changes a member's phone goes through `set_phone`.
"""

from __future__ import annotations

import datetime as dt

from peewee import IntegrityError

from domain import audit, auth, outbox
from domain.db import db
from domain.errors import InvalidInput, InvalidState
from domain.models import Invitation, Organization, Staff

LIFETIME = dt.timedelta(days=7)

ACCEPTED = (
    "¡Listo! Ya eres parte del equipo de {org}. Escribe *ayuda* para ver tus comandos o "
    "*panel* para entrar al panel."
)
DECLINED = "Listo, no te agregamos al equipo de {org}."
INVITED = (
    "Le mandamos a {name} una invitación por WhatsApp: su número quedará en el equipo cuando "
    "responda que sí."
)
EXPIRED = "Esa invitación ya no está vigente. Pídele a quien te invitó que te agregue de nuevo."


def invitation_text(by: str, org: Organization) -> str:
    inviter = by or "Alguien"
    return (
        f"{inviter} te agregó al equipo de {org.name} en Yume. Responde *sí* para aceptar o "
        "*no* para rechazar la invitación."
    )


def invited_text(names: list[str]) -> str:
    """What a new business's owner reads about the team they named ("" for nobody)."""
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]
    return (
        f"Le mandé a {who} una invitación por WhatsApp: se une al equipo cuando responda *sí*."
        if len(names) == 1
        else f"Les mandé a {who} una invitación por WhatsApp: se unen al equipo cuando "
        "respondan *sí*."
    )


def set_phone(
    org: Organization, member: Staff, phone: str | None, *, by: str, now: dt.datetime
) -> Invitation | None:
    """Give member this WhatsApp number: an invitation that phone must accept.

    The same confirmed number changes nothing; no number (or another one) takes the old one
    away at once, with its dashboard sessions. Returns the invitation written, if any.
    """
    if phone == member.phone:
        return None
    waiting = pending(org, now).get(member.id)
    if waiting is not None and waiting.phone == phone:
        return waiting  # asked already: saving the form again sends nothing more
    with db.atomic():
        if member.phone is not None:
            member.phone = None
            member.save()
            auth.end_sessions(staff=member, now=now)
        _withdraw(member, now)
        if phone is None:
            return None
        return invite(org, member, phone, by=by, now=now)


def invite(
    org: Organization, member: Staff, phone: str, *, by: str, now: dt.datetime
) -> Invitation:
    """Ask phone to join org's team as member; the phone joins when it answers yes."""
    if member.org_id != org.id:
        raise InvalidInput("Esa persona no es de este negocio.")
    taken = Staff.select().where(Staff.org == org, Staff.phone == phone, Staff.id != member.id)
    if taken.exists():
        raise InvalidInput("Ese WhatsApp ya es de otra persona del equipo.")
    with db.atomic():
        _withdraw(member, now)
        invitation = Invitation.create(
            org=org,
            staff=member,
            phone=phone,
            invited_by=by[:120],
            created_at=now,
            expires_at=now + LIFETIME,
        )
        outbox.enqueue(
            recipient=phone,
            kind="staff_invitation",
            body=invitation_text(by, org),
            variables={"1": by or "Alguien", "2": org.name},
            dedup_key=f"staff_invitation:{invitation.id}",
            now=now,
            org=org,
        )
    return invitation


def pending(org: Organization, now: dt.datetime) -> dict[int, Invitation]:
    """The open invitations of a business's team, by staff member."""
    rows = Invitation.select().where(
        Invitation.org == org, Invitation.answered_at.is_null(), Invitation.expires_at > now
    )
    return {row.staff_id: row for row in rows}


def open_invitation(
    phone: str, now: dt.datetime, *, org: Organization | None = None
) -> Invitation | None:
    """The latest invitation phone has not answered: from org, or (org None, a message to the
    platform's number) from any business without a number of its own."""
    query = (
        Invitation.select(Invitation, Organization)
        .join(Organization)
        .where(
            Invitation.phone == phone,
            Invitation.answered_at.is_null(),
            Invitation.expires_at > now,
            Organization.status == "active",
        )
    )
    if org is not None:
        query = query.where(Invitation.org == org)
    else:
        query = query.where(Organization.whatsapp_number.is_null())
    return query.order_by(Invitation.created_at.desc(), Invitation.id.desc()).first()


def answer(invitation: Invitation, accepted: bool, now: dt.datetime) -> Staff | None:
    """Record the phone's answer; on yes the member gets the phone. Returns the member."""
    with db.atomic():
        changed = (
            Invitation.update(answered_at=now, accepted=accepted)
            .where(Invitation.id == invitation.id, Invitation.answered_at.is_null())
            .execute()
        )
        if changed != 1:
            raise InvalidState(EXPIRED)
        actor = f"phone:{invitation.phone}"
        org = invitation.org
        if not accepted:
            audit.record(actor, "invitation_declined", now=now, org=org)
            return None
        member = Staff.get_by_id(invitation.staff_id)
        if not member.active:
            raise InvalidState(EXPIRED)
        member.phone = invitation.phone
        try:
            with db.atomic():
                member.save()
        except IntegrityError:
            raise InvalidState(EXPIRED) from None
        audit.record(actor, "invitation_accepted", now=now, org=org, staff=member.id)
    return member


def _withdraw(member: Staff, now: dt.datetime) -> None:
    """Earlier open invitations of this member stop counting."""
    Invitation.update(answered_at=now, accepted=False).where(
        Invitation.staff == member, Invitation.answered_at.is_null()
    ).execute()
