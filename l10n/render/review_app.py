"""``l10n review serve``: the reviewer's page as a local web application, with buttons instead of commands.

A clinician who reviews translations reads the cards of :mod:`l10n.render.review_html` and acts
on each from the page: Approve, Waive (one check, with a reason) and Send back (a note to the
translator). Starlette routes and parses the requests (its form parser is python-multipart) and
uvicorn serves them; nothing here reads HTTP by hand.

Rules:

1. Bound to 127.0.0.1 only, on the port asked (a free one by default); requests whose ``Host``
   is not ``127.0.0.1`` or ``localhost`` are refused (a DNS-rebinding page cannot reach it
   through another name). A project the library cannot read (a broken catalog) gives a page
   with the one-line error the command would print, not a traceback.
2. The URL printed at start carries a one-time token: the first request with it gets a session
   cookie (``HttpOnly``, ``SameSite=Strict``) and is redirected to the page without it; the
   token never works again. Every other request needs the cookie.
3. A change (``POST``) needs, besides the cookie, the session's CSRF token in the form and an
   ``Origin`` header that is this server's own; otherwise it is refused (403) and nothing is
   changed.
4. Every action calls the library functions the commands call, with the reviewer identity
   and the signing key resolved when the server started (the identity shown on the page;
   approvals and waivers signed as ``--key`` signs them): :func:`l10n.workflow.review.approve`
   (``l10n review approve --entry``), :func:`l10n.workflow.review.waive` (``l10n review
   waive``), :func:`l10n.workflow.send_back.send_back` (``l10n review send-back``). What they
   refuse is refused with their words, shown as the command prints them (``Error: refused:
   ...``).
5. The page loads nothing and runs no script: a Content-Security-Policy of ``default-src
   'none'``, the one inline stylesheet allowed by its hash, forms posted only to itself
   (``form-action 'self'``), no framing; responses are not cached.
6. Filters by state, article and locale are a ``GET`` form; at most :data:`PAGE` cards are
   shown at a time, most urgent first, with a link to the next ones.
7. The check cache is closed (written) after each request: a process that opened it empty
   reads nothing from it (rule 5 of :mod:`l10n.checks.cache`, right for one command), and a
   server that started on a cold cache would otherwise work every page out again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from l10n.checks import check_cache
from l10n.core.config import Config
from l10n.core.errors import L10nError
from l10n.render.html import e, head
from l10n.render.review_html import body
from l10n.render.review_style import CSS
from l10n.workflow.queue import Item, queue
from l10n.workflow.review import approve, waive
from l10n.workflow.review_page import document_of
from l10n.workflow.send_back import send_back

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from l10n.core.signing import Signer

PAGE = 50
"""Cards shown at a time."""

COOKIE = "l10n_review"

_APP_CSS = """\
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0 1rem}
.bar label{display:flex;flex-direction:column;font-size:.9rem;color:var(--muted)}
select,input[type=text],textarea{font:inherit;max-width:100%;padding:.3rem .4rem;border:1px solid var(--line);border-radius:6px}
textarea{width:100%;min-height:4rem}
button{font:inherit;font-weight:600;padding:.4rem .9rem;border-radius:6px;border:1px solid #1a7f37;background:#1f883d;
color:#fff;cursor:pointer}
button.second{background:#f6f8fa;color:var(--fg);border-color:var(--line)}
.actions{display:flex;flex-direction:column;gap:.5rem;margin-top:.75rem}
.actions details{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem}
.actions summary{cursor:pointer;font-weight:600}
.actions form{display:flex;flex-direction:column;gap:.4rem;margin:.4rem 0 0}
.actions button{align-self:flex-start;min-width:9rem}
.flash{padding:.5rem .75rem;border-radius:6px;margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.flash.ok{background:#dafbe1;border:1px solid #1a7f37}
.flash.error{background:#ffebe9;border:1px solid #cf222e;font-weight:600}
.pager{margin:1.5rem 0}
"""
STYLE = CSS + _APP_CSS
"""The served page's one stylesheet, allowed by its hash (rule 5)."""


def _policy() -> str:
    digest = base64.b64encode(hashlib.sha256(f"\n{STYLE}".encode()).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


HEADERS = {
    "Content-Security-Policy": _policy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # with no-referrer, a browser sends "Origin: null" (rule 3)
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    """The state of one served review: who acts, the one-time token, the session and its CSRF token."""

    config: Config
    reviewer: str
    locales: tuple[str, ...]
    port: int
    signer: Signer | None = None
    """The key that signs every approval and waiver, as the commands' ``--key`` (rule 4)."""
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    session: str | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    messages: list[tuple[str, str]] = field(default_factory=list)

    @property
    def origins(self) -> tuple[str, ...]:
        return (f"http://127.0.0.1:{self.port}", f"http://localhost:{self.port}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def signed_in(self, request: Request) -> bool:
        cookie = request.cookies.get(COOKIE, "")
        return self.session is not None and hmac.compare_digest(cookie, self.session)

    def allowed(self, request: Request, form: dict[str, str]) -> bool:
        """Whether a change may be made (rule 3): the cookie, the CSRF token, our own origin."""
        return (
            self.signed_in(request)
            and hmac.compare_digest(form.get("csrf", ""), self.csrf)
            and request.headers.get("origin", "") in self.origins
        )


def _filters(values: Any) -> dict[str, str]:
    """The page's filters from a query or form, only the known keys (a redirect goes nowhere else)."""
    out = {}
    for key in ("state", "article", "locale", "page"):
        value = str(values.get(key) or "")
        if value:
            out[key] = value
    return out


def _items(session: Session, filters: dict[str, str]) -> list[Item]:
    config = session.config
    locales = (filters["locale"],) if filters.get("locale") in config.locales else session.locales
    articles = (filters["article"],) if filters.get("article") in config.articles() else ()
    items = list(queue(config, locales, articles))
    if filters.get("state"):
        items = [i for i in items if i.state == filters["state"]]
    return items


def _select(name: str, label: str, options: list[str], chosen: str) -> str:
    opts = "".join(f'<option value="{e(o)}"{" selected" if o == chosen else ""}>{e(o)}</option>' for o in options)
    return f'<label>{e(label)}<select name="{e(name)}"><option value="">all</option>{opts}</select></label>'


_QUEUE_STATES = (
    "edited after approval",
    "awaiting approval",
    "awaiting another approval",
    "outdated",
    "machine draft",
    "reuse draft",
    "memory draft",
    "agency draft",
    "flagged",
    "pseudo draft",
    "sent back",
)


def _top(session: Session, filters: dict[str, str], shown: int, total: int) -> str:
    config = session.config
    flashes = "".join(f'<p class="flash {e(kind)}" role="status">{e(text)}</p>' for kind, text in session.messages)
    session.messages.clear()
    bar = (
        '<form class="bar" method="get" action="/">'
        + _select("state", "State", list(_QUEUE_STATES), filters.get("state", ""))
        + _select("article", "Article", list(config.articles()), filters.get("article", ""))
        + _select("locale", "Locale", list(session.locales or config.locales), filters.get("locale", ""))
        + '<button class="second" type="submit">Show</button></form>'
    )
    return (
        f'<header>\n<h1>Review <span class="muted">{e(config.root.name)}</span></h1>\n'
        f'<p class="lead who">You act as <strong data-figure="identity">{e(session.reviewer)}</strong>: '
        "every approval, waiver and note is recorded under this name, exactly as the "
        "<code>l10n review</code> commands record it.</p>\n"
        '<p class="lead">Highlighted: numbers, negation words, hedge words (<q>may</q>, <q>generally</q>) and '
        "citations; one with a dashed red outline and ≠ has no counterpart in the other text. On a card edited "
        "since its approval, struck-out words [\u2212…] were in the approved text and underlined ones [+…] are new.</p>\n"
        f'{flashes}{bar}<p class="muted">{shown} of {total} waiting, most urgent first.</p>\n</header>\n'
    )


def _actions(session: Session, filters: dict[str, str]) -> Callable[[int, dict[str, Any]], str]:
    hidden_filters = "".join(f'<input type="hidden" name="{e(k)}" value="{e(v)}">' for k, v in filters.items())

    def actions(i: int, item: dict[str, Any]) -> str:
        common = (
            f'<input type="hidden" name="csrf" value="{e(session.csrf)}">'
            f'<input type="hidden" name="locale" value="{e(item["locale"])}">'
            f'<input type="hidden" name="entry" value="{e(item["entry"])}">{hidden_filters}'
        )
        blocked = f'<p class="blocked">{e(item["blocked"])}</p>' if item.get("blocked") else ""
        checks = list(dict.fromkeys(str(f["check"]) for f in item.get("findings") or []))
        waive_form = ""
        if checks:
            options = "".join(f'<option value="{e(c)}">{e(c)}</option>' for c in checks)
            waive_form = (
                f'<details><summary>Waive a check</summary><form method="post" action="/waive">{common}'
                f'<label>Check <select name="check">{options}</select></label>'
                f'<label>Why it is acceptable <input type="text" name="reason" required></label>'
                f'<button type="submit" name="unit" value="{i}">Waive</button></form></details>'
            )
        return (
            f'<div class="actions" id="actions-{i}"><h4>Your decision</h4>{blocked}'
            f'<form method="post" action="/approve">{common}'
            f'<button type="submit" name="unit" value="{i}">Approve</button></form>{waive_form}'
            f'<details><summary>Send back to the translator</summary><form method="post" action="/send-back">{common}'
            f'<label>What the translator should change <textarea name="note" required></textarea></label>'
            f'<button class="second" type="submit" name="unit" value="{i}">Send back</button></form></details></div>\n'
        )

    return actions


def page(session: Session, filters: dict[str, str]) -> str:
    """The served page for *filters* (rule 6)."""
    items = _items(session, filters)
    try:
        start = max(0, int(filters.get("page", "0"))) * PAGE
    except ValueError:
        start = 0
    shown = items[start : start + PAGE]
    data = document_of(session.config, shown, session.locales)
    pager = ""
    if start + PAGE < len(items):
        following = {**filters, "page": str(start // PAGE + 1)}
        pager = f'<p class="pager"><a href="/?{e(urlencode(following))}">Next {PAGE} cards</a></p>\n'
    main = body(data, _actions(session, filters), _top(session, filters, len(shown), len(items)))
    return f"{head('Review - ' + session.config.root.name, STYLE, 'same-origin')}<body>\n{main}{pager}</body>\n</html>\n"


def _act(session: Session, action: str, form: dict[str, str]) -> None:
    """Run one action through the library (rule 4), and keep what it said for the next page."""
    config, locale, entry = session.config, form.get("locale", ""), form.get("entry", "")
    if locale not in config.locales:
        session.messages.append(("error", f"Error: unknown locale {locale!r}"))
        return
    try:
        if action == "approve":
            report = approve(config, locale, [], [entry], session.reviewer, session.signer)
            lines = [f"approved: {w}" for w in report.approved]
            lines += [f"needs another reviewer: {n}" for n in report.pending]
            lines += [f"offered as a reuse draft: {w}" for w in report.offered]
            if lines:
                session.messages.append(("ok", "\n".join(lines)))
            for reason in report.refused:
                session.messages.append(("error", f"Error: refused: {reason}"))
        elif action == "waive":
            check = form.get("check", "")
            where, covered = waive(config, locale, entry, check, form.get("reason", ""), session.reviewer, session.signer)
            session.messages.append(("ok", "\n".join([f"waived: {where} [{check}]", *(f"  {m}" for m in covered)])))
        else:
            where = send_back(config, locale, entry, form.get("note", ""), session.reviewer)
            session.messages.append(("ok", f"sent back: {where}"))
    except L10nError as exc:
        session.messages.append(("error", f"Error: {exc}"))


def application(session: Session) -> Starlette:
    """The ASGI application of *session* (rules 1-6)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, RedirectResponse
    from starlette.routing import Route

    def refused(why: str, status: int = 403) -> Response:
        title = "Refused" if status == 403 else "Error"
        text = f"{head(title, STYLE, 'same-origin')}<body><main><h1>{title}</h1><p>{e(why)}</p></main></body></html>\n"
        return HTMLResponse(text, status_code=status, headers=HEADERS)

    async def index(request: Request) -> Response:
        token = request.query_params.get("token")
        if token is not None:
            if session.session is not None or not hmac.compare_digest(token, session.token):
                return refused("This link was already used, or is wrong: start `l10n review serve` again for a new one.")
            session.session = secrets.token_urlsafe(32)
            response: Response = RedirectResponse("/", status_code=303, headers=HEADERS)
            response.set_cookie(COOKIE, session.session, httponly=True, samesite="strict", path="/")
            return response
        if not session.signed_in(request):
            return refused("Open the address `l10n review serve` printed (with its token).")
        try:
            return HTMLResponse(page(session, _filters(request.query_params)), headers=HEADERS)
        except L10nError as exc:
            return refused(f"Error: {exc}", 500)
        finally:
            check_cache(session.config).close()  # rule 7

    def action(name: str) -> Callable[[Request], Any]:
        async def handle(request: Request) -> Response:
            form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
            if not session.allowed(request, form):
                return refused("This request did not come from the review page (session, token or origin): nothing changed.")
            try:
                _act(session, name, form)
            finally:
                check_cache(session.config).close()  # rule 7
            anchor = f"#actions-{form['unit']}" if form.get("unit", "").isdigit() else ""
            query = urlencode(_filters(form))
            return RedirectResponse(f"/?{query}{anchor}" if query else f"/{anchor}", status_code=303, headers=HEADERS)

        return handle

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/approve", action("approve"), methods=["POST"]),
        Route("/waive", action("waive"), methods=["POST"]),
        Route("/send-back", action("send_back"), methods=["POST"]),
    ]
    hosts = ["127.0.0.1", "localhost"]  # the middleware compares the host without its port
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])


@dataclass
class Served:
    """A server bound to 127.0.0.1, ready to run (rule 1)."""

    session: Session
    sock: socket.socket
    server: Any
    """The :class:`uvicorn.Server`."""

    @property
    def url(self) -> str:
        return self.session.url

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C) or :meth:`stop`."""
        self.server.run(sockets=[self.sock])

    def stop(self) -> None:
        self.server.should_exit = True


def prepare(config: Config, reviewer: str, locales: tuple[str, ...] = (), port: int = 0, signer: Signer | None = None) -> Served:
    """Bind 127.0.0.1:*port* (0: a free port) and make the application for *reviewer*, signing with *signer* (rules 1, 2)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        msg = f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}"
        raise L10nError(msg) from None
    sock.listen(64)
    session = Session(config, reviewer, tuple(locales), sock.getsockname()[1], signer)
    settings = uvicorn.Config(application(session), log_level="warning", access_log=False, lifespan="off")
    return Served(session, sock, uvicorn.Server(settings))
