"""Against the seeded demo municipality: the quarter's CSV carries IVO's fields and no name,
the previous quarter is reported, and every chart has numbers."""

from __future__ import annotations

import csv
import io
import re

from django.core.management import call_command
from django.utils import timezone

import pytest

from brygga.accounts.models import User
from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.models import Applicant
from brygga.carers.models import Carer
from brygga.clients.models import Client
from brygga.oversight import statistics
from brygga.oversight.models import QuarterReport
from brygga.oversight.quarters import latest_ended

pytestmark = pytest.mark.django_db

IVO_FIELDS = (
    "Rapporttyp",
    "Personnummer eller reservnummer",
    "Typ av nummer",
    "Kön",
    "Lag",
    "Insats (IVO:s kategori)",
    "Beslutsdatum",
    "Datum för avbrott",
    "Det som inte verkställts",
    "Verkställt eller avslutat",
    "Anledning",
    "Erbjudanden",
    "Skäl till dröjsmålet",
    "Konsekvenser för den enskilde",
    "Stöd i väntan på insatsen",
)


@pytest.fixture
def ekby():
    call_command("seed_demo_data")
    return User.objects.get(email="chef@ekby.example")


def test_the_demo_quarter_csv_has_the_ivo_fields_and_no_name(ekby, client):
    quarter = latest_ended(timezone.localdate())
    assert QuarterReport.objects.filter(
        year=quarter.previous.year, quarter=quarter.previous.number
    ).exists()
    login_staff(client, ekby)
    response = client.get(f"/personal/tillsyn/kvartal/{quarter.year}/{quarter.number}/csv/")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    rows = list(reader)
    assert set(IVO_FIELDS) <= set(reader.fieldnames or [])
    types = {row["Rapporttyp"] for row in rows}
    assert {"Ny", "Återrapport", "Verkställt", "Avslutat"} <= types
    assert any(row["Typ av nummer"] == "Reservnummer (IVO)" for row in rows)
    assert any(row["Det som inte verkställts"] for row in rows)
    assert any(row["Skäl till dröjsmålet"] for row in rows)
    assert all(row["Kön"] in ("Kvinna", "Man") for row in rows)
    names = set()
    for model in (Client, Applicant, Carer):
        for first, last in model.objects.values_list("first_name", "last_name"):
            names.update({first, last})
    names.discard("")
    for name in names:
        assert not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name


def test_every_demo_chart_has_numbers(ekby):
    today = timezone.localdate()
    filters = statistics.StatsFilters(
        organisation=ekby.organisation,
        units=None,
        start=today.replace(year=today.year - 1, day=1),
        end=today,
    )
    for chart in statistics.CHARTS:
        data = chart.compute(filters)
        assert not data.is_empty, chart.slug
