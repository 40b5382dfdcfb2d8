"""Widgets reused across screens: line-rendered lists, the board columns, the follow-ups sidebar."""
