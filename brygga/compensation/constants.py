"""Choices for price base amounts, rates and employer contributions (domain §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Law(models.TextChoices):
    SOL = "sol", _("SoL")
    LSS = "lss", _("LSS")


class RateLaw(models.TextChoices):
    """A rate row may hold for one law or for both (travel)."""

    ANY = "", _("Båda lagarna")
    SOL = "sol", _("SoL")
    LSS = "lss", _("LSS")


class Component(models.TextChoices):
    FEE = "fee", _("Arvode")
    EXPENSE_ALLOWANCE = "expense_allowance", _("Omkostnadsersättning")
    TRAVEL = "travel", _("Reseersättning")


class Band(models.TextChoices):
    """The client's age band for per-day rates; empty for rates without bands."""

    NONE = "", _("Alla")
    CHILD = "0-12", _("0–12 år")
    YOUTH = "13+", _("13 år och äldre")
    ADULT = "vuxna", _("Vuxna")


class Basis(models.TextChoices):
    """What a rate's value means and how it becomes kronor per unit."""

    PBB_PERCENT_MONTH = (
        "pbb_percent_month",
        _("Procent av prisbasbeloppet per år, per månad (÷ 12)"),
    )
    PBB_PERCENT_DYGN = "pbb_percent_dygn", _("Procent av prisbasbeloppet per år, per dygn (÷ 365)")
    KRONOR_DAY = "kronor_day", _("Kronor per dag")
    KRONOR_MONTH = "kronor_month", _("Kronor per månad")
    KRONOR_HOUR = "kronor_hour", _("Kronor per timme")
    KRONOR_KM = "kronor_km", _("Kronor per kilometer")
    KRONOR_MIL = "kronor_mil", _("Kronor per mil")


PBB_BASES = (Basis.PBB_PERCENT_MONTH, Basis.PBB_PERCENT_DYGN)


class Rounding(models.TextChoices):
    """Named rounding rules; the functions are in calculations.ROUNDING_RULES."""

    KRONA_HALF_UP = "krona_half_up", _("Hela kronor, avrundat uppåt vid 50 öre")
    ORE_HALF_UP = "ore_half_up", _("Hela ören, avrundat uppåt vid ½ öre")


class SourceStatus(models.TextChoices):
    """How sure a figure is (the domain brief's [S], [D] and [U])."""

    PUBLISHED = "S", _("Publicerad")
    DERIVED = "D", _("Beräknad")
    ESTIMATED = "U", _("Uppskattad – kontrollera")


# Level codes. Kontaktperson fee: category 1–3 (a percent range); kontaktperson expense
# allowance: 10/25/40 % of PBB; per-day types: grund/tillagg (expense allowance) and
# grund/hojd_1/hojd_2/hojd_3 (fee); hourly and travel rates have no level.
class Level(models.TextChoices):
    NONE = "", _("–")
    CATEGORY_1 = "kategori_1", _("Kategori 1 (minst en gång i veckan)")
    CATEGORY_2 = "kategori_2", _("Kategori 2 (flera gånger i veckan)")
    CATEGORY_3 = "kategori_3", _("Kategori 3 (i stort sett dagligen)")
    EXPENSE_10 = "10", _("Omkostnad 10 %")
    EXPENSE_25 = "25", _("Omkostnad 25 %")
    EXPENSE_40 = "40", _("Omkostnad 40 %")
    BASIC = "grund", _("Grund")
    SUPPLEMENT = "tillagg", _("Grund och tillägg")
    HIGHER_1 = "hojd_1", _("Förhöjt arvode 1")
    HIGHER_2 = "hojd_2", _("Förhöjt arvode 2")
    HIGHER_3 = "hojd_3", _("Förhöjt arvode 3")


KONTAKTPERSON_CATEGORIES = (Level.CATEGORY_1, Level.CATEGORY_2, Level.CATEGORY_3)
KONTAKTPERSON_EXPENSE_LEVELS = (Level.EXPENSE_10, Level.EXPENSE_25, Level.EXPENSE_40)
PER_DAY_FEE_LEVELS = (Level.BASIC, Level.HIGHER_1, Level.HIGHER_2, Level.HIGHER_3)
PER_DAY_EXPENSE_LEVELS = (Level.BASIC, Level.SUPPLEMENT)

# The assignment types this app quotes, by catalogue code and how they are paid.
MONTHLY_TYPES = ("kontaktperson",)
PER_DAY_TYPES = ("kontaktfamilj", "stodfamilj")
HOURLY_TYPES = ("ledsagare", "avlosare", "umgangesstod", "skkp")
QUOTE_TYPES = MONTHLY_TYPES + PER_DAY_TYPES + HOURLY_TYPES
QUOTE_TYPE_CHOICES = [(code, code) for code in QUOTE_TYPES]
LINE_KIND_CHOICES = [(kind, kind) for kind in ("fee", "expense_allowance", "travel")]
