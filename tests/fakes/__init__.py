"""Fake servers on loopback for the real client libraries (OpenAI, ...) used in tests."""
