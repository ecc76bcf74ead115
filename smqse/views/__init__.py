"""Each page's data path, one module per page, named as the page (`pages/drift.py` ↔ `smqse/views/drift.py`).

A view runs the page's queries (`queries/*.sql` through `smqse.db`), hands the rows to `smqse.analysis` for
the computation, and returns the frames the page, its charts (`smqse.charts.<page>`) and its words
(`smqse.words.<page>`) need. No Streamlit here; `smqse.ui.data` caches what a view returns.
"""
