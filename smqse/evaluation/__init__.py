"""Evaluations of the analysis layer against labelled data (`python -m smqse.evaluation.anomalies`)."""
