"""The Streamlit layer: identity, the global scope in the sidebar, cached data access, shared widgets.

The only package allowed to import Streamlit (tests/test_layering.py holds this).
"""
