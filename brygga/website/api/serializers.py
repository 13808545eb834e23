"""Read-only public representations. Open assignments expose only their anonymised fields."""

from __future__ import annotations

from rest_framework import serializers

from brygga.catalogue.models import AssignmentType, TargetGroup

from ..models import AssignmentTypePage, OpenAssignment


class AssignmentTypePageSerializer(serializers.ModelSerializer[AssignmentTypePage]):
    assignment_type: serializers.SlugRelatedField[AssignmentType] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    assignment_type_name = serializers.CharField(source="assignment_type.name", read_only=True)
    target_group: serializers.SlugRelatedField[TargetGroup] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    target_group_name = serializers.CharField(
        source="target_group.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = AssignmentTypePage
        fields = [
            "public_id",
            "slug",
            "title",
            "assignment_type",
            "assignment_type_name",
            "target_group",
            "target_group_name",
            "intro",
            "body",
            "suited_for",
            "time_commitment",
            "minimum_age",
            "requirements",
            "registers_checked",
            "pay_text",
            "updated_at",
        ]
        read_only_fields = fields


class OpenAssignmentSerializer(serializers.ModelSerializer[OpenAssignment]):
    assignment_type: serializers.SlugRelatedField[AssignmentType] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    assignment_type_name = serializers.CharField(source="assignment_type.name", read_only=True)
    target_group: serializers.SlugRelatedField[TargetGroup] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    age_band_label = serializers.CharField(source="get_age_band_display", read_only=True)

    class Meta:
        model = OpenAssignment
        # Only anonymised fields; `client_has_protected_identity` is never exposed.
        fields = [
            "public_id",
            "title",
            "assignment_type",
            "assignment_type_name",
            "target_group",
            "age_band",
            "age_band_label",
            "carer_gender",
            "area",
            "interests",
            "scope",
            "start_wish",
            "description",
            "published_at",
        ]
        read_only_fields = fields
