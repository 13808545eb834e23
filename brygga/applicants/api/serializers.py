from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..constants import MANUAL_STAGE_CHOICES
from ..models import Applicant, ApplicantStageChange


class ApplicantListSerializer(serializers.ModelSerializer[Applicant]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    assignment_types: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    assigned_officer = serializers.SerializerMethodField()
    callback_overdue = serializers.BooleanField(read_only=True)
    investigation_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Applicant
        fields = [
            "id",
            "first_name",
            "last_name",
            "stage",
            "stage_changed_at",
            "created_at",
            "assignment_types",
            "assigned_officer",
            "callback_overdue",
            "investigation_overdue",
        ]

    def get_assigned_officer(self, obj: Applicant) -> str | None:
        officer = obj.assigned_officer
        return str(officer.public_id) if officer else None


class StageChangeSerializer(serializers.ModelSerializer[ApplicantStageChange]):
    class Meta:
        model = ApplicantStageChange
        fields = ["from_stage", "to_stage", "changed_at", "note"]


class ApplicantDetailSerializer(ApplicantListSerializer):
    target_groups: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    history = StageChangeSerializer(many=True, read_only=True)
    personal_identity_number = serializers.CharField(read_only=True)

    class Meta(ApplicantListSerializer.Meta):
        fields = [
            *ApplicantListSerializer.Meta.fields,
            "personal_identity_number",
            "street_address",
            "postal_code",
            "city",
            "phone",
            "email",
            "target_groups",
            "availability",
            "frequency",
            "commitment",
            "history",
        ]


class StageMoveInputSerializer(serializers.Serializer[dict[str, str]]):
    """Approval and rejection are decisions, not stage moves, so they are not accepted here."""

    to_stage = serializers.ChoiceField(choices=MANUAL_STAGE_CHOICES)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
