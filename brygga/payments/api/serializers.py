from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import PaymentLine, PaymentRun


class PaymentRunSerializer(serializers.ModelSerializer[PaymentRun]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    month = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="building, ready, exported eller failed")

    class Meta:
        model = PaymentRun
        fields = ["id", "month", "status", "reports_total", "reports_done", "exported_at"]

    def get_month(self, run: PaymentRun) -> str:
        return f"{run.month:%Y-%m}"


class PaymentLineSerializer(serializers.ModelSerializer[PaymentLine]):
    carer = serializers.UUIDField(source="carer.public_id")
    report = serializers.SerializerMethodField()
    kind = serializers.CharField(help_text="fee, expense_allowance, travel eller outlay")
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    employer_contributions = serializers.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        model = PaymentLine
        fields = [
            "carer",
            "report",
            "kind",
            "taxable",
            "quantity",
            "rate",
            "amount",
            "employer_contributions",
            "rule",
            "is_adjustment",
            "reason",
        ]

    def get_report(self, line: PaymentLine) -> str | None:
        return str(line.report.public_id) if line.report else None


class PaymentRunDetailSerializer(PaymentRunSerializer):
    lines = serializers.SerializerMethodField()

    class Meta(PaymentRunSerializer.Meta):
        fields = [*PaymentRunSerializer.Meta.fields, "lines"]

    def get_lines(self, run: PaymentRun) -> list[dict[str, Any]]:
        lines = run.lines.select_related("carer", "report").order_by("carer_id", "id")
        return list(PaymentLineSerializer(lines, many=True).data)
