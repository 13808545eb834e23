"""A list page must cost the same number of queries with 3 rows as with 30 (issue 9).

The rows come from the benchmark's own generator (`brygga.bench.dataset`): first a handful,
then ten times as many added to the same organisation. Every page in `LIST_PAGES` is rendered
at both sizes by the same signed-in staff member (or anonymously, for the public site) and the
two counts are compared. When a page starts to query per row (an N+1), the second count
grows and the test names the page.
"""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

import pytest

from brygga.bench import dataset
from brygga.bench.measure import count_queries, find_objects, signed_in

FEW = dataset.Size("few", units=2, carers=3, clients=3, decisions=3, applicants=3,
                   open_assignments=3, reports=3)  # fmt: skip
MORE = dataset.Size("more", units=2, carers=27, clients=27, decisions=27, applicants=27,
                    open_assignments=27, reports=27)  # fmt: skip

# (name, path, signed in). Adding a list page is one line here.
LIST_PAGES = [
    ("applicant worklist", "/personal/sokande/", True),
    ("decision worklist", "/personal/klienter/", True),
    ("client search", "/personal/klienter/sok/", True),
    ("carer pool", "/personal/uppdragstagare/", True),
    ("carers expiring", "/personal/uppdragstagare/upphor-snart/", True),
    ("staff home", "/personal/", True),
    ("public open assignments", "/aktuella-uppdrag/", False),
    ("staff open assignments", "/personal/webbplats/aktuella-uppdrag/", True),
    ("report approval list", "/personal/redovisningar/", True),
    ("payment runs", "/personal/utbetalningar/", True),
    ("unimplemented decisions register", "/personal/tillsyn/register/", True),
    ("API applicants", "/api/v1/applicants/", True),
    ("API carers", "/api/v1/carers/", True),
    ("API clients", "/api/v1/clients/", True),
    ("API decisions", "/api/v1/decisions/", True),
    ("API unimplemented decisions", "/api/v1/oversight/unimplemented/", True),
    ("API payment runs", "/api/v1/payments/runs/", True),
]


def _decisions_waiting(built) -> None:
    """Rows in both lists of the register at both sizes (one past three months, one close to
    it): an empty list skips its prefetches, which would look like a count that grows."""
    from datetime import timedelta

    from django.utils import timezone

    from brygga.clients.constants import DecisionStatus
    from brygga.clients.models import Decision

    first_two = Decision.objects.filter(organisation=built.organisation).order_by("pk")[:2]
    for decision, days_ago in zip(first_two, (120, 80), strict=True):
        decided = timezone.localdate() - timedelta(days=days_ago)
        Decision.objects.filter(pk=decision.pk).update(
            status=DecisionStatus.ACTIVE,
            decision_date=decided,
            period_from=decided,
            implemented_on=None,
            ended_on=None,
        )


def _counts(staff, paths: list[tuple[str, str, bool]]) -> dict[str, int]:
    browser, anonymous = signed_in(staff), Client()
    counts = {}
    for name, path, staff_page in paths:
        client = browser if staff_page else anonymous
        client.get(path)  # warm: first-request caches (site organisation, sessions) settle
        queries, response = count_queries(lambda c=client, p=path: c.get(p))
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = queries
    return counts


@pytest.mark.django_db
def test_list_pages_cost_the_same_queries_with_3_and_30_rows():
    few = dataset.build(FEW, prefix="few")
    _decisions_waiting(few)
    objects = find_objects(few)
    pages = [
        *LIST_PAGES,
        ("candidates for a decision", f"/personal/klienter/beslut/{objects.decision}/matchning/",
         True),
        ("API candidates", f"/api/v1/decisions/{objects.decision}/candidates/", True),
    ]  # fmt: skip
    cache.clear()
    with_few = _counts(few.staff, pages)

    dataset.build(MORE, prefix="more", organisation=few.organisation, first_index=1000)
    cache.clear()
    with_more = _counts(few.staff, pages)

    grown = {name: (with_few[name], with_more[name]) for name in with_few
             if with_more[name] != with_few[name]}  # fmt: skip
    assert not grown, f"query count grows with the rows (3 rows, 30 rows): {grown}"


@pytest.mark.django_db
def test_the_generator_is_deterministic_and_uses_test_personnummer():
    from brygga.carers.models import Carer
    from brygga.clients.models import Client as ClientRow
    from brygga.core.personnummer import luhn_ok

    built = dataset.build(FEW, prefix="a")
    numbers = list(
        Carer.objects.filter(organisation=built.organisation).values_list(
            "personal_identity_number", flat=True
        )
    ) + list(
        ClientRow.objects.filter(organisation=built.organisation).values_list(
            "identifier", flat=True
        )
    )
    # Skatteverket's test series: birth number 980–999, valid check digit.
    assert numbers and all("980" <= n[8:11] <= "999" and luhn_ok(n[2:]) for n in numbers)
    first = list(Carer.objects.order_by("pk").values_list("first_name", "last_name", "city"))
    again = dataset.build(FEW, prefix="b")
    second = list(
        Carer.objects.filter(organisation=again.organisation)
        .order_by("pk")
        .values_list("first_name", "last_name", "city")
    )
    assert first == second
