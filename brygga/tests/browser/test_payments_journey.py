"""Issue 6, done when: the carer accepts the contract, reports a month (meetings, a weekend
stay, a receipt) on a 320 px phone by keyboard, the case officer approves, finance runs the
month and downloads the files, and the amounts in the files equal `quote(...)` for the same
inputs. Every page passes axe."""

import csv
import importlib
import io
import re
from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.apps import apps
from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from brygga.accounts.demo import create_demo_accounts
from brygga.accounts.models import Unit, User
from brygga.compensation.quoting import QuoteRequest, quote
from brygga.payments.models import Report
from brygga.payments.periods import add_months, month_end
from brygga.payments.tests.factories import make_assignment

from .conftest import assert_no_horizontal_scroll, axe_check, sign_in_demo_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _ekby(settings, tmp_path):
    settings.DEMO_MODE = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    importlib.import_module("brygga.compensation.migrations.0002_seed_rates").seed(apps, None)
    return create_demo_accounts()


def _sign_in_carer(page, url, email):
    page.goto(url + "/logga-in/")
    page.get_by_label("Din e-postadress").fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka inloggningslänk").click()
    link = re.search(r"https?://\S+/logga-in/lank/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile("/mina-sidor/$"))


def test_contract_report_approval_run_and_files_equal_the_quote(
    live_server, page, phone_page, _ekby, tmp_path
):
    url = live_server.url
    today = timezone.localdate()
    month = add_months(today, -1)
    officer = User.objects.get(email="handlaggare@ekby.example")
    assignment = make_assignment(
        _ekby,
        Unit.objects.get(name="Barn och unga", organisation=_ekby),
        officer,
        type_code="kontaktfamilj",
        started_on=add_months(today, -2),
        scope_quantity=Decimal("1"),
        scope_unit="weekends_per_month",
        carer_first_name="Karin",
    )
    decision = assignment.decision

    # Staff write the contract.
    sign_in_demo_staff(page, url, "handlaggare@ekby.example")
    page.goto(url + f"/personal/klienter/beslut/{decision.public_id}/uppdrag/")
    page.get_by_role("link", name="Uppdragsavtal med Karin").click()
    axe_check(page)
    page.get_by_label("Gäller från").fill(add_months(today, -2).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka avtalet till uppdragstagaren").click()
    expect(page.locator(".ds-alert")).to_contain_text("Avtalet är skickat")
    axe_check(page)

    # The carer accepts on Mina sidor, on a phone.
    carer = phone_page
    _sign_in_carer(carer, url, assignment.carer.email)
    carer.get_by_role("link", name=re.compile("Kontaktfamilj, version 1")).click()
    axe_check(carer)
    assert_no_horizontal_scroll(carer)
    assert decision.client.identifier not in carer.locator("main").inner_text()
    carer.get_by_label(re.compile("tystnadsplikt")).check()
    with carer.expect_navigation():
        carer.get_by_role("button", name="Jag accepterar avtalet").click()
    expect(carer.locator(".ds-alert")).to_contain_text("accepterat avtalet")

    # Staff sign.
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="Skriv under version 1").click()
    expect(page.locator(".ds-alert")).to_contain_text("underskrivet")

    # The carer reports last month: the weekend stay is pre-filled; a meeting, km, a receipt.
    carer.goto(url + "/mina-sidor/")
    axe_check(carer)
    with carer.expect_navigation():  # the first button is last month's period
        carer.get_by_role("button", name=re.compile(r"^Redovisa 1 ")).first.click()
    axe_check(carer)
    assert_no_horizontal_scroll(carer)
    report = Report.objects.get()
    stay = report.stays[0]
    friday = timezone.datetime.fromisoformat(stay["arrival"]).date()
    assert friday.weekday() == 4
    meeting_day = friday + timedelta(days=5)
    if meeting_day > month_end(month):
        meeting_day = friday - timedelta(days=2)

    # By keyboard: Tab through the form in order, typing into each field.
    carer.get_by_label("Datum").first.fill(meeting_day.isoformat())  # focuses the date field
    for _part in range(4):  # Tab through the date field's own parts (year, month, day)
        if carer.evaluate("document.activeElement.name") != "meetings-0-date":
            break
        carer.keyboard.press("Tab")
    assert carer.evaluate("document.activeElement.name") == "meetings-0-hours"
    carer.keyboard.type("3")
    kilometres = carer.get_by_label("Kilometer med egen bil")
    kilometres.focus()
    carer.keyboard.type("42")
    carer.keyboard.press("Tab")
    assert carer.evaluate("document.activeElement.name") == "note"
    carer.keyboard.type("En lugn helg.")
    carer.keyboard.press("Tab")
    assert carer.evaluate("document.activeElement.value") == "save"
    with carer.expect_navigation():
        carer.keyboard.press("Enter")
    expect(carer.locator(".ds-alert")).to_contain_text("Redovisningen är sparad")
    axe_check(carer)
    assert_no_horizontal_scroll(carer)
    amounts = carer.locator("section", has_text="Det här får du").inner_text()
    assert "Arvode" in amounts and "Summa" in amounts

    receipt = tmp_path / "kvitto.png"
    receipt.write_bytes(PNG)
    carer.get_by_label("Datum för utlägget").fill(friday.isoformat())
    carer.get_by_label("Vad gällde utlägget?").fill("Badhuset")
    carer.get_by_label("Belopp i kronor").fill("150")
    carer.get_by_label("Kvitto", exact=True).set_input_files(str(receipt))
    with carer.expect_navigation():
        carer.get_by_role("button", name="Lägg till utlägget").click()
    expect(carer.locator(".ds-alert")).to_contain_text("Utlägget är sparat")
    axe_check(carer)
    with carer.expect_navigation():
        carer.get_by_role("button", name="Skicka redovisningen").click()
    expect(carer.locator(".ds-alert")).to_contain_text("Redovisningen är skickad")

    # The case officer approves.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Redovisningar"
    ).click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Karin")).click()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Godkänn redovisningen").click()
    expect(page.locator(".ds-alert")).to_contain_text("godkänd")
    axe_check(page)

    # Finance runs the month and downloads both files.
    finance = page.context.browser.new_context(locale="sv-SE").new_page()
    sign_in_demo_staff(finance, url, "ekonomi@ekby.example")
    finance.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Utbetalningar"
    ).click()
    axe_check(finance)
    finance.get_by_label("Månad").fill(f"{month:%Y-%m}")
    with finance.expect_navigation():
        finance.get_by_role("button", name="Starta körningen").click()
    expect(finance.locator(".run-status")).to_contain_text("Klar att exportera", timeout=20_000)
    axe_check(finance)
    with finance.expect_download() as csv_download:
        finance.get_by_role("button", name="Exportera och lås: CSV").click()
    finance.reload()
    with finance.expect_download() as xml_download:
        finance.get_by_role("button", name="Ladda ner PAXml").click()
    expect(finance.locator(".run-status")).to_contain_text("Exporterad och låst")
    axe_check(finance)

    expected = quote(
        QuoteRequest(
            assignment_type="kontaktfamilj",
            law="sol",
            birth_date=decision.client.birth_date,
            stays=((friday, friday + timedelta(days=2)),),
            kilometres=Decimal("42"),
        )
    )
    rows = list(
        csv.DictReader(
            io.StringIO(csv_download.value.path().read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )
    in_csv = {row["slag"]: Decimal(row["belopp"]) for row in rows}
    assert in_csv == {
        "fee": expected.fee,
        "expense_allowance": expected.expense_allowance,
        "travel": expected.travel,
        "outlay": Decimal("150.00"),
    }
    root = ET.parse(xml_download.value.path()).getroot()  # noqa: S314 - our own file
    in_xml = {t.findtext("lonart"): Decimal(t.findtext("belopp")) for t in root.iter("lonetrans")}
    assert in_xml == {
        "1100": expected.fee,
        "7100": expected.expense_allowance,
        "7200": expected.travel,
        "7300": Decimal("150.00"),
    }
