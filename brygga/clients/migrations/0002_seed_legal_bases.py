"""The legal bases (lagrum) of domain.md §1.2 and domain-addendum.md §2, as dated data.

SoL (2001:453) stopped applying on 30 June 2025; SoL (2025:400) applies from 1 July 2025.
The new law's chapter and paragraph for kontaktperson/kontaktfamilj and for bistånd are not
verified (addendum §2.2: "do not hard-code any new-law paragraph"), so those rows carry no
chapter or paragraph and are marked `needs_verification`: fill them in from the SFS text in
the technical admin. Decisions dated before 1 July 2025 keep the old law's reference.
"""

from datetime import date

from django.db import migrations

OLD_SOL_END = date(2025, 6, 30)
NEW_SOL_START = date(2025, 7, 1)
LSS_START = date(1994, 1, 1)
SOL_2001_START = date(2002, 1, 1)

# code, law area, law name, SFS, chapter, paragraph, point, label, from, to, verify
LEGAL_BASES = [
    ("sol-2001-3-6b", "sol", "SoL", "2001:453", "3", "6 b", "",
     "Kontaktperson, kontaktfamilj eller särskilt kvalificerad kontaktperson",
     SOL_2001_START, OLD_SOL_END, False),
    ("sol-2001-4-1", "sol", "SoL", "2001:453", "4", "1", "",
     "Bistånd (skälig levnadsnivå)", SOL_2001_START, OLD_SOL_END, False),
    ("sol-2025-kontaktperson", "sol", "SoL", "2025:400", "", "", "",
     "Kontaktperson, kontaktfamilj eller särskilt kvalificerad kontaktperson "
     "(motsvarar 3 kap. 6 b § i den äldre lagen; lagrummet ej kontrollerat)",
     NEW_SOL_START, None, True),
    ("sol-2025-bistand", "sol", "SoL", "2025:400", "", "", "",
     "Bistånd (motsvarar 4 kap. 1 § i den äldre lagen; lagrummet ej kontrollerat)",
     NEW_SOL_START, None, True),
    ("lss-9-3", "lss", "LSS", "1993:387", "", "9", "3", "Ledsagarservice",
     LSS_START, None, False),
    ("lss-9-4", "lss", "LSS", "1993:387", "", "9", "4", "Biträde av kontaktperson",
     LSS_START, None, False),
    ("lss-9-5", "lss", "LSS", "1993:387", "", "9", "5", "Avlösarservice i hemmet",
     LSS_START, None, False),
    ("lss-9-6", "lss", "LSS", "1993:387", "", "9", "6",
     "Korttidsvistelse utanför det egna hemmet (stödfamilj)", LSS_START, None, False),
    ("lvu-22", "lvu", "LVU", "1990:52", "", "22", "",
     "Särskilt kvalificerad kontaktperson utan samtycke (mellantvång)",
     date(2006, 7, 1), None, False),
    ("fb-6-15c", "fb", "FB", "1949:381", "6", "15 c", "",
     "Umgängesstöd efter domstolens beslut", date(2010, 8, 1), None, False),
]  # fmt: skip


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("clients", "LegalBasis")
    for order, row in enumerate(LEGAL_BASES):
        code, area, law, sfs, chapter, paragraph, point, label, start, end, verify = row
        LegalBasis.objects.update_or_create(
            code=code,
            defaults={
                "law_area": area,
                "law_name": law,
                "sfs_number": sfs,
                "chapter": chapter,
                "paragraph": paragraph,
                "point": point,
                "label": label,
                "valid_from": start,
                "valid_to": end,
                "needs_verification": verify,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_clients_decisions_legal_bases_plans")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
