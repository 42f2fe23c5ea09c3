"""Layer 0, the foundation: what every other layer stands on, with no knowledge of Markdown or gettext.

The configuration and its schema, the project's exceptions, the one guarded place for files
(reads, atomic writes, locks, the private ``.l10n/`` folder), locales through Babel, patterns
compiled with RE2, URLs, who is acting (the identity), the fingerprints that let unchanged
articles be skipped, and the worker pool.
"""
