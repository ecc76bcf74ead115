"""Reminders and digests by e-mail (`python -m smqse notify`): settings, the messages, a run. No Streamlit."""
