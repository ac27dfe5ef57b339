"""Greetings for people."""
