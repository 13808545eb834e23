"""The staff API of the payments app under /api/v1/."""
