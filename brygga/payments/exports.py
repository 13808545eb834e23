"""The payroll files of a payment run: CSV and PAXml 2.0 (lönetransaktioner).

Both are rendered from the run's stored lines, so a locked run gives the same file every time.
The salary codes (lönearter) are per-organisation settings (`PaymentSettings`). Amounts are
written with a full stop and two decimals, as payroll imports expect.
"""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from django.utils import timezone

from .models import PaymentLine, PaymentRun, PaymentSettings
from .periods import month_end

CSV_HEADER = [
    "persnr",
    "namn",
    "loneart",
    "slag",
    "skattepliktig",
    "antal",
    "apris",
    "belopp",
    "arbetsgivaravgifter",
    "period_fran",
    "period_till",
    "rattelse",
    "regel",
]


def _lines(run: PaymentRun) -> list[PaymentLine]:
    return list(
        run.lines.select_related("carer", "report").order_by("carer__last_name", "carer_id", "id")
    )


def _settings(run: PaymentRun) -> PaymentSettings:
    found, _created = PaymentSettings.objects.get_or_create(organisation=run.organisation)
    return found


def run_csv(run: PaymentRun) -> bytes:
    settings = _settings(run)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in _lines(run):
        carer = line.carer
        writer.writerow(
            [
                carer.personal_identity_number,
                f"{carer.first_name} {carer.last_name}",
                settings.salary_code(line.kind),
                line.kind,
                "1" if line.taxable else "0",
                f"{line.quantity:.2f}",
                f"{line.rate:.2f}",
                f"{line.amount:.2f}",
                f"{line.employer_contributions:.2f}",
                line.report.period_start.isoformat() if line.report else "",
                line.report.period_end.isoformat() if line.report else "",
                "1" if line.is_adjustment else "0",
                line.reason or line.rule if line.is_adjustment else line.rule,
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def run_paxml(run: PaymentRun) -> bytes:
    settings = _settings(run)
    root = ET.Element("paxml")
    header = ET.SubElement(root, "header")
    ET.SubElement(header, "format").text = "LÖNIN"
    ET.SubElement(header, "version").text = "2.0"
    stamp = run.exported_at or timezone.now()
    ET.SubElement(header, "datum").text = timezone.localtime(stamp).strftime("%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, "foretagorgnr").text = run.organisation.organisation_number
    ET.SubElement(header, "foretagnamn").text = run.organisation.name
    transactions = ET.SubElement(root, "lonetransaktioner")
    pay_day = month_end(run.month).isoformat()
    for line in _lines(run):
        carer = line.carer
        item = ET.SubElement(
            transactions,
            "lonetrans",
            {"anstid": str(carer.public_id)[:8], "persnr": carer.personal_identity_number},
        )
        ET.SubElement(item, "lonart").text = settings.salary_code(line.kind)
        ET.SubElement(item, "benamning").text = line.get_kind_display()
        ET.SubElement(item, "datum").text = (
            line.report.period_end.isoformat() if line.report else pay_day
        )
        ET.SubElement(item, "antal").text = f"{line.quantity:.2f}"
        ET.SubElement(item, "apris").text = f"{line.rate:.2f}"
        ET.SubElement(item, "belopp").text = f"{line.amount:.2f}"
        ET.SubElement(item, "info").text = (line.reason if line.is_adjustment else line.rule)[:200]
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def filename(run: PaymentRun, extension: str) -> str:
    return f"utbetalning-{run.month:%Y-%m}-{str(run.public_id)[:8]}.{extension}"
