"""R17: a trigram index for substring search on the partner's *Stores* list, on PostgreSQL only.

``search_text LIKE '%term%'`` cannot use a B-tree; with 100,000 entries for one organization a
GIN trigram index turns the search into a bitmap scan. SQLite has no such index and scans the
organization's rows (which stays fast at the embedded default's scale).
"""

from django.db import migrations


def _forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS partner_store_search_trgm "
        "ON collaborators_partnerstoreentry USING gin (search_text gin_trgm_ops)"
    )


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other databases objects may use it.
    schema_editor.execute("DROP INDEX IF EXISTS partner_store_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("collaborators", "0002_access_permission_usage")]

    operations = [migrations.RunPython(_forwards, _backwards)]
