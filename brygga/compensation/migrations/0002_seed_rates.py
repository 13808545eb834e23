"""Seed price base amounts 2017–2026, the national rates 2020–2026 and employer contributions.

Every figure is from domain.md §4 / domain-addendum.md §1 and carries its status:
S = published, D = derived from a published formula, U = estimated or placeholder (ADR 0020).
A data migration, not a fixture, so every installation starts with them; staff correct the
D and U rows from the current SKR circular, and municipalities add their own rows.
"""

from decimal import Decimal

from django.db import migrations

D = Decimal

PBB = [
    (2017, "44800", "S", "https://data.riksdagen.se/dokument/H4B1863.html"),
    (2018, "45500", "S", "https://www.arbetsgivaralliansen.se/nyheter/prisbasbelopp-2018/"),
    (2019, "46500", "S", "https://www.revisi.se/prisbasbelopp-2020/"),
    (2020, "47300", "S", "https://www.revisi.se/prisbasbelopp-2020/"),
    (2021, "47600", "S", "SFS 2020:764 – https://www.akeri.se/sv/hojt-prisbasbelopp-2021"),
    (2022, "48300", "S", "SFS 2021:866 – http://rkrattsbaser.gov.se/sfst?bet=2021%3A866"),
    (2023, "52500", "S", "https://www.redeko.net/feednews/prisbasbelopp-2023/"),
    (2024, "57300", "S", "https://www.fremia.se/nyhetsrum/nyheter/2023/prisbasbelopp-2024/"),
    (
        2025,
        "58800",
        "S",
        "Andrahandskälla (nyheter24.se); kontrollera mot förordningen i SFS.",
    ),
    (2026, "59200", "S", "SFS 2025:872 – https://laglio.se/lagar/sfs-2025-872"),
]

YEARS = range(2020, 2027)
LAWS = ("sol", "lss")

KP_SOURCE = (
    "SKR:s struktur 2018 (cirkulär 17:53 LSS och 17:54 SoL); procentsatserna antas oförändrade "
    "– kontrollera mot årets cirkulär. https://familjehemmet.se/du-behoevs/ersaettningar/kontaktperson/"
)
# (level, value, range_min, range_max)
KP_FEE = [
    ("kategori_1", "10", "10", "35"),
    ("kategori_2", "20", "20", "45"),
    ("kategori_3", "30", "30", "55"),
]
KP_EXPENSE = [("10", "10"), ("25", "25"), ("40", "40")]

KF_SOURCE_2023 = (
    "SKR 2023 (cirkulär 22:42 SoL och 22:43 LSS). "
    "https://familjehemmet.se/information/ersaettningar/kontaktfamilj/"
)
KF_EXPENSE_DERIVED = (
    "Procentsatserna från SKR 2023 antas gälla även detta år; kronorna följer prisbasbeloppet "
    "– kontrollera mot årets cirkulär."
)
# (band, level, percent of PBB per year, paid per dygn)
KF_EXPENSE = [
    ("0-12", "grund", "105"),
    ("0-12", "tillagg", "150"),
    ("13+", "grund", "120"),
    ("13+", "tillagg", "170"),
    ("vuxna", "grund", "120"),
    ("vuxna", "tillagg", "170"),
]
# Arvode kronor per day. 2023 published; 2024 = 2023 + 1.6 % (SKR's wage index), estimated.
KF_FEE_2023 = {
    ("0-12", "grund"): "225",
    ("13+", "grund"): "292",
    ("vuxna", "grund"): "359",
    ("0-12", "hojd_1"): "359",
    ("13+", "hojd_1"): "426",
    ("vuxna", "hojd_1"): "426",
    ("0-12", "hojd_2"): "505",
    ("13+", "hojd_2"): "505",
    ("vuxna", "hojd_2"): "505",
}
KF_FEE_2024 = {
    ("0-12", "grund"): "229",
    ("13+", "grund"): "297",
    ("vuxna", "grund"): "365",
    ("0-12", "hojd_1"): "365",
    ("13+", "hojd_1"): "433",
    ("vuxna", "hojd_1"): "433",
    ("0-12", "hojd_2"): "513",
    ("13+", "hojd_2"): "513",
    ("vuxna", "hojd_2"): "513",
}
KF_FEE_2024_SOURCE = (
    "Uppskattning: 2023 års arvode + 1,6 % (SKR:s lönestatistikindex inför 2024). "
    "Ange värdet från SKR:s cirkulär för 2024."
)


def kf_fee(year):
    """Kronor per day, status and source for a year (nearest known year carried, ADR 0020)."""
    if year == 2023:
        return KF_FEE_2023, "S", KF_SOURCE_2023
    if year == 2024:
        return KF_FEE_2024, "U", KF_FEE_2024_SOURCE
    if year > 2024:
        return (
            KF_FEE_2024,
            "U",
            f"Ingen källa för {year}: 2024 års uppskattning förs vidare. "
            "Ange värdet från SKR:s cirkulär.",
        )
    return (
        KF_FEE_2023,
        "U",
        f"Ingen källa för {year}: 2023 års publicerade belopp används. "
        "Ange värdet från SKR:s cirkulär för året.",
    )


def kf_expense_status(year, band):
    if year == 2023:
        return "S", KF_SOURCE_2023
    if year == 2021 and band == "0-12":
        return (
            "S",
            "Publicerat exempel 2021 (137/196 kr). https://dave-lagt.com/sokesnotiser/humanad4g-r4742twfw4",
        )
    return "D", KF_EXPENSE_DERIVED


# Hourly: no national recommendation. Placeholders from Tyresö 2021 (provider rates, not wages).
HOURLY = {
    "ledsagare": {"sol": "284", "lss": "301"},
    "avlosare": {"sol": "284", "lss": "301"},
    "umgangesstod": {"sol": "284", "lss": "301"},
    "skkp": {"sol": "284", "lss": "301"},
}
HOURLY_SOURCE = (
    "EXEMPEL att ersätta: ingen nationell rekommendation finns. Tyresö kommuns ersättning till "
    "utförare 2021 (SoL 284 kr/tim, LSS 301 kr/tim) – inte en lön. Ange kommunens egen timersättning."
)

TRAVEL_SOURCE = "Skattefri milersättning för egen bil (Skatteverket): 18,50 kr/mil till 2022, 25 kr/mil från 2023."


def seed(apps, schema_editor):
    PriceBaseAmount = apps.get_model("compensation", "PriceBaseAmount")
    Rate = apps.get_model("compensation", "Rate")
    EmployerContributionRate = apps.get_model("compensation", "EmployerContributionRate")
    AssignmentType = apps.get_model("catalogue", "AssignmentType")

    for year, amount, status, source in PBB:
        PriceBaseAmount.objects.update_or_create(
            year=year, defaults={"amount": D(amount), "status": status, "source": source}
        )

    if Rate.objects.filter(organisation__isnull=True).exists():
        return  # seeded already (browser tests call this again after a flush)
    types = {row.code: row for row in AssignmentType.objects.all()}
    rows = []

    def add(
        type_code,
        law,
        component,
        band,
        level,
        basis,
        value,
        rounding,
        year,
        status,
        source,
        range_min=None,
        range_max=None,
    ):
        if type_code is not None and type_code not in types:
            return  # a renamed or removed type: nothing to seed for it
        rows.append(
            Rate(
                organisation=None,
                assignment_type=types[type_code] if type_code else None,
                law=law,
                component=component,
                band=band,
                level=level,
                basis=basis,
                value=D(value),
                range_min=D(range_min) if range_min is not None else None,
                range_max=D(range_max) if range_max is not None else None,
                rounding=rounding,
                valid_from=f"{year}-01-01",
                valid_to=f"{year}-12-31",
                status=status,
                source=source,
            )
        )

    for year in YEARS:
        for law in LAWS:
            for level, value, low, high in KP_FEE:
                add(
                    "kontaktperson",
                    law,
                    "fee",
                    "",
                    level,
                    "pbb_percent_month",
                    value,
                    "krona_half_up",
                    year,
                    "D",
                    KP_SOURCE,
                    low,
                    high,
                )
            for level, value in KP_EXPENSE:
                add(
                    "kontaktperson",
                    law,
                    "expense_allowance",
                    "",
                    level,
                    "pbb_percent_month",
                    value,
                    "krona_half_up",
                    year,
                    "D",
                    KP_SOURCE,
                )
            fee_table, fee_status, fee_source = kf_fee(year)
            for type_code in ("kontaktfamilj", "stodfamilj"):
                for band, level, percent in KF_EXPENSE:
                    status, source = kf_expense_status(year, band)
                    add(
                        type_code,
                        law,
                        "expense_allowance",
                        band,
                        level,
                        "pbb_percent_dygn",
                        percent,
                        "krona_half_up",
                        year,
                        status,
                        source,
                    )
                for (band, level), kronor in fee_table.items():
                    add(
                        type_code,
                        law,
                        "fee",
                        band,
                        level,
                        "kronor_day",
                        kronor,
                        "ore_half_up",
                        year,
                        fee_status,
                        fee_source,
                    )
            for type_code, by_law in HOURLY.items():
                add(
                    type_code,
                    law,
                    "fee",
                    "",
                    "",
                    "kronor_hour",
                    by_law[law],
                    "ore_half_up",
                    year,
                    "U",
                    HOURLY_SOURCE,
                )
        add(
            None,
            "",
            "travel",
            "",
            "",
            "kronor_mil",
            "25" if year >= 2023 else "18.50",
            "ore_half_up",
            year,
            "S",
            TRAVEL_SOURCE,
        )
    Rate.objects.bulk_create(rows)

    source_2024 = (
        "Skatteverket/FAR 2024: 31,42 % (född 1958 eller senare), 10,21 % (1938–1957), "
        "0 % (1937 eller tidigare); inga avgifter under 1 000 kr per utbetalare och år "
        "(2 kap. 14 § SAL). https://www.faronline.se/dokument/rattserien/ratt-skatt/a/rs_arbetsgivaravgifter/"
    )
    note_other = (
        "Födelseårsgränserna för 2024 används även för detta år – gränsen för nedsatt avgift "
        "flyttas normalt med åldern; kontrollera mot Skatteverket."
    )
    for valid_from, valid_to, status, source in (
        ("2020-01-01", "2023-12-31", "U", note_other),
        ("2024-01-01", "2024-12-31", "S", source_2024),
        ("2025-01-01", None, "U", note_other),
    ):
        for low, high, percent in ((1958, None, "31.42"), (1938, 1957, "10.21"), (None, 1937, "0")):
            EmployerContributionRate.objects.create(
                valid_from=valid_from,
                valid_to=valid_to,
                born_from_year=low,
                born_to_year=high,
                percent=D(percent),
                threshold=D("1000"),
                status=status,
                source=source,
            )


def unseed(apps, schema_editor):
    apps.get_model("compensation", "Rate").objects.filter(organisation__isnull=True).delete()
    apps.get_model("compensation", "PriceBaseAmount").objects.all().delete()
    apps.get_model("compensation", "EmployerContributionRate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compensation", "0001_rates_price_base_amounts_settings"),
        ("catalogue", "0002_seed_assignment_types"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
