"""Headquarters: enrolled offices, bundle import, the consolidated view, receipts."""
