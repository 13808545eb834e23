"""The staff API of the contracts app under /api/v1/."""
