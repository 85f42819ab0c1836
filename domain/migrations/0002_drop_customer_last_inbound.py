"""Customers lose last_inbound_at: WhatsApp's 24-hour window is read from the conversation
(Conversation.last_inbound_at), which is per number written to; the customer's copy was
written on every message and read nowhere."""

from peewee import DateTimeField


def up(migrator, db):
    migrator.migrate(migrator.drop_column("customer", "last_inbound_at"))


def down(migrator, db):
    migrator.migrate(migrator.add_column("customer", "last_inbound_at", DateTimeField(null=True)))
