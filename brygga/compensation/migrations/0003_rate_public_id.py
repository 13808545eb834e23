"""A public id on every rate, so the override pages never show row numbers."""

import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Rate = apps.get_model("compensation", "Rate")
    for rate in Rate.objects.only("pk").iterator():
        Rate.objects.filter(pk=rate.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("compensation", "0002_seed_rates")]

    operations = [
        migrations.AddField(
            model_name="rate",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publikt id"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="rate",
            name="public_id",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="publikt id"
            ),
        ),
    ]
