"""The data model. One business is one Organization; every other row hangs from one.

Times are aware UTC datetimes in Python and naive UTC in the database (UTCDateTimeField).
Business hours are JSON: {"0": [["10:00", "20:00"]], …} with 0 = Monday; a weekday that is
missing or empty is a closed day. Schema changes go through domain/migrations, never through
create_tables outside them.
"""

from __future__ import annotations

import datetime as dt
import secrets

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from domain.db import JSONField, UTCDateTimeField, db


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Organization(BaseModel):
    id = AutoField()
    name = CharField(max_length=120)
    code = CharField(max_length=24, unique=True)  # for shared-number mode and wa.me links
    business_type = CharField(max_length=40, default="salon")
    timezone = CharField(max_length=64, default="America/Mexico_City")
    whatsapp_number = CharField(max_length=20, null=True, unique=True)
    status = CharField(max_length=20, default="active")  # active | suspended
    slot_interval_min = IntegerField(default=15)
    min_notice_min = IntegerField(default=60)
    horizon_days = IntegerField(default=60)
    cancel_cutoff_hours = IntegerField(default=4)
    reminder_hours = IntegerField(default=24)
    second_reminder_hours = IntegerField(null=True)
    daily_summary_time = CharField(max_length=5, default="07:30")  # local HH:MM
    summary_to_staff = BooleanField(default=False)
    notify_new_booking = BooleanField(default=True)
    notify_cancellation = BooleanField(default=True)
    notify_reschedule = BooleanField(default=True)
    notify_handoff = BooleanField(default=True)
    thank_you_enabled = BooleanField(default=False)
    rebook_nudge_weeks = IntegerField(null=True)
    payment_methods = TextField(default="")  # as the owner writes them: "efectivo y tarjeta"
    next_number = IntegerField(default=1)  # short numbers (#41) of appointments and blocks
    feed_token = CharField(max_length=64, unique=True, default=new_secret)
    created_at = UTCDateTimeField(default=utcnow)


class Location(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="locations", on_delete="CASCADE")
    name = CharField(max_length=120)
    address = TextField(default="")
    hours = JSONField(default=dict)
    active = BooleanField(default=True)
    latitude = FloatField(null=True)  # for the map link and WhatsApp's location message
    longitude = FloatField(null=True)


class Service(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="services", on_delete="CASCADE")
    name = CharField(max_length=120)
    duration_min = IntegerField()
    price_cents = IntegerField(default=0)
    buffer_min = IntegerField(default=0)
    active = BooleanField(default=True)
    position = IntegerField(default=0)
    synonyms = TextField(default="")  # other names customers use, comma-separated

    class Meta:
        indexes = ((("org", "name"), True),)


class Staff(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="staff", on_delete="CASCADE")
    location = ForeignKeyField(Location, null=True, on_delete="SET NULL")
    name = CharField(max_length=120)
    phone = CharField(max_length=20, null=True)  # E.164
    role = CharField(max_length=20, default="employee")  # owner | employee
    active = BooleanField(default=True)
    hours = JSONField(null=True)  # None: the location's hours
    feed_token = CharField(max_length=64, unique=True, default=new_secret)
    position = IntegerField(default=0)
    color = IntegerField(null=True)  # index into the agenda's palette; None: by position

    PALETTE = 8

    class Meta:
        indexes = ((("org", "phone"), True),)

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    @property
    def hue(self) -> int:
        """The agenda colour: the chosen one, or one told apart by position."""
        return self.color if self.color is not None else self.position % self.PALETTE


class StaffService(BaseModel):
    staff = ForeignKeyField(Staff, on_delete="CASCADE")
    service = ForeignKeyField(Service, on_delete="CASCADE")

    class Meta:
        indexes = ((("staff", "service"), True),)


class Spot(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="spots", on_delete="CASCADE")
    location = ForeignKeyField(Location, backref="spots", on_delete="CASCADE")
    name = CharField(max_length=80)
    kind = CharField(max_length=20, default="chair")  # chair | table | room
    active = BooleanField(default=True)


class SpotService(BaseModel):
    spot = ForeignKeyField(Spot, on_delete="CASCADE")
    service = ForeignKeyField(Service, on_delete="CASCADE")

    class Meta:
        indexes = ((("spot", "service"), True),)


class Customer(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="customers", on_delete="CASCADE")
    phone = CharField(max_length=20, null=True)
    name = CharField(max_length=120, default="")
    name_confirmed = BooleanField(default=False)  # False while it is only the WhatsApp name
    notes = TextField(default="")
    no_show_count = IntegerField(default=0)
    opted_out_at = UTCDateTimeField(null=True)  # "baja": no reminders or nudges
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("org", "phone"), True), (("org", "name"), False))


class Appointment(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="appointments", on_delete="CASCADE")
    location = ForeignKeyField(Location, on_delete="CASCADE")
    number = IntegerField()
    customer = ForeignKeyField(Customer, backref="appointments", on_delete="CASCADE")
    attendee = CharField(max_length=120, default="")  # who comes, when not the customer
    service = ForeignKeyField(Service, on_delete="RESTRICT")
    staff = ForeignKeyField(Staff, backref="appointments", on_delete="RESTRICT")
    spot = ForeignKeyField(Spot, null=True, on_delete="SET NULL")
    start_at = UTCDateTimeField()
    end_at = UTCDateTimeField()
    busy_until = UTCDateTimeField()  # end_at plus the service's buffer
    status = CharField(max_length=20, default="booked")
    source = CharField(max_length=20, default="whatsapp")  # whatsapp | walk_in | dashboard | api
    price_cents = IntegerField(default=0)
    notes = TextField(default="")
    scheduled_at = UTCDateTimeField(default=utcnow)  # when start_at was last chosen
    confirmed_at = UTCDateTimeField(null=True)
    cancelled_at = UTCDateTimeField(null=True)
    cancelled_by = CharField(max_length=20, null=True)  # customer | business
    cancel_reason = TextField(default="")
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow)

    ACTIVE = ("booked", "confirmed")
    STATUSES = ("booked", "confirmed", "completed", "cancelled", "no_show")

    class Meta:
        indexes = (
            (("org", "number"), True),
            (("org", "start_at"), False),
            (("staff", "start_at"), False),
            (("spot", "start_at"), False),
            (("customer", "start_at"), False),
            # Covers the Resumen's grouped figures (domain/figures.py, migration 0021).
            (("org", "start_at", "status", "staff", "service", "source", "price_cents"), False),
        )

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @classmethod
    def with_people(cls):
        """Appointments with their customer, service and staff member read in the same query."""
        return (
            cls.select(cls, Customer, Service, Staff)
            .join(Customer, on=(cls.customer == Customer.id))
            .switch(cls)
            .join(Service, on=(cls.service == Service.id))
            .switch(cls)
            .join(Staff, on=(cls.staff == Staff.id))
            .switch(cls)
        )


class TimeBlock(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="blocks", on_delete="CASCADE")
    location = ForeignKeyField(Location, null=True, on_delete="CASCADE")
    staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")  # None: the whole business
    number = IntegerField()
    start_at = UTCDateTimeField()
    end_at = UTCDateTimeField()
    reason = CharField(max_length=200, default="")
    kind = CharField(max_length=20, default="block")  # block | holiday
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("org", "number"), True),
            (("org", "start_at"), False),
            (("staff", "start_at"), False),
        )


class Conversation(BaseModel):
    """One chat: a phone writing to one of our numbers. Holds the flow's saved state."""

    id = AutoField()
    channel_number = CharField(max_length=20)  # the number they wrote to
    phone = CharField(max_length=20)
    org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    role = CharField(max_length=20, default="customer")  # customer | staff | onboarding
    flow = CharField(max_length=40, null=True)
    state = CharField(max_length=40, null=True)
    slots = JSONField(default=dict)
    misunderstood = IntegerField(default=0)
    formal = BooleanField(default=False)  # the person writes in *usted*: we answer in kind
    handoff_until = UTCDateTimeField(null=True)
    # A staff member who wrote to this customer through the business's number gets the
    # customer's replies until relay_until (see domain.staff_messages).
    relay_staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    relay_until = UTCDateTimeField(null=True)
    last_inbound_at = UTCDateTimeField(null=True)
    # True for the chat a new message joins, NULL once it ended (NULLs do not collide in the
    # unique index, so one phone keeps one current chat per number and any number of old ones).
    # A chat's business never changes: another business, or a new staff membership, ends it.
    current = BooleanField(null=True, default=True)
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("channel_number", "phone", "current"), True),
            (("org", "updated_at"), False),
        )


class Message(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    conversation = ForeignKeyField(Conversation, null=True, on_delete="CASCADE")
    direction = CharField(max_length=4)  # in | out
    sid = CharField(max_length=64, null=True, unique=True)
    from_number = CharField(max_length=40)
    to_number = CharField(max_length=40)
    body = TextField(default="")
    num_media = IntegerField(default=0)
    payload = JSONField(default=dict)  # every field the provider sent
    reply = TextField(null=True)  # for inbound: what we answered, returned again on retries
    status = CharField(max_length=20, default="received")
    used_llm = BooleanField(default=False)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("conversation", "created_at"), False),
            (("from_number", "created_at"), False),
            (("org", "created_at"), False),
        )


class FaqEntry(BaseModel):
    """A question an owner answers once for every customer ("¿Tienen estacionamiento?")."""

    id = AutoField()
    org = ForeignKeyField(Organization, backref="faq", on_delete="CASCADE")
    question = CharField(max_length=200)
    answer = TextField()
    position = IntegerField(default=0)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("org", "position"), False),)


class Notification(BaseModel):
    """The outbox: every message Yume starts, written with the change that causes it."""

    id = AutoField()
    org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    recipient = CharField(max_length=20)
    customer = ForeignKeyField(Customer, null=True, on_delete="SET NULL")
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    appointment = ForeignKeyField(Appointment, null=True, on_delete="SET NULL")
    kind = CharField(max_length=40)
    body = TextField(default="")
    template_sid = CharField(max_length=64, null=True)
    variables = JSONField(default=dict)
    dedup_key = CharField(max_length=200, unique=True)
    status = CharField(max_length=20, default="pending")
    attempts = IntegerField(default=0)
    due_at = UTCDateTimeField(default=utcnow)
    next_attempt_at = UTCDateTimeField(default=utcnow)
    locked_until = UTCDateTimeField(null=True)
    provider_sid = CharField(max_length=64, null=True, unique=True)
    delivery_status = CharField(max_length=20, null=True)
    last_error = TextField(default="")
    created_at = UTCDateTimeField(default=utcnow)
    sent_at = UTCDateTimeField(null=True)
    updated_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = (
            (("status", "next_attempt_at"), False),
            (("org", "created_at"), False),
        )


class LoginToken(BaseModel):
    id = AutoField()
    phone = CharField(max_length=20)
    staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")  # None: platform operator
    token_hash = CharField(max_length=64, unique=True)
    expires_at = UTCDateTimeField()
    used_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("phone", "created_at"), False),)


class LoginCode(BaseModel):
    """A six-digit code sent when WhatsApp allows no link; salted and hashed, never stored raw."""

    id = AutoField()
    phone = CharField(max_length=20)
    staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")  # None: platform operator
    code_hash = CharField(max_length=120)
    expires_at = UTCDateTimeField()
    used_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("phone", "created_at"), False),)


class LoginSession(BaseModel):
    """A dashboard session: the cookie holds its raw id, the database its hash and its end."""

    id = AutoField()
    token_hash = CharField(max_length=64, unique=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")
    operator = CharField(max_length=20, null=True)  # the operator's phone
    created_at = UTCDateTimeField(default=utcnow)
    last_seen_at = UTCDateTimeField(default=utcnow)
    ended_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("staff", "ended_at"), False), (("operator", "ended_at"), False))


class Invitation(BaseModel):
    """A phone asked to join a business's team; it becomes staff only when it answers yes."""

    id = AutoField()
    org = ForeignKeyField(Organization, backref="invitations", on_delete="CASCADE")
    staff = ForeignKeyField(Staff, backref="invitations", on_delete="CASCADE")
    phone = CharField(max_length=20)
    invited_by = CharField(max_length=120, default="")  # a name, for the message
    created_at = UTCDateTimeField(default=utcnow)
    expires_at = UTCDateTimeField()
    answered_at = UTCDateTimeField(null=True)
    accepted = BooleanField(null=True)

    class Meta:
        indexes = ((("phone", "answered_at"), False), (("staff", "created_at"), False))


class ApiToken(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, backref="api_tokens", on_delete="CASCADE")
    name = CharField(max_length=80)
    prefix = CharField(max_length=12)  # shown in the dashboard to tell tokens apart
    token_hash = CharField(max_length=64, unique=True)
    created_at = UTCDateTimeField(default=utcnow)
    last_used_at = UTCDateTimeField(null=True)
    revoked_at = UTCDateTimeField(null=True)


class AuditLog(BaseModel):
    id = AutoField()
    org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    actor = CharField(max_length=120)
    action = CharField(max_length=60)
    detail = JSONField(default=dict)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("org", "created_at"), False),)


MODELS = [
    Organization,
    Location,
    Service,
    Staff,
    StaffService,
    Spot,
    SpotService,
    Customer,
    Appointment,
    TimeBlock,
    Conversation,
    Message,
    FaqEntry,
    Notification,
    LoginToken,
    LoginCode,
    LoginSession,
    Invitation,
    ApiToken,
    AuditLog,
]
