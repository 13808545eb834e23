from django.db.models import QuerySet

from .models import AssignmentType, TargetGroup


def assignment_type_list() -> QuerySet[AssignmentType]:
    return AssignmentType.objects.filter(active=True).order_by("order", "name")


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.filter(active=True).order_by("order", "name")
