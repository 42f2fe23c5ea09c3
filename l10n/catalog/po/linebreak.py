"""Where gettext's ``msgcat`` cuts a long string: libunistring 1.0's line breaking, as Debian's gettext 0.21 links it.

:func:`linebreaks` is ``u8_width_linebreaks`` on the escaped text of a string (see :mod:`l10n.catalog.po.writer`): a line
is cut at the last break opportunity before the piece that would overflow it (closing quote included);
over-long pieces overflow. The rules, all taken from libunistring:

* Widths as ``uc_width``: East Asian Wide/Fullwidth 2; combining, format and control characters and
  Hangul medial/final jamo 0.
* Break opportunities: UAX #14 with libunistring's pair table of WJ GL B2 BA BB HY CL CP EX IN NS OP QU IS
  NU PO PR SY AL HL H2 H3 ID JL JV JT RI EB EM (plus wide OP, which AL/NU/CP do not hold on to), no break
  at the start or before a space, LB8 (after ZW), LB8a (after ZWJ), LB9/LB10 (CM/ZWJ join what precedes,
  or are AL after a space), LB21a (HL HY/BA x), LB30a (RI pairs), and BK/NEL/LS/PS restarting the column.
  As in libunistring, IS before a letter is an opportunity: ``e.g.``, ``doi.org`` or ``j.neuron`` may be
  cut after the dot, as after ``/`` or ``-``. An escape is never cut (``\\n`` is PR then AL, the second
  backslash of ``\\\\`` a PR that must not be broken before), nor is a final ``\\n`` cut from its text.
* Classes: exceptions checked code point by code point against libunistring for ASCII, Latin, Greek,
  Cyrillic, Hebrew, Hangul jamo, punctuation, currency, letterlike and math symbols, dingbats, CJK
  symbols, kana, fullwidth forms and emoji (U+1F300-1FAFF); else from ``unicodedata``: Hangul syllables
  H2/H3, Mn Mc Me Cc Cf CM, Ps OP, Pe CL, Pi Pf QU, Zs BA, East Asian Wide/Fullwidth ID, Nd NU, else AL.

Known differences: punctuation of other scripts gets the generic class (U+0964 DEVANAGARI DANDA is BA for
libunistring, AL here), as do the symbols of U+1F000-1F2FF; unassigned code points are AL of width 1 (2
in CJK blocks).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate

__all__ = ["fits", "linebreaks"]

# Line-break classes, one letter each: W=WJ G=GL B=B2 A=BA b=BB h=HY c=CL p=CP
# !=EX i=IN n=NS o=OP O=OP(wide) q=QU ,=IS 0=NU %=PO $=PR /=SY a=AL H=HL 2=H2
# 3=H3 I=ID L=JL V=JV T=JT r=RI e=EB m=EM, R=PR that must not be broken before
# (2nd backslash of "\\", backslash of a final "\n"), and outside the table
# _=SP k=BK z=ZW C=CM j=ZWJ. Row: class before the opportunity, column: after;
# D = break, I = break only after spaces, P = no break.
_COLS = "WGBAbhcp!inoOq,0%$/aH23ILVTremR"
_PAIRS = """
W PIIIIIPPPIIIIIPIIIPIIIIIIIIIIIP  G PIIIIIPPPIIIIIPIIIPIIIIIIIIIIIP  B PIPIDIPPPIIDDIPDDDPDDDDDDDDDDDP
A PDDIDIPPPIIDDIPDDDPDDDDDDDDDDDP  b PIIIIIPPPIIIIIPIIIPIIIIIIIIIIIP  h PDDIDIPPPIIDDIPIDDPDDDDDDDDDDDP
c PIDIDIPPPIPDDIPDIIPDDDDDDDDDDDP  p PIDIDIPPPIIDDIPIIIPIIDDDDDDDDDP  ! PIDIDIPPPIIDDIPDDDPDDDDDDDDDDDP
i PIDIDIPPPIIDDIPDDDPDDDDDDDDDDDP  n PIDIDIPPPIIDDIPDDDPDDDDDDDDDDDP  o PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
O PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP  q PIIIIIPPPIIPPIPIIIPIIIIIIIIIIIP  , PIDIDIPPPIIDDIPIDDPDDDDDDDDDDDP
0 PIDIDIPPPIIIDIPIIIPIIDDDDDDDDDP  % PIDIDIPPPIIIIIPIDDPIIDDDDDDDDDP  $ PIDIDIPPPIIIIIPIDDPIIIIIIIIDIIP
/ PIDIDIPPPIIDDIPIDDPDIDDDDDDDDDP  a PIDIDIPPPIIIDIPIIIPIIDDDDDDDDDP  H PIDIDIPPPIIIDIPIIIPIIDDDDDDDDDP
2 PIDIDIPPPIIDDIPDIDPDDDDDDIIDDDP  3 PIDIDIPPPIIDDIPDIDPDDDDDDDIDDDP  I PIDIDIPPPIIDDIPDIDPDDDDDDDDDDDP
L PIDIDIPPPIIDDIPDIDPDDIIDIIDDDDP  V PIDIDIPPPIIDDIPDIDPDDDDDDIIDDDP  T PIDIDIPPPIIDDIPDIDPDDDDDDDIDDDP
r PIDIDIPPPIIDDIPDDDPDDDDDDDDIDDP  e PIDIDIPPPIIDDIPDIDPDDDDDDDDDDIP  m PIDIDIPPPIIDDIPDIDPDDDDDDDDDDDP
R PIDIDIPPPIIIIIPIDDPIIIIIIIIDIIP
"""
_PAIR = {row: dict(zip(_COLS, cells, strict=True)) for row, cells in re.findall(r"(\S) ([DIP]{31})", _PAIRS)}

# Code points (hex) whose class differs from _default_class().
_EXCEPTIONS = """
! 21 3F 5C6 2762-2763 2E2E 2E53-2E54 FE15-FE16 FE56-FE57 FF01 FF1F
$ 24 2B 5C A3-A5 B1 20A0-20A6 20A8-20B5 20B7-20BA 20BC-20BD 20BF 2116 2212-2213 FE69 FF04 FFE1 FFE5-FFE6
% 25 A2 B0 2030-2037 20A7 20B6 20BB 20BE 20C0 2103 2109 FE6A FF05 FFE0
, 2C 2E 3A-3B 37E 2044 FE10 FE13-FE14
/ 2F
A 9 7C AD 5BE 2010 2012-2013 2027 2056 2058-205B 205D-205E 2E0E-2E15 2E17 2E19 2E2A-2E2D 2E30-2E31 2E33-2E34 2E3C-2E3E
    2E40-2E41 2E43-2E4A 2E4C 2E4E-2E4F 2E5D
B 2014 2E3A-2E3B
C 3035
G A0 34F 35C-362 2007 2011 202F
H 5D0-5EA 5EF-5F2 FB1D FB1F-FB28 FB2A-FB36 FB38-FB3C FB3E FB40-FB41 FB43-FB44 FB46-FB4F
I 23F1-23F2 2600-2603 2618 261A-261C 261E-261F 2639-263B 2668 26BF-26C3 26C6-26C8 26CD 26CF-26D1 26D3 26D8-26D9 26DC
    26DF-26E1 26F1 26F4 26F7-26F8 26FE-2704 2708-2709 2764 303F FF66 FF71-FF9D FFA0-FFBE FFC2-FFC7 FFCA-FFCF FFD2-FFD7
    FFDA-FFDC 1F321-1F32C 1F336 1F37D 1F394-1F39B 1F39E-1F39F 1F3CD-1F3CE 1F3D4-1F3DF 1F3F1-1F3F3 1F3F5-1F3F7 1F43F
    1F441 1F4FD-1F4FE 1F54A 1F54F 1F568-1F573 1F576-1F579 1F57B-1F58F 1F591-1F594 1F597-1F5A3 1F5A5-1F5D3 1F5DC-1F5F3
    1F5FA 1F6C6-1F6CB 1F6CD-1F6CF 1F6D3-1F6D4 1F6E0-1F6EA 1F6F0-1F6F3 1F7D5-1F7D8 1F8B0-1F8B1 1F93B 1F946 1FA60-1FA6D
L 1100-115F A960-A97C
T 11A8-11FF D7CB-D7FB
V 1160-11A7 D7B0-D7C6
W 2060 FEFF
_ 20
a 2061-2064 23E9-23EC 25FD-25FE 2648-2653 2693 26A1 26AA-26AB 26CE 2705 2728 274C 274E 2753-2755 2757 2795-2797 27B0
    27BF 2B1B-2B1C 2B50 2B55 1F3B5-1F3B6 1F3BC 1F4A0 1F4A2 1F4A4 1F4AF 1F4B1-1F4B2 1F500-1F506 1F517-1F524 1F532-1F53D
b B4 2C8 2CC 2DF 1FFD
c 3001-3002 FE11-FE12 FE50 FE52 FF0C FF0E FF61 FF64
e 261D 26F9 270A-270D 1F385 1F3C2-1F3C4 1F3C7 1F3CA-1F3CC 1F442-1F443 1F446-1F450 1F466-1F478 1F47C 1F481-1F483
    1F485-1F487 1F48F 1F491 1F4AA 1F574-1F575 1F57A 1F590 1F595-1F596 1F645-1F647 1F64B-1F64F 1F6A3 1F6B4-1F6B6 1F6C0
    1F6CC 1F90C 1F90F 1F918-1F91F 1F926 1F930-1F939 1F93C-1F93E 1F977 1F9B5-1F9B6 1F9B8-1F9B9 1F9BB 1F9CD-1F9CF
    1F9D1-1F9DD 1FAC3-1FAC5 1FAF0-1FAF6
h 2D
i 2024-2026 22EF FE19
j 200D
k A-D 85 2028-2029
m 1F3FB-1F3FF
n 203C-203D 2047-2049 3005 301C 303B-303C 3041 3043 3045 3047 3049 3063 3083 3085 3087 308E 3095-3096 309B-309E
    30A0-30A1 30A3 30A5 30A7 30A9 30C3 30E3 30E5 30E7 30EE 30F5-30F6 30FB-30FE FE54-FE55 FF1A-FF1B FF65 FF67-FF70
    FF9E-FF9F 1F679-1F67B
o A1 BF 2E18
p 29 5D
q 22 27 275B-2760 2E00-2E01 2E06-2E08 2E0B 1F676-1F678
r 1F1E6-1F1FF
z 200B
"""
_EXCEPTION = {
    cp: cls.replace("_", " ")
    for cls, spans in re.findall(r"^(\S) ((?:[0-9A-F-]+| |\n    )+)", _EXCEPTIONS, re.M)
    for lo, hi in re.findall(r"([0-9A-F]+)(?:-([0-9A-F]+))?", spans)
    for cp in range(int(lo, 16), int(hi or lo, 16) + 1)
}
_BY_CATEGORY = dict(Mn="C", Mc="C", Me="C", Cc="C", Cf="C", Pe="c", Pi="q", Pf="q", Zs="A")


def _wide(ch: str) -> bool:
    if unicodedata.category(ch) == "Cn":  # unassigned: wide only in CJK blocks
        return "\u3400" <= ch < "\ua000" or "\uf900" <= ch < "\ufb00" or ch >= "\U00020000"
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _default_class(ch: str) -> str:
    cp, cat = ord(ch), unicodedata.category(ch)
    if 0xAC00 <= cp <= 0xD7A3:
        return "2" if (cp - 0xAC00) % 28 == 0 else "3"
    if cat in _BY_CATEGORY:
        return _BY_CATEGORY[cat]
    if cat == "Ps":
        return "O" if _wide(ch) or unicodedata.east_asian_width(ch) == "H" else "o"
    return "I" if _wide(ch) else "0" if cat == "Nd" else "a"


class _ClassMap(dict[int, str]):
    """str.translate table: code point -> class letters of its escaped form."""

    def __missing__(self, cp: int) -> str:
        cls = self[cp] = _EXCEPTION.get(cp) or _default_class(chr(cp))
        return cls


class _WidthMap(dict[str, int]):
    """Character -> columns, as libunistring's uc_width (controls count 0)."""

    def __missing__(self, ch: str) -> int:
        cp = ord(ch)
        zero = cp < 0x20 or 0x7F <= cp < 0xA0 or 0x1160 <= cp < 0x1200 or 0xD7B0 <= cp < 0xD800
        width = self[ch] = 0 if zero or unicodedata.category(ch) in ("Mn", "Me", "Cf") else (2 if _wide(ch) else 1)
        return width


# The escaped form of the characters the writer escapes: a backslash (PR) and a letter (AL).
_CLS = _ClassMap({ord(c): "$a" for c in "\a\b\f\n\r\t\v"} | {ord("\\"): "$R", ord('"'): "$q"})
_WIDTH = _WidthMap()
_NARROW = re.compile(  # only characters of width 1
    "[ -~\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u0590\u1e00-\u1fff\u2010-\u2027\u2030-\u205f\u20a0-\u20cf\u2100-\u218f]*"
)
_SPECIAL = re.compile("[kzCjrH]")  # classes with rules beyond the pair table
_SPACES = re.compile(" +")
_NOT_ALNUM = re.compile("[^a0 ]")  # a direct break has one of these on a side


def _table_opportunities(cls: str) -> list[int]:
    """Break opportunities (indices of the character after) when only the
    pair table applies, found with regexes rather than per character."""
    found = set()
    end = len(cls) - 1
    for m in _SPACES.finditer(cls):
        i, j = m.span()
        if i and j <= end and _PAIR[cls[i - 1]][cls[j]] != "P":
            found.add(j)
    for m in _NOT_ALNUM.finditer(cls):
        j = m.start()
        c = cls[j]
        if j and cls[j - 1] != " " and _PAIR[cls[j - 1]][c] == "D":
            found.add(j)
        if j < end and cls[j + 1] != " " and _PAIR[c][cls[j + 1]] == "D":
            found.add(j + 1)
    return sorted(found)


def _all_opportunities(cls: str) -> tuple[list[int], list[int]]:
    """(opportunities, mandatory breaks): libunistring 1.0's
    u8_possible_linebreaks loop, for texts with the special classes."""
    found: list[int] = []
    mandatory: list[int] = []
    prev = last = "k"
    space = False
    ri = 0  # regional indicators just before
    for i, c in enumerate(cls):
        if c == "k":
            mandatory.append(i)
            last, space = "k", False
        elif c == " ":
            space = True
        elif c == "z":
            last, space = "z", False
        elif c in "Cj":
            if last == "k" or last == "z" or space:  # else it joins the previous
                if last != "k":
                    found.append(i)
                last, space = "a", False
        else:
            if last == "k" or prev == "j" or prev == "X":  # X: HL then HY/BA
                brk = False
            elif last == "z":
                brk = True
            elif last == c == "r":
                brk = space or ri % 2 == 0
            else:
                kind = _PAIR[last][c]
                brk = kind == "D" or (kind == "I" and space)
            if brk and c != "R":
                found.append(i)
            last, space = c, False
        prev = "X" if prev == "H" and c in "hA" else c
        ri = ri + 1 if c == "r" else 0
    return found, mandatory


def fits(esc: str, columns: int) -> bool:
    """Whether *esc* is at most *columns* wide (``uc_width``): then :func:`linebreaks` cuts nothing."""
    if len(esc) > columns:
        return False
    return 2 * len(esc) <= columns or _NARROW.fullmatch(esc) is not None or sum(map(_WIDTH.__getitem__, esc)) <= columns


def linebreaks(raw: str, esc: str, width: int, startcols: tuple[int, ...], forbid: set[int]) -> list[list[int]]:
    """For each start column, where in *esc* (escaped *raw*) gettext starts a
    new line: libunistring's u8_width_linebreaks."""
    n = len(esc)
    if _NARROW.fullmatch(esc):
        pref: range | list[int] = range(n + 1)
    else:
        pref = list(accumulate(map(_WIDTH.__getitem__, esc), initial=0))
    if max(startcols) + pref[n] <= width:
        return [[] for _ in startcols]
    cls = raw.translate(_CLS)
    if raw.endswith("\n"):
        cls = cls[:-2] + "Ra"
    mandatory: list[int] = []
    if _SPECIAL.search(cls):
        found, mandatory = _all_opportunities(cls)
    else:
        found = _table_opportunities(cls)
    opps = [p for p in found if p not in forbid] if forbid else found
    vals = [pref[p] for p in opps]
    result = []
    for startcol in startcols:
        cuts: list[int] = []
        start, column = 0, startcol
        for end in [*mandatory, n]:  # a mandatory break restarts at column 0
            i, hi = bisect_right(opps, start), bisect_left(opps, end)
            # A line runs to the opportunity before the first later one (or the
            # end) that would overflow; its first piece stays even if too long.
            while i < hi:
                limit = width - column + pref[start]
                k = bisect_right(vals, limit, i + 1, hi)
                if k == hi and pref[end] <= limit:
                    break
                start, column, i = opps[k - 1], 0, k
                cuts.append(start)
            start, column = end + 1, 0
        result.append(cuts)
    return result
