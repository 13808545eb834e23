"""Pagination that stays cheap on deep pages of large, joined lists."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from rest_framework.pagination import PageNumberPagination


class DeferredJoinPaginator(Paginator[Any]):
    """A Paginator over an ordered queryset that reads a page in two steps in one statement:
    the page's ids from the list's own table (which an index on the sort keys can serve),
    then the full rows, with their `select_related` joins, for those ids only.

    Without this, the database joins every matching row before it can sort and skip to a
    deep page. The queryset must be ordered, and unique on its primary key.
    """

    def page(self, number: Any) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        ids = queryset.values("pk")[bottom:top]
        rows = queryset.filter(pk__in=ids)
        return Page(rows, number, self)


class DeferredJoinPagination(PageNumberPagination):
    """The API's page-number pagination with `DeferredJoinPaginator`."""

    django_paginator_class = DeferredJoinPaginator
