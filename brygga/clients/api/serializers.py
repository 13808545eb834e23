"""Staff API representations of clients and decisions.

Contact details come only from `permissions.client_contact_for`: for a client with protected
identity they are empty (and `contact.hidden` is true) unless the reader holds
`clients.view_protected_identity`. The serializers never read the client's address fields.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Client, Decision, FollowUp, ImplementationPlan
from ..permissions import client_contact_for


class GuardianContactSerializer(serializers.Serializer[Any]):
    public_id = serializers.UUIDField()
    name = serializers.CharField()
    relation = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()


class ClientContactSerializer(serializers.Serializer[Any]):
    hidden = serializers.BooleanField(help_text="Skyddade personuppgifter: uppgifterna är dolda.")
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()
    phone = serializers.CharField()
    area = serializers.CharField()
    guardians = GuardianContactSerializer(many=True)


class ClientListSerializer(serializers.ModelSerializer[Client]):
    unit = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Client
        fields = [
            "public_id",
            "first_name",
            "last_name",
            "birth_date",
            "sex",
            "identifier_kind",
            "unit",
            "protected_identity",
        ]
        read_only_fields = fields


class DecisionSummarySerializer(serializers.ModelSerializer[Decision]):
    assignment_type = serializers.CharField(source="assignment_type.code", read_only=True)
    legal_basis = serializers.CharField(source="legal_basis.citation", read_only=True)
    reportable_on = serializers.DateField(read_only=True)
    waiting_days = serializers.IntegerField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "public_id",
            "assignment_type",
            "legal_basis",
            "scope_quantity",
            "scope_unit",
            "decision_date",
            "status",
            "implemented_on",
            "reportable_on",
            "waiting_days",
        ]
        read_only_fields = fields


class ClientDetailSerializer(ClientListSerializer):
    contact = serializers.SerializerMethodField()
    decisions = DecisionSummarySerializer(many=True, read_only=True)

    class Meta(ClientListSerializer.Meta):
        fields = [
            *ClientListSerializer.Meta.fields,
            "identifier",
            "contact",
            "interests",
            "languages",
            "carer_gender_wish",
            "carer_age_min",
            "carer_age_max",
            "matching_notes",
            "decisions",
        ]
        read_only_fields = fields

    @extend_schema_field(ClientContactSerializer)
    def get_contact(self, client: Client) -> dict[str, Any]:
        contact = client_contact_for(self.context["request"].user, client)
        return dict(ClientContactSerializer(contact).data)


class ImplementationPlanSerializer(serializers.ModelSerializer[ImplementationPlan]):
    class Meta:
        model = ImplementationPlan
        fields = [
            "goals",
            "activities",
            "client_wishes",
            "follow_up_interval_months",
            "next_follow_up_on",
        ]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    class Meta:
        model = FollowUp
        fields = ["public_id", "held_on", "outcome", "notes"]
        read_only_fields = fields


class DecisionListSerializer(serializers.ModelSerializer[Decision]):
    client = serializers.UUIDField(source="client.public_id", read_only=True)
    client_name = serializers.SerializerMethodField()
    assignment_type = serializers.CharField(source="assignment_type.code", read_only=True)
    legal_basis = serializers.CharField(source="legal_basis.code", read_only=True)
    legal_basis_citation = serializers.CharField(source="legal_basis.citation", read_only=True)
    reportable_on = serializers.DateField(read_only=True, help_text="Beslutsdatum + 3 månader.")
    waiting_days = serializers.IntegerField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "public_id",
            "client",
            "client_name",
            "assignment_type",
            "legal_basis",
            "legal_basis_citation",
            "scope_quantity",
            "scope_unit",
            "period_from",
            "period_to",
            "decision_date",
            "status",
            "implemented_on",
            "ended_on",
            "reportable_on",
            "waiting_days",
        ]
        read_only_fields = fields

    def get_client_name(self, decision: Decision) -> str:
        return decision.client.full_name


class DecisionDetailSerializer(DecisionListSerializer):
    target_group = serializers.CharField(
        source="target_group.code", read_only=True, allow_null=True, default=None
    )
    implementation_plan = ImplementationPlanSerializer(read_only=True, allow_null=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta(DecisionListSerializer.Meta):
        fields = [
            *DecisionListSerializer.Meta.fields,
            "target_group",
            "goals",
            "consent",
            "consent_recorded_on",
            "decided_by_title",
            "end_reason",
            "implementation_plan",
            "follow_ups",
        ]
        read_only_fields = fields
