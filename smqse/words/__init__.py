"""What each page says: its display tables and sentences, one module per page named as the page
(`pages/drift.py` ↔ `smqse/words/drift.py`), beside the shared words (`shared`: statuses, signals, the scope
and the month in words; `columns`: word columns of large tables). Text through `smqse.i18n`, numbers and
dates by Babel. Charts (`smqse.charts`) draw and take their titles and text alternatives from here.
No Streamlit here.
"""
