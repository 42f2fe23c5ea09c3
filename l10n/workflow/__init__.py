"""Layer 8, workflow: one module per command, standing on the publishing policy.

Extraction, the policy and each article's assessment, coverage (status), the review queue, approvals
and waivers, the reviewer's page as a document, agencies' XLIFF in and out, and the project's
configuration (loading it with every layer's checks, ``l10n init``).
"""
