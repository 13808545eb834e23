from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..constants import DropReason, dropped_text
from ..models import Assignment, Offer


class ReasonSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField()
    verdict = serializers.ChoiceField(choices=["for", "against", "neutral"])
    text = serializers.CharField()
    points = serializers.IntegerField()


class CandidateSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    carer = serializers.UUIDField(source="carer.public_id")
    name = serializers.SerializerMethodField()
    score = serializers.IntegerField(source="candidate.score")
    reasons = ReasonSerializer(source="candidate.reasons", many=True)

    def get_name(self, row: Any) -> str:
        return f"{row.carer.first_name} {row.carer.last_name}"


class ExcludedSerializer(serializers.Serializer[Any]):
    carer = serializers.UUIDField(source="carer.public_id")
    reasons = serializers.ListField(child=serializers.CharField())


class DroppedSerializer(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=DropReason.choices)
    count = serializers.IntegerField()
    text = serializers.CharField()


class CandidatesSerializer(serializers.Serializer[Any]):
    """One page (50) of each list; the counts cover the whole pool."""

    decision = serializers.UUIDField(source="decision.public_id")
    start = serializers.DateField(source="result.need.start")
    candidate_count = serializers.IntegerField(source="result.candidate_count")
    candidates = CandidateSerializer(source="result.candidates", many=True)
    excluded_count = serializers.IntegerField(source="result.excluded_count")
    excluded = ExcludedSerializer(source="result.excluded", many=True)
    excluded_by_reason = serializers.SerializerMethodField()

    @extend_schema_field(DroppedSerializer(many=True))
    def get_excluded_by_reason(self, data: Any) -> list[dict[str, Any]]:
        return [
            {"reason": reason.value, "count": count, "text": dropped_text(reason, count)}
            for reason, count in data["result"].dropped.items()
        ]


class OfferSerializer(serializers.ModelSerializer[Offer]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    decision = serializers.UUIDField(source="decision.public_id", read_only=True)
    carer = serializers.UUIDField(source="carer.public_id", read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "decision",
            "carer",
            "status",
            "offered_at",
            "rank_at_offer",
            "outside_ranking_reason",
            "responded_at",
        ]


class AssignmentSerializer(serializers.ModelSerializer[Assignment]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    decision = serializers.UUIDField(source="decision.public_id", read_only=True)
    carer = serializers.UUIDField(source="carer.public_id", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "decision",
            "carer",
            "status",
            "first_meeting_on",
            "started_on",
            "ended_on",
            "end_reason",
        ]
