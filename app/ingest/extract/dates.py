"""Dates in news text, resolved against the publication date."""
