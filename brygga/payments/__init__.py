"""Payments: carers' reports, approval, payment runs and the payroll export."""
