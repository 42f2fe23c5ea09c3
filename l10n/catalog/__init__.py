"""Layer 4, catalogs: the only layer that touches polib and the PO format.

The PO reader and writer (exactly as ``msgcat`` writes), the entry model and every edit to an entry
(drafts, approvals, waivers, suggestions), the provenance lines ``l10n`` writes into translator
comments, templates and merging, and the translator hints written at extraction.
"""
