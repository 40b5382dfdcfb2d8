"""``referral-tui serve``: the same app in a browser, through textual-serve.

textual-serve has no login and does not check the Origin of its websocket, so on its own any
web page open in the user's browser could drive a server on 127.0.0.1. This module adds the
missing guard in front of every route:

* the printed URL carries a random token; the first authorised GET swaps it for an HttpOnly,
  SameSite=Strict cookie and redirects to the same page without it, so the page's own assets
  and websocket pass and the token leaves the address bar;
* the websocket's Origin must be the host the page was served from;
* unless ``--public``, the Host header must name a loopback address (DNS rebinding).

textual-serve (and aiohttp, which it brings) is an optional extra, imported only here and only
when the server starts, so ``referral-tui`` without ``[serve]`` never loads it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hmac
import ipaddress
import os
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from aiohttp import web
    from aiohttp.typedefs import Handler, Middleware

PROG = "referral-tui"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8123
TOKEN_PARAM = "token"
INSTALL_HINT = "pip install 'referral-tui[serve]'"
EXIT_USAGE = 2
EXIT_FAILED = 1

_UNSPECIFIED = {"", "0.0.0.0", "::"}


@dataclass(frozen=True)
class Refusal:
    """Why a request is turned away: the HTTP status and a short text body."""

    status: int
    reason: str


def parse_port(text: str) -> int:
    """argparse ``type=`` for ``--port``: 0 (pick a free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 65535, not {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 0 to 65535, not {value}")
    return value


def _bare(host: str) -> str:
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback IP literal (127.0.0.0/8, ::1); no name is resolved."""
    name = _bare(host.strip()).lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_host(host: str, public: bool) -> str | None:
    """The refusal message for binding to ``host``, or None when it is allowed.

    Only loopback is allowed by default: the campaign is personal data and the server has no
    TLS. Other machines reach it through ``ssh -L``; ``--public`` is the explicit opt-out.
    """
    if public or is_loopback(host):
        return None
    shown = host or "(all interfaces)"
    return (
        f"--host {shown} is not a loopback address: anyone who can reach it could read and change the campaign; "
        "use ssh -L to reach 127.0.0.1 from another machine, or add --public to serve it anyway"
    )


def _token_matches(expected: str, presented: str | None) -> bool:
    if not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode("utf-8", "surrogateescape"))


def _origin_matches(origin: str | None, host: str) -> bool:
    if not origin:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def _host_name(host: str) -> str | None:
    """The name in a Host header (``[::1]:8123`` -> ``::1``), or None if it is malformed."""
    try:
        parts = urlsplit(f"//{host}")
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    return parts.hostname


def check_request(
    *,
    token: str,
    host: str,
    query_token: str | None,
    cookie_token: str | None,
    origin: str | None,
    websocket: bool,
    public: bool,
) -> Refusal | None:
    """Decide one request from its headers; None lets it through.

    ``host`` is the request's Host header; a websocket must come from a page on that same host
    (a foreign page's Origin differs). A missing Origin on a websocket is refused too: browsers
    always send one, and nothing else needs this socket.
    """
    if not public:
        name = _host_name(host)
        if name is None or not is_loopback(name):
            return Refusal(403, f"refused: Host {host!r} is not a loopback address.")
    if not (_token_matches(token, query_token) or _token_matches(token, cookie_token)):
        return Refusal(403, f"refused: open the URL that '{PROG} serve' printed (it ends in ?{TOKEN_PARAM}=...).")
    if websocket and not _origin_matches(origin, host):
        return Refusal(403, f"refused: websocket from a foreign page (Origin {origin!r}, expected host {host!r}).")
    return None


def app_command(db_path: Path) -> str:
    """The shell command textual-serve runs per browser connection: this app on the same file.

    The file is passed explicitly so the child cannot resolve a different one; the rest of the
    environment (REFERRAL_TUI_TODAY, XDG folders) is inherited.
    """
    return shlex.join([sys.executable, "-m", "referral_tui", "--db", str(db_path.expanduser().absolute())])


def cookie_name(port: int) -> str:
    """Cookies are not isolated by port, so two servers on one host each get their own."""
    return f"referral_tui_serve_{port}"


def _url_host(host: str) -> str:
    name = _bare(host)
    if name in _UNSPECIFIED:
        return socket.gethostname()
    return f"[{name}]" if ":" in name else name


def _listen(host: str, port: int) -> socket.socket:
    """Bind before starting, so port 0 turns into a real port we can print."""
    name = _bare(host) or None
    family, *_ = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return socket.create_server((name or "", port), family=family)


def make_guard(token: str, port: int, public: bool) -> Middleware:
    """aiohttp middleware applying ``check_request`` to every route textual-serve defines."""
    from aiohttp import hdrs, web

    name = cookie_name(port)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        query_token = request.query.get(TOKEN_PARAM)
        websocket = request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        refusal = check_request(
            token=token,
            host=request.host,
            query_token=query_token,
            cookie_token=request.cookies.get(name),
            origin=request.headers.get(hdrs.ORIGIN),
            websocket=websocket,
            public=public,
        )
        if refusal is not None:
            return web.Response(status=refusal.status, text=refusal.reason + "\n")
        if query_token is not None and request.method == hdrs.METH_GET and not websocket:
            # Swap the token for a cookie, and take it out of the address bar and history.
            location = str(request.rel_url.without_query_params(TOKEN_PARAM))
            response: web.StreamResponse = web.Response(status=303, headers={hdrs.LOCATION: location})
            response.set_cookie(name, token, httponly=True, samesite="Strict", path="/")
        else:
            response = await handler(request)
        if not response.prepared:
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["Cache-Control"] = "no-store"
        return response

    return guard


async def _run(command: str, sock: socket.socket, guard: Middleware, ready: Callable[[], None]) -> None:
    """Run textual-serve on the bound socket until SIGINT/SIGTERM; ``ready`` runs once it listens."""
    import aiohttp_jinja2
    from aiohttp import web
    from markupsafe import escape
    from textual_serve.server import Server

    class GuardedServer(Server):
        """textual-serve's routes behind the guard, with page URLs built from the request's host.

        Upstream builds them from the bind address, which is wrong behind ``ssh -L`` to another
        local port and for 0.0.0.0.
        """

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(guard)
            return app

        async def on_startup(self, app: web.Application) -> None:
            """Upstream prints a logo and an untokenised URL; ``serve`` prints the real one."""

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            host = escape(request.host)  # the template is not autoescaped
            ws_scheme = "wss" if request.scheme == "https" else "ws"
            return {
                "font_size": _int(request.query.get("fontsize"), 16),
                "app_websocket_url": f"{ws_scheme}://{host}/ws",
                "config": {"static": {"url": f"{request.scheme}://{host}/static/"}},
                "application": {"name": PROG},
            }

    server = GuardedServer(command, title=PROG)
    runner = web.AppRunner(await server._make_app(), access_log=None, handle_signals=False)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await web.SockSite(runner, sock).start()
        ready()
        await stop.wait()
    finally:
        await runner.cleanup()


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def serve(
    db_path: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Serve the app on ``host:port`` until Ctrl+C; print the tokenised URL to ``out``.

    Returns the exit status. Every failure (host refused, textual-serve missing, port busy)
    is one line on ``err`` in the CLI's ``referral-tui: error: ...`` format.
    """
    out = out or sys.stdout
    err = err or sys.stderr

    def fail(message: str, status: int) -> int:
        print(f"{PROG}: error: {message}", file=err, flush=True)
        return status

    refusal = check_host(host, public)
    if refusal is not None:
        return fail(refusal, EXIT_USAGE)
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        return fail(f"serving in a browser needs the optional textual-serve package: {INSTALL_HINT}", EXIT_FAILED)
    try:
        sock = _listen(host, port)
    except OSError as exc:
        hint = " (try --port 0 for a free port)" if port else ""
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else (exc.strerror or str(exc))
        return fail(f"cannot listen on {host}:{port}: {reason}{hint}", EXIT_FAILED)
    with sock:
        bound_port = sock.getsockname()[1]
        token = secrets.token_urlsafe(24)
        url_host = _url_host(host)
        url = f"http://{url_host}:{bound_port}/?{TOKEN_PARAM}={token}"

        def ready() -> None:
            if public:
                print(
                    f"{PROG}: warning: serving on {host or 'all interfaces'}:{bound_port} over plain HTTP: "
                    "anyone who can reach this port and learns the URL (or sniffs it) can read and change the campaign",
                    file=err,
                    flush=True,
                )
            print(f"Serving {db_path} in a browser; Ctrl+C stops. Open:", file=out)
            print(f"  {url}", file=out)
            if not public:
                print(
                    f"From another machine: ssh -N -L {bound_port}:{url_host}:{bound_port} THIS-HOST, then the same URL.",
                    file=out,
                )
            out.flush()

        with contextlib.suppress(KeyboardInterrupt):  # a Ctrl+C before the signal handlers are in place
            asyncio.run(_run(app_command(db_path), sock, make_guard(token, bound_port, public), ready))
    return 0
