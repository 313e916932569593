"""Realistic Vietnamese demo data for trying the app and for screenshots."""
