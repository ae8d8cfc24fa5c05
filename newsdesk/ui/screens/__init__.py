"""Screens and dialogs over the main view."""
