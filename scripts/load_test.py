"""Load test: residents sending the interest form and staff working their lists, at once.

    .venv/bin/python scripts/load_test.py --base http://127.0.0.1:8000 --users 50 --seconds 300

Run against a demo installation on 127.0.0.1 only (`scripts/load_test.sh` starts one). Four of
five virtual users are residents who read the public site and send the whole interest form;
one of five is a staff member who signs in and pages through the worklists. At the end the
script counts, in the database, the registrations it sent: every form the server confirmed
must be stored. Prints a Markdown report; exits non-zero on any error or any lost form.

Standard library only, one thread per virtual user; cookies and CSRF tokens as a browser.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

RUN_TAG = f"last{int(time.time())}"
# Each staff member pages through the worklists of their role.
STAFF = [
    ("kontaktsekreterare@ekby.example", ["/personal/sokande/", "/personal/uppdragstagare/"]),
    ("handlaggare@ekby.example", ["/personal/klienter/", "/personal/uppdragstagare/"]),
    ("handlaggare.vuxen@ekby.example", ["/personal/klienter/", "/personal/uppdragstagare/"]),
    ("chef@ekby.example", ["/personal/sokande/", "/personal/klienter/"]),
]
PUBLIC_PAGES = ["/", "/aktuella-uppdrag/", "/uppdrag/kontaktfamilj/", "/fragor-och-svar/"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)

    def add(self, name: str, seconds: float) -> None:
        with self.lock:
            self.timings[name].append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


class Browser:
    def __init__(self, base: str, stats: Stats) -> None:
        self.base = base
        self.stats = stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(
        self, name: str, path: str, data: dict[str, str | list[str]] | None = None
    ) -> tuple[int, str, str]:
        body = None
        headers = {"User-Agent": "brygga-load-test"}
        if data is not None:
            fields = [
                (k, v) for k, vs in data.items() for v in (vs if isinstance(vs, list) else [vs])
            ]
            fields.append(("csrfmiddlewaretoken", self._csrf()))
            body = urllib.parse.urlencode(fields).encode()
            headers["Referer"] = self.base + path
        # The base is checked to be http://127.0.0.1 or localhost in main().
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
            location = error.headers.get("Location", "")
        except OSError as error:
            self.stats.error(f"{name}: {error}")
            return 0, "", ""
        self.stats.add(name, time.perf_counter() - started)
        if status >= 400:
            self.stats.error(f"{name}: HTTP {status}")
        return status, text, location


def _test_personnummer(rng: random.Random) -> str:
    """Skatteverket's test series (birth numbers 980–999), never a real person."""
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    nine = born.strftime("%y%m%d") + str(rng.randrange(980, 1000))
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    check = (10 - total % 10) % 10
    return born.strftime("%Y%m%d") + "-" + nine[6:] + str(check)


def resident(base: str, stats: Stats, deadline: float, number: int) -> None:
    rng = random.Random(number)  # noqa: S311 - test data, not secrets
    counter = 0
    while time.time() < deadline:
        browser = Browser(base, stats)
        for page in rng.sample(PUBLIC_PAGES, 2):
            browser.request("public page", page)
        counter += 1
        email = f"{RUN_TAG}.{number}.{counter}@test.example"
        browser.request("form step", "/anmal-intresse/uppdrag/")
        steps: list[tuple[str, dict[str, str | list[str]]]] = [
            ("uppdrag", {"assignment_types": ["kontaktperson"]}),
            (
                "om-dig",
                {
                    "first_name": "Last",
                    "last_name": f"Testsson{number}",
                    "personal_identity_number": _test_personnummer(rng),
                    "street_address": "Provgatan 1",
                    "postal_code": "12345",
                    "city": "Ekby",
                    "phone": "070-123 45 67",
                    "email": email,
                },
            ),
            ("tid", {"availability": ["weekends"], "frequency": "monthly",
                     "commitment": "two_years"}),
            ("erfarenhet", {"languages": "svenska", "driving_licence": "yes", "has_car": "no",
                            "motivation": "Jag vill göra skillnad."}),
            ("referenser", {"first_name": "Anna Exempel", "first_relation": "chef",
                            "first_phone": "070-111 11 11", "second_name": "Bo Exempel",
                            "second_relation": "vän", "second_phone": "070-222 22 22"}),
            ("medgivande", {"consents": ["criminal_record", "suspicion_register",
                                         "social_services", "enforcement_authority"],
                            "privacy_notice_acknowledged": "on"}),
        ]  # fmt: skip
        ok = True
        for slug, data in steps:
            status, _text, _location = browser.request(
                "form step", f"/anmal-intresse/{slug}/", data
            )
            if status != 302:
                stats.error(f"form step {slug}: HTTP {status} (expected a redirect)")
                ok = False
                break
        if not ok:
            continue
        browser.request("form check", "/anmal-intresse/kontrollera/")
        status, _text, location = browser.request("form send", "/anmal-intresse/kontrollera/", {})
        if status == 302 and location.endswith("/anmal-intresse/skickad/"):
            _status, text, _location = browser.request("form receipt", "/anmal-intresse/skickad/")
            reference = re.search(r'class="reference">([^<]+)<', text)
            if reference is None:
                stats.error("form receipt: no reference number on the page")
                continue
            with stats.lock:
                stats.sent.append(reference.group(1).strip())
        else:
            stats.error(f"form send: HTTP {status} to {location!r}")


def staff(base: str, stats: Stats, deadline: float, number: int, password: str) -> None:
    browser = Browser(base, stats)
    browser.request("staff sign-in", "/personal/logga-in/")
    email, pages = STAFF[number % len(STAFF)]
    status, _text, location = browser.request(
        "staff sign-in", "/personal/logga-in/", {"username": email, "password": password}
    )
    if status != 302:
        stats.error(f"staff sign-in: HTTP {status}")
        return
    rng = random.Random(number)  # noqa: S311 - test data, not secrets
    while time.time() < deadline:
        page = rng.choice(pages)
        status, text, location = browser.request("staff worklist", page)
        if status != 200:
            stats.error(f"staff worklist {page}: HTTP {status} {location}")
            continue
        # Open one record from the list, as an officer does.
        links = re.findall(
            r'href="(/personal/(?:sokande|klienter|uppdragstagare)/[0-9a-f-]{36}/)"', text
        )
        if links:
            browser.request("staff record", rng.choice(links))


def out(text: str = "", end: str = "\n") -> None:
    sys.stdout.write(text + end)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _stored(references: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brygga.conf.dev")
    import django

    django.setup()
    from brygga.applicants.models import InterestRegistration

    found = 0
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        found += InterestRegistration.objects.filter(reference__in=chunk).count()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--password", default="demo-ekby-2026")
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the load test runs against 127.0.0.1 only")

    stats = Stats()
    deadline = time.time() + args.seconds
    threads = []
    for number in range(args.users):
        if number % 5 == 4:
            target, extra = staff, (args.password,)
        else:
            target, extra = resident, ()
        thread = threading.Thread(target=target, args=(args.base, stats, deadline, number, *extra))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # ramp up over a few seconds
    for thread in threads:
        thread.join()

    stored = _stored(stats.sent)
    total = sum(len(v) for v in stats.timings.values())
    out(f"## Load test: {args.users} users for {args.seconds} s against {args.base}\n")
    out(f"- Requests: {total} ({total / args.seconds:.1f} per second)")
    out(f"- Errors: {len(stats.errors)}")
    out(f"- Interest forms confirmed by the server: {len(stats.sent)}; stored: {stored}\n")
    out("| Request | Count | Median ms | 95th percentile ms | Max ms |")
    out("|---|---:|---:|---:|---:|")
    for name, values in sorted(stats.timings.items()):
        out(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
            f"{_percentile(values, 0.95) * 1000:.0f} | {max(values) * 1000:.0f} |"
        )
    for line in stats.errors[:20]:
        out(f"\n    {line}", end="")
    out()
    return 0 if not stats.errors and stored == len(stats.sent) and stats.sent else 1


if __name__ == "__main__":
    sys.exit(main())
