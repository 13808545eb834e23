"""The worklist's sort keys on the decision (ADR 0033): a copy of the plan's next follow-up,
the generated urgency rank and date, and their indexes."""

from typing import Any

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_plan_dates(apps: Any, schema_editor: Any) -> None:
    """Fill `Decision.next_follow_up_on` from the existing implementation plans."""
    decision_model = apps.get_model("clients", "Decision")
    plan_model = apps.get_model("clients", "ImplementationPlan")
    decision_model.objects.filter(
        pk__in=plan_model.objects.filter(next_follow_up_on__isnull=False).values("decision_id")
    ).update(
        next_follow_up_on=Subquery(
            plan_model.objects.filter(decision_id=OuterRef("pk")).values("next_follow_up_on")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_token"),
        ("clients", "0002_seed_legal_bases"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="next_follow_up_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="nästa uppföljning"
            ),
        ),
        # Backwards, the column is dropped with the field: nothing to undo.
        migrations.RunPython(copy_plan_dates, migrations.RunPython.noop, elidable=True),
        migrations.AddField(
            model_name="decision",
            name="urgency_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(status="active", then=models.Value(0)),
                    models.When(status="implemented", then=models.Value(1)),
                    default=models.Value(2),
                ),
                output_field=models.SmallIntegerField(),
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="urgency_date",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(status="active", then=models.F("decision_date")),
                    models.When(status="implemented", then=models.F("next_follow_up_on")),
                    default=models.F("ended_on"),
                ),
                output_field=models.DateField(),
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["organisation", "urgency_rank", "urgency_date", "decision_date", "id"],
                name="decision_urgency_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                condition=models.Q(("status__in", ("active", "implemented"))),
                fields=["organisation", "next_follow_up_on", "id"],
                name="decision_open_follow_up_idx",
            ),
        ),
    ]
