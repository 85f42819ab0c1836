"""Initial schema: every table of the first release.

A frozen copy of the models as they were, on purpose: later changes to domain/models.py must
come with a new numbered migration and must not change what this one creates.
"""

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def frozen_models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organization(Base):
        id = AutoField()
        name = CharField(max_length=120)
        code = CharField(max_length=24, unique=True)
        business_type = CharField(max_length=40)
        timezone = CharField(max_length=64)
        whatsapp_number = CharField(max_length=20, null=True, unique=True)
        status = CharField(max_length=20)
        slot_interval_min = IntegerField()
        min_notice_min = IntegerField()
        horizon_days = IntegerField()
        cancel_cutoff_hours = IntegerField()
        reminder_hours = IntegerField()
        second_reminder_hours = IntegerField(null=True)
        daily_summary_time = CharField(max_length=5)
        summary_to_staff = BooleanField()
        notify_new_booking = BooleanField()
        notify_cancellation = BooleanField()
        notify_reschedule = BooleanField()
        notify_handoff = BooleanField()
        thank_you_enabled = BooleanField()
        rebook_nudge_weeks = IntegerField(null=True)
        next_number = IntegerField()
        feed_token = CharField(max_length=64, unique=True)
        created_at = DateTimeField()

    class Location(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        name = CharField(max_length=120)
        address = TextField()
        hours = TextField()
        active = BooleanField()

    class Service(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        name = CharField(max_length=120)
        duration_min = IntegerField()
        price_cents = IntegerField()
        buffer_min = IntegerField()
        active = BooleanField()
        position = IntegerField()

        class Meta:
            indexes = [(("org", "name"), True)]

    class Staff(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        location = ForeignKeyField(Location, null=True, on_delete="SET NULL")
        name = CharField(max_length=120)
        phone = CharField(max_length=20, null=True)
        role = CharField(max_length=20)
        active = BooleanField()
        hours = TextField(null=True)
        feed_token = CharField(max_length=64, unique=True)
        position = IntegerField()

        class Meta:
            indexes = [(("org", "phone"), True)]

    class StaffService(Base):
        id = AutoField()
        staff = ForeignKeyField(Staff, on_delete="CASCADE")
        service = ForeignKeyField(Service, on_delete="CASCADE")

        class Meta:
            indexes = [(("staff", "service"), True)]

    class Spot(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        location = ForeignKeyField(Location, on_delete="CASCADE")
        name = CharField(max_length=80)
        kind = CharField(max_length=20)
        active = BooleanField()

    class SpotService(Base):
        id = AutoField()
        spot = ForeignKeyField(Spot, on_delete="CASCADE")
        service = ForeignKeyField(Service, on_delete="CASCADE")

        class Meta:
            indexes = [(("spot", "service"), True)]

    class Customer(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        phone = CharField(max_length=20, null=True)
        name = CharField(max_length=120)
        name_confirmed = BooleanField()
        notes = TextField()
        no_show_count = IntegerField()
        opted_out_at = DateTimeField(null=True)
        last_inbound_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            indexes = [(("org", "phone"), True), (("org", "name"), False)]

    class Appointment(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        location = ForeignKeyField(Location, on_delete="CASCADE")
        number = IntegerField()
        customer = ForeignKeyField(Customer, on_delete="CASCADE")
        service = ForeignKeyField(Service, on_delete="RESTRICT")
        staff = ForeignKeyField(Staff, on_delete="RESTRICT")
        spot = ForeignKeyField(Spot, null=True, on_delete="SET NULL")
        start_at = DateTimeField()
        end_at = DateTimeField()
        busy_until = DateTimeField()
        status = CharField(max_length=20)
        source = CharField(max_length=20)
        price_cents = IntegerField()
        notes = TextField()
        scheduled_at = DateTimeField()
        confirmed_at = DateTimeField(null=True)
        cancelled_at = DateTimeField(null=True)
        cancelled_by = CharField(max_length=20, null=True)
        cancel_reason = TextField()
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = [
                (("org", "number"), True),
                (("org", "start_at"), False),
                (("staff", "start_at"), False),
                (("spot", "start_at"), False),
                (("customer", "start_at"), False),
            ]

    class TimeBlock(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        location = ForeignKeyField(Location, null=True, on_delete="CASCADE")
        staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")
        number = IntegerField()
        start_at = DateTimeField()
        end_at = DateTimeField()
        reason = CharField(max_length=200)
        kind = CharField(max_length=20)
        created_at = DateTimeField()

        class Meta:
            indexes = [
                (("org", "number"), True),
                (("org", "start_at"), False),
                (("staff", "start_at"), False),
            ]

    class Conversation(Base):
        id = AutoField()
        channel_number = CharField(max_length=20)
        phone = CharField(max_length=20)
        org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
        role = CharField(max_length=20)
        flow = CharField(max_length=40, null=True)
        state = CharField(max_length=40, null=True)
        slots = TextField()
        misunderstood = IntegerField()
        handoff_until = DateTimeField(null=True)
        last_inbound_at = DateTimeField(null=True)
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            indexes = [(("channel_number", "phone"), True), (("org", "updated_at"), False)]

    class Message(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
        conversation = ForeignKeyField(Conversation, null=True, on_delete="CASCADE")
        direction = CharField(max_length=4)
        sid = CharField(max_length=64, null=True, unique=True)
        from_number = CharField(max_length=40)
        to_number = CharField(max_length=40)
        body = TextField()
        num_media = IntegerField()
        payload = TextField()
        reply = TextField(null=True)
        status = CharField(max_length=20)
        used_llm = BooleanField()
        created_at = DateTimeField()

        class Meta:
            indexes = [
                (("conversation", "created_at"), False),
                (("from_number", "created_at"), False),
                (("org", "created_at"), False),
            ]

    class Notification(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
        recipient = CharField(max_length=20)
        customer = ForeignKeyField(Customer, null=True, on_delete="SET NULL")
        staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
        appointment = ForeignKeyField(Appointment, null=True, on_delete="SET NULL")
        kind = CharField(max_length=40)
        body = TextField()
        template_sid = CharField(max_length=64, null=True)
        variables = TextField()
        dedup_key = CharField(max_length=200, unique=True)
        status = CharField(max_length=20)
        attempts = IntegerField()
        due_at = DateTimeField()
        next_attempt_at = DateTimeField()
        locked_until = DateTimeField(null=True)
        provider_sid = CharField(max_length=64, null=True, unique=True)
        delivery_status = CharField(max_length=20, null=True)
        last_error = TextField()
        created_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        updated_at = DateTimeField()

        class Meta:
            indexes = [(("status", "next_attempt_at"), False), (("org", "created_at"), False)]

    class LoginToken(Base):
        id = AutoField()
        phone = CharField(max_length=20)
        staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")
        token_hash = CharField(max_length=64, unique=True)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            indexes = [(("phone", "created_at"), False)]

    class ApiToken(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        name = CharField(max_length=80)
        prefix = CharField(max_length=12)
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

    class AuditLog(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, null=True, on_delete="CASCADE")
        actor = CharField(max_length=120)
        action = CharField(max_length=60)
        detail = TextField()
        created_at = DateTimeField()

        class Meta:
            indexes = [(("org", "created_at"), False)]

    return [
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
        Notification,
        LoginToken,
        ApiToken,
        AuditLog,
    ]


def up(migrator, db):
    db.create_tables(frozen_models(db))


def down(migrator, db):
    db.drop_tables(list(reversed(frozen_models(db))))
