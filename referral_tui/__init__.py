"""referral-tui: run a referral campaign from the terminal."""

__version__ = "0.1.0"
