"""Layer 1, documents: Markdown in, units and posts out.

A source article's bytes, its front matter, the internal ``<!-- l10n:... -->`` markers, the
walker that turns a source into units with exact spans, the splice that rebuilds a post around
translated text (with its structural guard), slugs, and where each static-site generator puts a post.
"""
