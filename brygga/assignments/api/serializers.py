from __future__ import annotations

from typing import Any

from rest_framework import serializers

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


class CandidatesSerializer(serializers.Serializer[Any]):
    decision = serializers.UUIDField(source="decision.public_id")
    start = serializers.DateField(source="result.need.start")
    candidates = CandidateSerializer(source="result.candidates", many=True)
    excluded = ExcludedSerializer(source="result.excluded", many=True)


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
