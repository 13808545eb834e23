"""Training: capacity, sign-up and cancel on Mina sidor, attendance, training_attended."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.carers import services
from brygga.carers.constants import TrainingKind
from brygga.carers.models import TrainingSession, TrainingSignup
from brygga.carers.selectors import training_attended

from .factories import make_carer, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(organisation):
    return UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])


def test_capacity_is_respected_and_cancelling_frees_a_place(organisation):
    session = make_session(organisation, capacity=2)
    people = [UserFactory(public=True, organisation=organisation) for _ in range(3)]
    services.training_signup(session=session, user=people[0])
    services.training_signup(session=session, user=people[0])  # twice is still one place
    services.training_signup(session=session, user=people[1])
    with pytest.raises(services.TrainingFullError):
        services.training_signup(session=session, user=people[2])
    services.training_signup_cancel(session=session, user=people[0])
    services.training_signup(session=session, user=people[2])
    assert TrainingSignup.objects.filter(session=session, cancelled_at__isnull=True).count() == 2
    services.training_signup_cancel(session=session, user=people[1])
    services.training_signup(session=session, user=people[0])  # the cancelled row is reused
    assert TrainingSignup.objects.filter(session=session, user=people[0]).count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.TRAINING_SIGNUP_CREATED).count() == 4


def test_closed_sessions_refuse_sign_up(organisation, other_organisation, public_user):
    for session in [
        make_session(organisation, published=False),
        make_session(
            organisation,
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=1),
        ),
        make_session(other_organisation),
    ]:
        with pytest.raises(services.TrainingClosedError):
            services.training_signup(session=session, user=public_user)


def test_my_pages_lists_sessions_and_signs_up_and_cancels(client, organisation, public_user):
    session = make_session(organisation, title="Introduktion i Lunden")
    full = make_session(organisation, title="Fortbildning om LSS", capacity=1)
    services.training_signup(session=full, user=UserFactory(public=True, organisation=organisation))
    make_session(organisation, title="Utkast", published=False)
    client.force_login(public_user)
    content = client.get(reverse("accounts:my-pages")).content.decode()
    assert "Introduktion i Lunden" in content and "Utkast" not in content
    assert "Fullbokad" in content
    response = client.post(reverse("carers:training-signup", args=[session.public_id]))
    assert response.status_code == 302
    assert TrainingSignup.objects.filter(session=session, user=public_user).exists()
    content = client.get(reverse("accounts:my-pages")).content.decode()
    assert "Du är anmäld" in content and "Avboka" in content
    client.post(reverse("carers:training-cancel", args=[session.public_id]))
    assert TrainingSignup.objects.get(session=session, user=public_user).cancelled_at
    response = client.post(reverse("carers:training-signup", args=[full.public_id]), follow=True)
    assert "Utbildningen är fullbokad." in response.content.decode()


def test_staff_and_anonymous_cannot_sign_up(client, organisation, recruiter):
    session = make_session(organisation)
    url = reverse("carers:training-signup", args=[session.public_id])
    assert client.post(url).status_code == 302  # to the e-mail link login
    login_staff(client, recruiter)
    assert client.post(url).status_code == 403


def test_attendance_and_training_attended(client, organisation, recruiter):
    session = make_session(organisation, kind=TrainingKind.INTRO)
    carer = make_carer(organisation)
    other = UserFactory(public=True, organisation=organisation)
    services.training_signup(session=session, user=carer.user)
    services.training_signup(session=session, user=other)
    assert not training_attended(user=carer.user, kind=TrainingKind.INTRO)

    login_staff(client, recruiter)
    url = reverse("carers:training-attendance", args=[session.public_id])
    assert client.get(url).status_code == 200
    client.post(url, {"attended": [str(carer.user.public_id)]})
    assert training_attended(user=carer.user, kind=TrainingKind.INTRO)
    assert not training_attended(user=carer.user, kind=TrainingKind.FURTHER)
    assert not training_attended(user=other, kind=TrainingKind.INTRO)
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.TRAINING_ATTENDANCE_RECORDED).count()
        == 2
    )
    detail = client.get(reverse("carers:carer-detail", args=[carer.public_id]))
    assert session.title in detail.content.decode()


def test_staff_create_and_edit_sessions(client, organisation, other_organisation, recruiter):
    login_staff(client, recruiter)
    url = reverse("carers:training-create")
    assert client.get(url).status_code == 200
    data = {
        "title": "Fortbildning: samtal med unga",
        "kind": "further",
        "starts_at": "2030-03-01T18:00",
        "ends_at": "2030-03-01T17:00",
        "location": "",
        "link_url": "",
        "capacity": "15",
        "description": "",
        "published": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Utbildningen måste sluta efter att den börjar." in content
    assert "Skriv var utbildningen hålls" in content
    data |= {"ends_at": "2030-03-01T20:00", "link_url": "https://mote.ekby.example/abc"}
    assert client.post(url, data).status_code == 302
    session = TrainingSession.objects.get(title="Fortbildning: samtal med unga")
    assert session.organisation == organisation
    edit = reverse("carers:training-edit", args=[session.public_id])
    assert client.post(edit, data | {"capacity": "20"}).status_code == 302
    session.refresh_from_db()
    assert session.capacity == 20
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.TRAINING_SESSION_UPDATED
    ).get().changes["capacity"] == [15, 20]
    foreign = make_session(other_organisation)
    assert client.get(reverse("carers:training-edit", args=[foreign.public_id])).status_code == 404
    assert client.get(reverse("carers:training-list")).status_code == 200


def test_training_pages_need_the_permission(client, organisation, case_officer):
    login_staff(client, case_officer)
    assert client.get(reverse("carers:training-list")).status_code == 403
