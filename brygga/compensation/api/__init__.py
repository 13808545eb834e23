"""The staff API of the compensation app under /api/v1/."""
