"""``referral-tui serve``: loopback by default, and a token and Origin check on every request.

The server runs in a subprocess (its own process group, killed at the end) started by calling
``referral_tui.serve.serve`` through ``python -c``, on a free loopback port with the data file
in tmp_path; the tests wait for it to print its URL, never for a fixed time.
"""

from __future__ import annotations

import io
import os
import re
import select
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# The browser server is the optional [serve] extra (textual-serve, which brings aiohttp).
pytest.importorskip("textual_serve", reason="the optional [serve] extra is not installed")

import aiohttp  # noqa: E402

from referral_tui import serve as srv  # noqa: E402

TOKEN = "s3cret-token"
URL_RE = re.compile(rb"http://\S+/\?token=([\w-]+)")
START_TIMEOUT = 20.0


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LocalHost"])
def test_loopback_hosts_are_allowed(host: str) -> None:
    assert srv.check_host(host, public=False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.5", "example.com"])
def test_other_hosts_need_public(host: str) -> None:
    message = srv.check_host(host, public=False)
    assert message is not None and "--public" in message and "\n" not in message
    assert srv.check_host(host, public=True) is None


def _check(
    *,
    host: str = "127.0.0.1:8123",
    query: str | None = None,
    cookie: str | None = None,
    origin: str | None = None,
    websocket: bool = False,
    public: bool = False,
) -> srv.Refusal | None:
    return srv.check_request(
        token=TOKEN,
        host=host,
        query_token=query,
        cookie_token=cookie,
        origin=origin,
        websocket=websocket,
        public=public,
    )


def test_token_in_query_or_cookie_is_required() -> None:
    assert _check(query=TOKEN) is None
    assert _check(cookie=TOKEN) is None
    assert _check(query="wrong", cookie=TOKEN) is None
    for query, cookie in [
        (None, None),
        ("wrong", None),
        (None, "wrong"),
        ("", ""),
        ("s3cret-tokeX", None),
        ("é", None),
    ]:
        refusal = _check(query=query, cookie=cookie)
        assert refusal is not None and refusal.status == 403 and "token" in refusal.reason


def test_websocket_needs_the_pages_own_origin() -> None:
    assert _check(cookie=TOKEN, websocket=True, origin="http://127.0.0.1:8123") is None
    assert _check(host="localhost:9000", cookie=TOKEN, websocket=True, origin="http://LOCALHOST:9000") is None
    for origin in [None, "", "null", "https://evil.example", "http://127.0.0.1:8124", "http://127.0.0.1", "file://"]:
        refusal = _check(cookie=TOKEN, websocket=True, origin=origin)
        assert refusal is not None and refusal.status == 403, origin


def test_non_loopback_host_header_is_refused_unless_public() -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name; only --public accepts that."""
    for host in ["evil.example:8123", "192.168.1.20:8123", "", "127.0.0.1:bad"]:
        refusal = _check(host=host, cookie=TOKEN)
        assert refusal is not None and refusal.status == 403, host
    assert _check(host="[::1]:8123", cookie=TOKEN) is None
    assert _check(host="192.168.1.20:8123", cookie=TOKEN, public=True) is None
    refused = _check(host="192.168.1.20:8123", public=True)
    assert refused is not None and refused.status == 403


def test_the_child_command_is_this_app_on_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "a folder" / "my campaign.json"
    assert shlex.split(srv.app_command(db)) == [sys.executable, "-m", "referral_tui", "--db", str(db)]


@pytest.mark.parametrize("text, ok", [("0", True), ("8123", True), ("65535", True), ("65536", False), ("x", False)])
def test_parse_port(text: str, ok: bool) -> None:
    if ok:
        assert srv.parse_port(text) == int(text)
    else:
        with pytest.raises(Exception, match="65535"):
            srv.parse_port(text)


def test_refused_host_is_one_stderr_line(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert srv.serve(tmp_path / "db.json", "0.0.0.0", 0, False, out, err) == srv.EXIT_USAGE
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1 and err.getvalue().startswith("referral-tui: error: --host 0.0.0.0")
    assert not (tmp_path / "db.json").exists()


def _serve_code(db: Path, host: str, public: bool, block_textual_serve: bool = False) -> str:
    block = "sys.modules['textual_serve'] = None; " if block_textual_serve else ""
    return (
        f"import sys; {block}from pathlib import Path; from referral_tui.serve import serve; "
        f"sys.exit(serve(Path({str(db)!r}), {host!r}, 0, {public!r}))"
    )


def test_missing_textual_serve_says_how_to_install(tmp_path: Path) -> None:
    code = _serve_code(tmp_path / "db.json", "127.0.0.1", False, block_textual_serve=True)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "referral-tui: error: serving in a browser needs the optional textual-serve package: "
        "pip install 'referral-tui[serve]'"
    ]


@dataclass
class Running:
    proc: subprocess.Popen[bytes]
    url: str
    base: str
    token: str
    output: bytes


def _read_until(proc: subprocess.Popen[bytes], pattern: re.Pattern[bytes], seen: bytes = b"") -> re.Match[bytes]:
    """Read the server's stdout until ``pattern`` matches (or fail after START_TIMEOUT)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + START_TIMEOUT
    while (match := pattern.search(seen)) is None:
        remaining = deadline - time.monotonic()
        assert remaining > 0 and proc.poll() is None, f"no {pattern.pattern!r} in {seen!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            seen += os.read(fd, 4096)
    return match


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Running]:
    public = bool(getattr(request, "param", False))
    db = tmp_path / "served.json"
    proc = subprocess.Popen(
        [sys.executable, "-c", _serve_code(db, "127.0.0.1", public)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        found = _read_until(proc, URL_RE)
        url = found.group(0).decode()
        base, _, token = url.partition("/?token=")
        yield Running(proc, url, base, token, found.string)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        finally:
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()


def _session() -> aiohttp.ClientSession:
    # unsafe=True: aiohttp's jar otherwise drops cookies for IP hosts; browsers keep them.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def test_printed_url_opens_the_page_and_nothing_else_does(server: Running) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.base)
    assert len(server.token) >= 32
    port = server.base.rsplit(":", 1)[1]
    _read_until(server.proc, re.compile(rf"ssh -N -L {port}:127\.0\.0\.1:{port} ".encode()), server.output)
    async with _session() as anonymous:
        for path in ["/", "/?token=wrong", "/static/js/textual.js", "/static/", "/download/x", "/ws"]:
            async with anonymous.get(server.base + path, allow_redirects=False) as response:
                assert response.status == 403, path
                assert "token" in await response.text()
    async with _session() as user:
        async with user.get(server.url, allow_redirects=False) as first:
            assert first.status == 303
            assert first.headers["Location"] == "/"
            cookie = first.cookies[srv.cookie_name(int(port))]
            assert cookie.value == server.token and cookie["httponly"] and cookie["samesite"] == "Strict"
        async with user.get(server.url) as page:
            assert page.status == 200
            assert page.content_type == "text/html"
            html = await page.text()
            assert f'data-session-websocket-url="{server.base.replace("http", "ws")}/ws"' in html
            assert page.headers["X-Frame-Options"] == "DENY"
        async with user.get(server.base + "/static/js/textual.js") as asset:
            assert asset.status == 200
        async with user.get(server.base + "/", headers={"Host": "evil.example"}) as rebound:
            assert rebound.status == 403


async def test_websocket_checks_origin_then_runs_the_app_on_the_served_file(server: Running, tmp_path: Path) -> None:
    ws_url = server.base.replace("http", "ws") + "/ws?width=80&height=24"
    async with _session() as user:
        async with user.get(server.url) as page:
            assert page.status == 200
        for origin in ["http://evil.example", "http://127.0.0.1:1"]:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await user.ws_connect(ws_url, origin=origin)
            assert refused.value.status == 403
        assert not (tmp_path / "served.json.lock").exists()
        async with user.ws_connect(ws_url, origin=server.base) as ws:
            message = await ws.receive(timeout=START_TIMEOUT)  # the app's first screen output
            assert message.type == aiohttp.WSMsgType.BINARY, message
    # The child opened the file given to serve(), not $REFERRAL_TUI_DB (tmp_path/referrals.json).
    assert (tmp_path / "served.json.lock").exists()
    assert not (tmp_path / "referrals.json.lock").exists()


@pytest.mark.parametrize("server", [True], indirect=True)
async def test_public_warns_and_still_needs_the_token(server: Running) -> None:
    assert server.proc.stderr is not None
    warning = server.proc.stderr.readline().decode()
    assert warning.startswith("referral-tui: warning:") and "anyone who can reach" in warning
    async with _session() as anonymous, anonymous.get(server.base + "/", headers={"Host": "box.lan:1"}) as response:
        assert response.status == 403
    async with _session() as user:
        async with user.get(server.url) as page:
            assert page.status == 200
        async with user.get(server.base + "/", headers={"Host": "box.lan:1"}) as renamed:
            assert renamed.status == 200
