"""Staff members get a colour of their own in the agenda (an index into the dashboard's
palette); None keeps the colour their position gives them."""

from peewee import IntegerField


def up(migrator, db):
    migrator.migrate(migrator.add_column("staff", "color", IntegerField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("staff", "color"))
