"""Layer 9, building: posts reassembled around reviewed translations, under the policy and a layout.

The posts, the build folder as one transaction (staged, committed, discarded), the run's report and
the HTML pages of built posts.
"""
