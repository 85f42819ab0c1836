"""Security: chats that never change business, login codes, ending sessions, staff invitations.

- conversation.current: a phone has one current chat per number and any number of ended ones
  (the unique index moves from (channel_number, phone) to (channel_number, phone, current),
  where ended chats hold NULL).
- login_code, login_session, invitation: new tables.
- Login links written into transcripts and the outbox before this release are blanked out.
"""

import re

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    Model,
)

LOGIN_LINK = re.compile(r"\S*/login/[A-Za-z0-9_\-]{16,}")
HIDDEN = "[enlace de acceso]"


def frozen_models(db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Organization(Base):
        id = AutoField()

    class Staff(Base):
        id = AutoField()

    class LoginCode(Base):
        id = AutoField()
        phone = CharField(max_length=20)
        staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")
        code_hash = CharField(max_length=120)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)
        created_at = DateTimeField()

        class Meta:
            indexes = [(("phone", "created_at"), False)]

    class LoginSession(Base):
        id = AutoField()
        token_hash = CharField(max_length=64, unique=True)
        staff = ForeignKeyField(Staff, null=True, on_delete="CASCADE")
        operator = CharField(max_length=20, null=True)
        created_at = DateTimeField()
        last_seen_at = DateTimeField()
        ended_at = DateTimeField(null=True)

        class Meta:
            indexes = [(("staff", "ended_at"), False), (("operator", "ended_at"), False)]

    class Invitation(Base):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        staff = ForeignKeyField(Staff, on_delete="CASCADE")
        phone = CharField(max_length=20)
        invited_by = CharField(max_length=120)
        created_at = DateTimeField()
        expires_at = DateTimeField()
        answered_at = DateTimeField(null=True)
        accepted = BooleanField(null=True)

        class Meta:
            indexes = [(("phone", "answered_at"), False), (("staff", "created_at"), False)]

    return [LoginCode, LoginSession, Invitation]


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("conversation", "current", BooleanField(null=True, default=True)),
        migrator.drop_index("conversation", "conversation_channel_number_phone"),
        migrator.add_index("conversation", ("channel_number", "phone", "current"), True),
    )
    db.create_tables(frozen_models(db))
    _hide_login_links(db)


def down(migrator, db):
    db.drop_tables(list(reversed(frozen_models(db))))
    db.execute_sql('DELETE FROM "conversation" WHERE "current" IS NULL')
    migrator.migrate(
        migrator.drop_index("conversation", "conversation_channel_number_phone_current"),
        migrator.drop_column("conversation", "current"),
        migrator.add_index("conversation", ("channel_number", "phone"), True),
    )


def _hide_login_links(db):
    for table, columns in (("message", ("body", "reply")), ("notification", ("body",))):
        for column in columns:
            rows = db.execute_sql(
                f'SELECT "id", "{column}" FROM "{table}" WHERE "{column}" LIKE {db.param}',
                ("%/login/%",),
            ).fetchall()
            for row_id, text in rows:
                hidden = LOGIN_LINK.sub(HIDDEN, text or "")
                if hidden != text:
                    db.execute_sql(
                        f'UPDATE "{table}" SET "{column}" = {db.param} WHERE "id" = {db.param}',
                        (hidden, row_id),
                    )
