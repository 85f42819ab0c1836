"""What customers ask before booking, answered from the business's own data.

Payment methods on the business, coordinates on each branch (map link and WhatsApp location),
other names for each service, the owner's own questions and answers, who an appointment is
for when it is not the phone's owner, and whether a chat is held in *usted*.
"""

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def frozen_faq(db):
    class Organization(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "organization"

    class FaqEntry(Model):
        id = AutoField()
        org = ForeignKeyField(Organization, on_delete="CASCADE")
        question = CharField(max_length=200)
        answer = TextField()
        position = IntegerField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "faq_entry"
            indexes = [(("org", "position"), False)]

    return FaqEntry


COLUMNS = [
    ("organization", "payment_methods", lambda: TextField(default="")),
    ("location", "latitude", lambda: FloatField(null=True)),
    ("location", "longitude", lambda: FloatField(null=True)),
    ("service", "synonyms", lambda: TextField(default="")),
    ("appointment", "attendee", lambda: CharField(max_length=120, default="")),
    ("conversation", "formal", lambda: BooleanField(default=False)),
]


def up(migrator, db):
    migrator.migrate(*(migrator.add_column(t, c, field()) for t, c, field in COLUMNS))
    db.create_tables([frozen_faq(db)])


def down(migrator, db):
    db.drop_tables([frozen_faq(db)])
    migrator.migrate(*(migrator.drop_column(t, c) for t, c, _ in COLUMNS))
