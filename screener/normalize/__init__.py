"""Normalisers applied identically to suppliers and list entries: names, countries, goods."""
