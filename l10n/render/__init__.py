"""Layer 10, presentation: text and HTML for people. Only the command line imports it.

The status report as a table, Markdown or an HTML page, the reviewer's page as HTML, and what every
self-contained HTML page shares (escaping, the Content-Security-Policy, the stylesheet).
"""
