"""Conversations: transcripts and the hand-off queue, where a person takes over a chat."""

from __future__ import annotations

import secrets

from flask import flash, redirect, render_template, request, url_for

from domain import handoff
from domain.errors import DomainError
from domain.models import Customer
from web.dashboard import blueprint, clock, settings
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("conversations", __name__, "/chats")


@bp.get("/")
@login_required
def index():
    org, now = viewer().org, clock().now()
    before = request.args.get("antes", "")
    waiting = handoff.queue(org, now)
    recent = handoff.recent(org, before=int(before) if before.isdigit() else None)
    return render_template(
        "dashboard/conversations.html",
        waiting=waiting,
        recent=recent,
        last=handoff.last_messages(waiting + recent),
        names=_names(org),
    )


def _names(org) -> dict[str, str]:
    """Customers' names by phone, to show who is writing."""
    return {
        phone: name
        for phone, name in Customer.select(Customer.phone, Customer.name)
        .where(Customer.org == org, Customer.phone.is_null(False))
        .tuples()
    }


@bp.get("/<int:conversation_id>")
@login_required
def show(conversation_id: int, form: Form | None = None, status: int = 200):
    org, now = viewer().org, clock().now()
    conversation = handoff.get_conversation(org, conversation_id)
    return render_template(
        "dashboard/conversation.html",
        conversation=conversation,
        messages=handoff.transcript(conversation),
        handed_off=handoff.is_handed_off(conversation, now),
        attendant=handoff.attendant(conversation, now),
        outside_window=handoff.outside_window(conversation, now),
        name=_names(org).get(conversation.phone, ""),
        nonce=secrets.token_urlsafe(12),
        form=form or Form({}),
    ), status


@bp.post("/<int:conversation_id>/<action>")
@login_required
def act(conversation_id: int, action: str):
    """Take over, reply as a person, or hand the chat back to the bot."""
    owner_only()
    who, now = viewer(), clock().now()
    conversation = handoff.get_conversation(who.org, conversation_id)
    if action == "tomar":
        hours = settings().app.handoff_hours
        handoff.take_over(conversation, actor=who.actor, name=who.name, hours=hours, now=now)
        flash(f"Tomaste la conversación: el bot no contestará durante {hours} horas.")
    elif action == "devolver":
        handoff.hand_back(conversation, actor=who.actor, now=now)
        flash("Conversación devuelta al bot.")
    elif action == "responder":
        form = Form(request.form)
        try:
            if not handoff.is_handed_off(conversation, now):
                handoff.take_over(
                    conversation,
                    actor=who.actor,
                    name=who.name,
                    hours=settings().app.handoff_hours,
                    now=now,
                )
            sent = handoff.reply(
                conversation,
                form.raw("body"),
                nonce=form.raw("nonce") or secrets.token_urlsafe(12),
                now=now,
            )
        except DomainError as error:
            form.error("body", error.message)
            return show(conversation_id, form=form, status=422)
        flash("Mensaje enviado." if sent else "Ese mensaje ya se había enviado.")
    else:
        return render_template("error.html", code=404, message="Acción desconocida."), 404
    return redirect(url_for(".show", conversation_id=conversation_id)), 303
