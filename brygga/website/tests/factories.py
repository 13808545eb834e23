"""Factories for the public site's content. Texts are short and obviously fictional."""

from __future__ import annotations

from django.utils import timezone

import factory

from brygga.accounts.tests.factories import OrganisationFactory
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.website.constants import AgeBand, CarerGender
from brygga.website.models import (
    AssignmentTypePage,
    FaqCategory,
    FaqEntry,
    OpenAssignment,
    Story,
)


def assignment_type(code: str = "kontaktperson") -> AssignmentType:
    return AssignmentType.objects.get(code=code)


def target_group(code: str = "barn-och-unga") -> TargetGroup:
    return TargetGroup.objects.get(code=code)


class AssignmentTypePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssignmentTypePage

    organisation = factory.SubFactory(OrganisationFactory)
    assignment_type = factory.LazyFunction(assignment_type)
    slug = factory.Sequence(lambda n: f"uppdrag-{n}")
    title = factory.Sequence(lambda n: f"Uppdragssida {n}")
    intro = "En kort ingress."
    body = "Första stycket.\n\nAndra stycket."
    suited_for = "Dig som har tid."
    time_commitment = "Två träffar i månaden."
    minimum_age = 18
    requirements = "Inga särskilda krav."
    registers_checked = "Belastningsregistret."
    pay_text = "Arvode och omkostnadsersättning."
    published = True


class FaqCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqCategory

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Kategori {n}")
    published = True


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    category = factory.SubFactory(FaqCategoryFactory)
    question = factory.Sequence(lambda n: f"Fråga nummer {n}?")
    answer = "Ett svar."
    published = True


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"berattelse-{n}")
    title = factory.Sequence(lambda n: f"Berättelse {n}")
    byline = "Testa, kontaktperson"
    intro = "En ingress."
    body = "En berättelse."
    published = True


class OpenAssignmentFactory(factory.django.DjangoModelFactory):
    """Unpublished by default; `published=True` publishes it now."""

    class Meta:
        model = OpenAssignment

    organisation = factory.SubFactory(OrganisationFactory)
    assignment_type = factory.LazyFunction(assignment_type)
    target_group = factory.LazyFunction(target_group)
    title = factory.Sequence(lambda n: f"Aktuellt uppdrag {n}")
    age_band = AgeBand.AGE_7_12
    carer_gender = CarerGender.ANY
    area = "Centrum"
    interests = "Fotboll"
    scope = "2 träffar i månaden"
    start_wish = "Snarast"
    description = "Ett barn söker en vuxen att hitta på saker med."

    class Params:
        live = factory.Trait(published=True, published_at=factory.LazyFunction(timezone.now))
