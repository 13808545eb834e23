"""The read-replica router (ADR 0031), against a second database alias: inside
`replica_reads()` reads go to the replica and writes stay on the primary; outside it, and with
no replica in use, everything stays on the primary. The statistics page reads its figures from
the replica and still writes its audit event to the primary."""

from __future__ import annotations

from django.db import connections
from django.test.utils import CaptureQueriesContext

import pytest

from brygga.accounts.models import Organisation
from brygga.accounts.tests.helpers import login_staff
from brygga.core.db_routers import REPLICA, replica_reads
from brygga.oversight import statistics

# Transactional: the replica alias is a connection of its own, which (like a real replica)
# sees only committed rows.
pytestmark = [
    pytest.mark.django_db(databases=["default", REPLICA], transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def replica_on(settings):
    settings.REPLICA_READS = True
    yield
    connections[REPLICA].close()  # or the test database cannot be dropped afterwards


def test_reads_in_the_block_go_to_the_replica_and_writes_to_the_primary(replica_on):
    with replica_reads():
        assert Organisation.objects.all().db == REPLICA
        created = Organisation.objects.create(name="Skrivs till primären")
        assert created._state.db == "default"
    assert Organisation.objects.all().db == "default"


def test_without_a_replica_in_use_the_block_changes_nothing(settings):
    settings.REPLICA_READS = False
    with replica_reads():
        assert Organisation.objects.all().db == "default"


def test_the_block_ends_even_when_the_code_inside_fails(replica_on):
    with pytest.raises(RuntimeError), replica_reads():
        raise RuntimeError
    assert Organisation.objects.all().db == "default"


def test_the_statistics_page_reads_its_figures_from_the_replica(replica_on, client, manager):
    login_staff(client, manager)
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/personal/tillsyn/statistik/")
    assert response.status_code == 200
    assert response.content.decode().count('<svg class="chart"') == len(statistics.CHARTS)
    replica_sql = [q["sql"] for q in on_replica.captured_queries]
    primary_sql = [q["sql"] for q in on_primary.captured_queries]
    assert any("clients_decision" in sql for sql in replica_sql)
    assert not any(sql.lstrip().upper().startswith(("INSERT", "UPDATE")) for sql in replica_sql)
    # The figures came from the replica only; the session and the user from the primary.
    assert not any("clients_decision" in sql for sql in primary_sql)
    assert any("django_session" in sql for sql in primary_sql)
