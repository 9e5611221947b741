"""Widgets grouped by feature: the protocol form and its parts."""
