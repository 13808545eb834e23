"""SQL for the deadline rules of `deadlines.py`, so lists can filter and sort on them.

`AddMonths` lives in `brygga.core.expressions`, shared with the carers' extract validity."""

from __future__ import annotations

from brygga.core.expressions import AddMonths

__all__ = ["AddMonths"]
