"""brotui: minutes of a crime-prevention council, kept in git."""

__version__ = "0.1.0"
