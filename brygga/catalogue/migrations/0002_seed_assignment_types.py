"""The assignment types and target groups of domain.md §1.2, as starting data.

A data migration (not a fixture) so every installation, demo or not, starts with them;
staff may rename, reorder or deactivate them afterwards.
"""

from django.db import migrations

TYPES = [
    (
        "kontaktperson",
        "Kontaktperson",
        "Ett stöd och en vän för ett barn, en ung person eller en vuxen, några timmar i veckan eller månaden.",
        "monthly",
        False,
        False,
    ),
    (
        "kontaktfamilj",
        "Kontaktfamilj",
        "En familj som tar emot ett barn eller en ung person någon helg i månaden.",
        "per_day",
        True,
        False,
    ),
    (
        "stodfamilj",
        "Stödfamilj",
        "En familj som tar emot ett barn med funktionsnedsättning för korttidsvistelse enligt LSS.",
        "per_day",
        True,
        False,
    ),
    (
        "ledsagare",
        "Ledsagare",
        "Följer med en person med funktionsnedsättning på fritidsaktiviteter, kultur och ärenden.",
        "hourly",
        False,
        False,
    ),
    (
        "avlosare",
        "Avlösare",
        "Avlöser anhöriga i hemmet så att de får tid för egna aktiviteter.",
        "hourly",
        False,
        False,
    ),
    (
        "umgangesstod",
        "Umgängesstödjare",
        "Är med när ett barn träffar en förälder som barnet inte bor med.",
        "hourly",
        False,
        True,
    ),
    (
        "skkp",
        "Särskilt kvalificerad kontaktperson",
        "Ett tätt stöd för en ung person som riskerar att fastna i kriminalitet eller missbruk.",
        "hourly",
        False,
        True,
    ),
]

GROUPS = [
    ("barn-och-unga", "Barn och unga"),
    ("vuxna", "Vuxna"),
    ("aldre", "Äldre"),
    ("funktionsnedsattning", "Personer med funktionsnedsättning"),
]


def seed(apps, schema_editor):
    AssignmentType = apps.get_model("catalogue", "AssignmentType")
    TargetGroup = apps.get_model("catalogue", "TargetGroup")
    for order, (code, name, description, model, family, experience) in enumerate(TYPES):
        AssignmentType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "compensation_model": model,
                "is_family": family,
                "requires_experience": experience,
                "order": order,
            },
        )
    for order, (code, name) in enumerate(GROUPS):
        TargetGroup.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_assignment_types_and_target_groups")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
