"""Code spans and inline markup, calibrated on real human translations (issue 12).

``fixtures/code_spans.md`` holds faithful translations from the translators of a real
technical book (es, ja, ko, zh), which must pass or only warn, and the real mistakes
found in the same catalogs, which must stay errors. Only the findings of the link,
code, markup and injection checks are compared (see :mod:`check_cases`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from check_cases import findings
from markdown_it.utils import read_fixture_file

CASES = read_fixture_file(Path(__file__).parents[2] / "fixtures" / "code_spans.md")


@pytest.mark.parametrize(("line", "title", "given", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_code_spans_fixture(line: int, title: str, given: str, expected: str) -> None:
    assert findings(given) == expected


def test_faithful_translations_only_warn_and_mistakes_are_errors() -> None:
    """The fixture's titles say which side a case is on; the findings must agree."""
    for _, title, given, _ in CASES:
        severities = {line.split(" ", 1)[0] for line in findings(given).splitlines()}
        if "an error" in title:
            assert "error" in severities, title
        else:
            assert "error" not in severities, title
