"""The technical admin's view of the site content. Editors use the staff pages under
/personal/webbplats/, which go through the services and the audit log."""

from django.contrib import admin

from .models import AssignmentTypePage, FaqCategory, FaqEntry, OpenAssignment, PageFeedback, Story


@admin.register(AssignmentTypePage)
class AssignmentTypePageAdmin(admin.ModelAdmin[AssignmentTypePage]):
    list_display = ["title", "organisation", "assignment_type", "target_group", "published"]
    list_filter = ["organisation", "published", "assignment_type"]
    list_select_related = ["organisation", "assignment_type", "target_group"]
    search_fields = ["title", "slug"]


@admin.register(FaqCategory)
class FaqCategoryAdmin(admin.ModelAdmin[FaqCategory]):
    list_display = ["title", "organisation", "order", "published"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin[FaqEntry]):
    list_display = ["question", "category", "order", "published"]
    list_filter = ["category__organisation", "published"]
    list_select_related = ["category"]
    search_fields = ["question"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin[Story]):
    list_display = ["title", "organisation", "byline", "published"]
    list_filter = ["organisation", "published"]
    list_select_related = ["organisation"]


@admin.register(OpenAssignment)
class OpenAssignmentAdmin(admin.ModelAdmin[OpenAssignment]):
    list_display = ["title", "organisation", "assignment_type", "area", "published"]
    list_filter = ["organisation", "published", "assignment_type"]
    list_select_related = ["organisation", "assignment_type"]
    readonly_fields = ["published", "published_at"]


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin[PageFeedback]):
    list_display = ["path", "organisation", "helpful", "created_at"]
    list_filter = ["organisation", "helpful"]
    list_select_related = ["organisation"]
