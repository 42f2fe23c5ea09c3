#!/usr/bin/env python3
"""``l10n review serve`` on the real book: time to the first page, and per action.

    PYTHONPATH=. python3 benchmarks/review_serve.py --work /tmp/rbe-serve

Rules:

1. The project is the rust-by-example book of ``benchmarks/real_book.py``, filled with its
   translators' work as a translator's editor leaves it (``--fill-mode human``): thousands of
   translations awaiting approval in es, ja, ko and zh.
2. The server is the command's (:func:`l10n.render.review_app.prepare`), in this process on
   127.0.0.1, driven over HTTP with the standard library (a cookie jar, the page's CSRF token
   and the server's Origin), as a browser would drive it; nothing is mocked.
3. Measured, each with a wall clock: the first page after start (token exchange, the queue of
   every catalog with a cold check cache, the cards of the first page), the same page again
   (warm), a filtered page (one locale, one article), and each action: Approve, Waive (a check
   with a finding), Send back, each followed by the page it redirects to, as the reviewer sees
   it. ``--repeat`` actions of each kind are timed and their median is reported.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.real_book import DATA, prepare

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_FORM = re.compile(
    r'<form method="post" action="/(?P<action>[a-z-]+)">.*?name="locale" value="(?P<locale>[^"]+)">'
    r'<input type="hidden" name="entry" value="(?P<entry>[^"]+)">'
)
_CHECK = re.compile(r'<select name="check"><option value="(?P<check>[^"]+)"')


class Client:
    """A browser's part: a cookie jar, the Origin of the page, redirects followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> str:
        with self.opener.open(url if url.startswith("http") else self.base + url, timeout=600) as response:
            return str(response.read().decode("utf-8"))

    def post(self, path: str, form: dict[str, str]) -> str:
        data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Origin": self.base}, method="POST")
        with self.opener.open(request, timeout=600) as response:
            return str(response.read().decode("utf-8"))


def timed(action: object, *args: object) -> tuple[float, str]:
    start = time.perf_counter()
    out = action(*args)  # type: ignore[operator]
    return time.perf_counter() - start, str(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/rbe-serve"))
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="keep an already prepared --work project")
    args = ap.parse_args(argv)

    from l10n.render.review_app import prepare as serve
    from l10n.workflow.project import load

    if not args.reuse or not (args.work / "l10n.toml").exists():
        prepare(args.work, args.data, mode="human")
    cold = not (args.work / ".l10n").exists()
    config = load(args.work)
    start = time.perf_counter()
    served = serve(config, "Bench Reviewer <bench@example.org>")
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    while not served.server.started:
        time.sleep(0.01)
    client = Client(f"http://127.0.0.1:{served.session.port}")
    first, page = timed(client.get, served.url)
    first += 0  # from the request with the token to the page shown
    started = time.perf_counter() - start
    counted = re.search(r"(\d+) of (\d+) waiting", page)  # the page says it: the check cache is the server thread's
    waiting = int(counted[2]) if counted else 0
    warm, page = timed(client.get, "/")
    csrf = _CSRF.search(page)
    assert csrf, "no CSRF token on the page"
    articles = sorted({m["entry"].split(":")[0] for m in _FORM.finditer(page)})
    article = Path(articles[0]).stem if articles else ""
    filtered, _ = timed(client.get, f"/?locale=ja&article={urllib.parse.quote(article)}")

    state = "cold check cache" if cold else "check cache kept from a run before"
    rows = [(f"first page after start ({state})", started), ("the same page again", warm)]
    rows.append((f"one locale, one article ({article}, ja)", filtered))
    for action in ("approve", "send-back", "waive"):
        times = []
        for _ in range(args.repeat):
            page = client.get("/")
            if action == "waive":
                card = ""
                for number in range(80):  # the first card with a finding, in ja and zh (punctuation warnings)
                    listed = client.get(f"/?locale={('ja', 'zh')[number % 2]}&page={number // 2}")
                    card = next((c for c in listed.split('<article class="unit"') if _CHECK.search(c)), "")
                    if card or "Next" not in listed:
                        break
                check, unit = _CHECK.search(card), _FORM.search(card)
                if not (check and unit):
                    break
                form = {"csrf": csrf[1], "locale": unit["locale"], "entry": unit["entry"], "check": check["check"]}
                form["reason"] = "benchmark"
            else:
                found = next((m for m in _FORM.finditer(page) if m["action"] == action), None)
                if not found:
                    break
                form = {"csrf": csrf[1], "locale": found["locale"], "entry": found["entry"]}
                if action == "send-back":
                    form["note"] = "benchmark note"
            spent, answer = timed(client.post, f"/{action}", form)
            refused = re.search(r'class="flash error"[^>]*>([^<]*)', answer)
            if refused:
                print(f"{action} refused: {refused[1]}", file=sys.stderr)
            times.append(spent)
        if times:
            rows.append((f"{action} (and the page after it), median of {len(times)}", statistics.median(times)))
    served.stop()
    thread.join(10)
    print(f"{waiting:,} units waiting for review in {len(config.locales)} locales, {len(config.articles())} articles\n")
    print("| step | seconds |\n| --- | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
