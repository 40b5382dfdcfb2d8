"""File formats other tools read and write: pure code that imports only ``domain/``.

Each module parses or writes one format (LinkedIn's export files, vCard, Google Contacts CSV,
iCalendar) from bytes or text to plain dataclasses, so the import and export commands can
use them with the store, and unit tests reach them without a data file.
"""
