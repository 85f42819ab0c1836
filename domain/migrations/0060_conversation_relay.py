"""Conversations remember which staff member wrote to the customer through the business's
number (relay_staff) and until when the customer's replies go to that person (relay_until)."""

from peewee import AutoField, DateTimeField, ForeignKeyField, Model


def _staff(db):
    class Staff(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "staff"

    return Staff


def up(migrator, db):
    staff = _staff(db)
    migrator.migrate(
        migrator.add_column(
            "conversation",
            "relay_staff_id",
            ForeignKeyField(staff, field=staff.id, null=True, on_delete="SET NULL"),
        ),
        migrator.add_column("conversation", "relay_until", DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("conversation", "relay_staff_id"),
        migrator.drop_column("conversation", "relay_until"),
    )
