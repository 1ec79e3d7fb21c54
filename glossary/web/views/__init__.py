"""The web pages, one blueprint per feature."""
