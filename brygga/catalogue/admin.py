from django.contrib import admin

from .models import AssignmentType, TargetGroup


@admin.register(AssignmentType)
class AssignmentTypeAdmin(admin.ModelAdmin[AssignmentType]):
    list_display = ["name", "code", "compensation_model", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin[TargetGroup]):
    list_display = ["name", "code", "order", "active"]
    list_editable = ["order", "active"]
