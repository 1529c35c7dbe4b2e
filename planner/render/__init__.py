"""Turning a plan into documents: Markdown, HTML, DOCX and JSON.

Heavy modules (jinja2, python-docx) are imported only when a document is made, never at start-up.
"""
