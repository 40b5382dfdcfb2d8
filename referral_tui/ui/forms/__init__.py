"""Modal forms and dialogs: each validates its fields and dismisses with a typed value; the caller saves."""
