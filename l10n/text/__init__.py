"""Layer 2, text rules: what in a text must survive translation.

The inline Markdown a unit keeps literally, protected spans, the term matcher, links, placeholders
for engines, quantities, negations, translator's notes, the pairing of a source's numbers with a
translation's, and what the reviewer's page highlights. Pure functions of texts.
"""
