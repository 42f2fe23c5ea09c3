"""Layer 7, machine translation: engines behind one interface, drafting, back-translation and the translation memory.

Every draft is fuzzy and carries its provenance; nothing here approves anything.
"""
