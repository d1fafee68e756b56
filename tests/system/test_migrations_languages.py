"""The migrations that add the English go back and forth, and keep the French written before."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("core", "0009_merge_origin_and_tag_rights"),
    ("ecosystem", "0008_alter_actor_image"),
    ("funding", "0008_alter_fundingscheme_image"),
    ("trainings", "0007_alter_trainingprogramme_image"),
]
AFTER = [
    ("core", "0010_text_in_english"),
    ("ecosystem", "0009_text_in_english"),
    ("funding", "0009_text_in_english"),
    ("trainings", "0008_text_in_english"),
]


def migrate(targets):
    """Migrate to `targets` and return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_english_columns_come_and_go_and_the_french_is_kept():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        actor_model = old.get_model("ecosystem", "Actor")
        assert not any(field.name == "summary_en" for field in actor_model._meta.fields)
        actor_model.objects.create(
            name="Gleamer", slug="gleamer", kind="company", summary="Lit les radios."
        )
        old.get_model("core", "Tag").objects.create(name="radiologie", slug="radiologie")

        new = migrate(AFTER)

        actor = new.get_model("ecosystem", "Actor").objects.get(slug="gleamer")
        assert (actor.name_fr, actor.summary_fr, actor.summary_en) == (
            "Gleamer",
            "Lit les radios.",
            None,
        )
        tag = new.get_model("core", "Tag").objects.get(slug="radiologie")
        assert (tag.name_fr, tag.name_en) == ("radiologie", None)

        back = migrate(BEFORE)
        assert back.get_model("ecosystem", "Actor").objects.get().summary == "Lit les radios."
    finally:
        migrate(latest)
