"""The schema the migrations build is the one the models describe."""

from __future__ import annotations

import pytest

from domain.db import db
from domain.migrate import pending
from domain.models import MODELS

pytestmark = pytest.mark.usefixtures("database")


def test_no_migration_is_pending_after_upgrade():
    assert pending() == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_table_has_exactly_the_models_columns(model):
    columns = {c.name for c in db.get_columns(model._meta.table_name)}
    assert columns == {f.column_name for f in model._meta.sorted_fields}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_declared_index_exists(model):
    existing = {tuple(i.columns) for i in db.get_indexes(model._meta.table_name)}
    for fields, _unique in model._meta.indexes:
        columns = tuple(model._meta.fields[f].column_name for f in fields)
        assert columns in existing
