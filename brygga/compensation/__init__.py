"""Compensation: price base amounts, rate tables as dated data and the exact calculation of fee,
expense allowance and employer contributions."""
