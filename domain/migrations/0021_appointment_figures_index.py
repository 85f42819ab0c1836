"""A covering index for the figures of the Resumen (domain/figures.py): grouping a month of
appointments by status and person, service, channel or hour reads only this index."""

NAME = "appointment_figures"
COLUMNS = ("org_id", "start_at", "status", "staff_id", "service_id", "source", "price_cents")


def up(migrator, db):
    migrator.migrate(migrator.add_index("appointment", COLUMNS, False, name=NAME))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("appointment", NAME))
