"""Staff API representations of carers. The personnummer is never exposed."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Carer, CarerApproval, CarerCheck


class CarerApprovalSerializer(serializers.ModelSerializer[CarerApproval]):
    assignment_type = serializers.CharField(source="assignment_type.code", read_only=True)
    assignment_type_name = serializers.CharField(source="assignment_type.name", read_only=True)
    target_group = serializers.CharField(
        source="target_group.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CarerApproval
        fields = [
            "public_id",
            "assignment_type",
            "assignment_type_name",
            "target_group",
            "approved_on",
            "valid_until",
            "revoked_at",
        ]
        read_only_fields = fields


class CarerCheckSerializer(serializers.ModelSerializer[CarerCheck]):
    class Meta:
        model = CarerCheck
        fields = ["kind", "extract_date", "checked_on", "outcome"]
        read_only_fields = fields


class CarerListSerializer(serializers.ModelSerializer[Carer]):
    approvals = CarerApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = Carer
        fields = [
            "public_id",
            "first_name",
            "last_name",
            "postal_code",
            "city",
            "languages",
            "has_driving_licence",
            "has_car",
            "max_concurrent_assignments",
            "availability",
            "status",
            "approvals",
        ]
        read_only_fields = fields


class CarerDetailSerializer(CarerListSerializer):
    checks = CarerCheckSerializer(many=True, read_only=True)

    class Meta(CarerListSerializer.Meta):
        fields = [
            *CarerListSerializer.Meta.fields,
            "birth_date",
            "street_address",
            "phone",
            "email",
            "interests",
            "preferred_client_age_min",
            "preferred_client_age_max",
            "frequency",
            "status_reason",
            "status_changed_at",
            "approved_at",
            "checks",
        ]
        read_only_fields = fields
