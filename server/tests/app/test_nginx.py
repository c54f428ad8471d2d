"""The repository's nginx configuration, run for real with Debian's nginx in front of the app.

The site file is the one docs/deployment.md installs; only host names, ports, certificate
and root paths are swapped for loopback ones (each swap is checked, so the file cannot drift
away from this test). Skips without nginx, unless REQUIRE_NGINX=1 (as in CI).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import socketio
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pattern.app.middleware import CONTENT_SECURITY_POLICY
from pattern.auth.cookies import ACCESS_COOKIE
from pattern.kit.config import REPO_ROOT
from pattern.users import setup_code
from plaid_emulator.testing import free_port
from tests.support.plaid_stack import Stack
from tests.support.users import STRONG_PASSWORD

SITE = REPO_ROOT / "deploy" / "nginx" / "pattern.conf"
# A built script, big enough to be worth compressing.
APP_JS = "".join(f"console.log('pattern', {n});\n" for n in range(200))
SERVICE_WORKER = "self.addEventListener('install', () => self.skipWaiting());"
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def swap(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} is no longer in {SITE.name}: update this test with it"
    return text.replace(old, new)


def render_site(folder: Path, *, app_port: int, http: int, https: int, root: Path) -> Path:
    cert, key = self_signed(folder)
    site = SITE.read_text()
    site = swap(site, "server 127.0.0.1:5001;", f"server 127.0.0.1:{app_port};")
    site = swap(site, "listen 80;", f"listen 127.0.0.1:{http};")
    site = swap(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;")
    site = swap(site, "    listen [::]:80;\n", "")
    site = swap(site, "    listen [::]:443 ssl http2;\n", "")
    site = swap(site, "/etc/letsencrypt/live/money.example.org/fullchain.pem", str(cert))
    site = swap(site, "/etc/letsencrypt/live/money.example.org/privkey.pem", str(key))
    site = swap(site, "root /opt/pattern/client/dist;", f"root {root};")
    site = site.replace("money.example.org", "localhost")
    (folder / "pattern.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"""{user}worker_processes 1;
error_log {folder}/error.log warn;
pid {folder}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/pattern.conf;
}}
"""
    )
    return main


@pytest.fixture
def nginx(stack: Stack, tmp_path: Path) -> Iterator[dict[str, int]]:
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(
                "REQUIRE_NGINX=1 but Debian's nginx is not installed (make system-packages)"
            )
        pytest.skip("Debian's nginx is not installed (make system-packages)")
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>Pattern</title><div id=root></div>")
    (root / "assets" / "app.js").write_text(APP_JS)
    (root / "sw.js").write_text(SERVICE_WORKER)
    (root / "manifest.webmanifest").write_text('{"name": "Pattern"}')
    ports = {"http": free_port(), "https": free_port()}
    main = render_site(tmp_path, app_port=int(stack.url.rsplit(":", 1)[1]), root=root, **ports)
    command = [binary, "-p", str(tmp_path), "-c", str(main)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{ports['http']}/", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    try:
        yield ports
    finally:
        process.terminate()
        process.wait(timeout=10)


async def test_pages_api_and_sockets_through_nginx(stack: Stack, nginx: dict[str, int]) -> None:
    plain = await httpx.AsyncClient().get(
        f"http://127.0.0.1:{nginx['http']}/transactions", headers={"Host": "localhost"}
    )
    assert plain.status_code == 301
    assert plain.headers["location"] == "https://localhost/transactions"

    base = f"https://127.0.0.1:{nginx['https']}"
    # As a browser on https://localhost would: Host and Origin name the site.
    async with httpx.AsyncClient(
        base_url=base, verify=False, headers={"Host": "localhost"}
    ) as http:
        page = await http.get("/")
        assert page.status_code == 200
        assert "<title>Pattern</title>" in page.text
        assert "max-age=31536000" in page.headers["strict-transport-security"]
        fallback = await http.get("/transactions")  # a client-side route
        assert "<title>Pattern</title>" in fallback.text
        # Hashed files kept for a year, compressed; the page that names them asked for again.
        asset = await http.get("/assets/app.js", headers={"Accept-Encoding": "gzip"})
        assert asset.headers.get_list("cache-control") == ["public, max-age=31536000, immutable"]
        assert asset.headers["content-encoding"] == "gzip"
        assert asset.text == APP_JS
        for response in (page, fallback):
            assert response.headers.get_list("cache-control") == ["no-cache"]
        # nginx's own files and the server's answers carry the same security headers.
        for response in (page, fallback, asset, await http.get("/api/health")):
            assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert response.headers.get_list("content-security-policy") == [CONTENT_SECURITY_POLICY]
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["referrer-policy"] == "same-origin"
            assert "max-age=31536000" in response.headers["strict-transport-security"]
        assert (await http.get("/assets/missing.js")).status_code == 404

        credentials = {"username": "alice", "password": STRONG_PASSWORD}
        origin = {"Origin": "https://localhost"}
        code = setup_code.ensure(stack.app.parts.settings.data_dir)
        first = {**credentials, "setup_code": code}
        assert (await http.post("/api/users", json=first, headers=origin)).status_code == 201
        assert (
            await http.post("/api/sessions", json=credentials, headers=origin)
        ).status_code == 200
        me = await http.get("/api/sessions/me")
        assert me.json()["username"] == "alice"
        assert "cache-control" not in me.headers  # nginx adds no caching to the API's answers
        foreign = await http.post(
            "/api/users", json=credentials, headers={"Origin": "https://evil.example"}
        )
        assert foreign.status_code == 403
        access = http.cookies[ACCESS_COOKIE]

    received: asyncio.Queue[object] = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False, ssl_verify=False)
    sio.on("PING_TEST", received.put)
    await sio.connect(
        base,
        headers={"Cookie": f"{ACCESS_COOKIE}={access}"},
        transports=["websocket"],
        wait_timeout=5,
    )
    try:
        realtime = stack.app.parts.realtime
        stack.run(realtime.emit_to_user(me.json()["id"], "PING_TEST", {"via": "nginx"}))
        assert await asyncio.wait_for(received.get(), 5) == {"via": "nginx"}
    finally:
        await sio.disconnect()


async def test_the_installable_apps_files_through_nginx(
    stack: Stack, nginx: dict[str, int]
) -> None:
    """The manifest by its own type (Debian's mime.types does not know .webmanifest), and
    the service worker asked for again on every load, never kept (docs/adr/0025)."""
    async with httpx.AsyncClient(
        base_url=f"https://127.0.0.1:{nginx['https']}", verify=False, headers={"Host": "localhost"}
    ) as http:
        manifest = await http.get("/manifest.webmanifest")
        assert manifest.headers["content-type"] == "application/manifest+json"
        worker = await http.get("/sw.js")
        assert worker.text == SERVICE_WORKER
        assert worker.headers["content-type"] == "application/javascript"
        for response in (manifest, worker):
            assert response.headers.get_list("cache-control") == ["no-cache"]
            assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert "max-age=31536000" in response.headers["strict-transport-security"]


@pytest.mark.reliability
async def test_forged_forwarded_addresses_do_not_escape_the_log_in_limit(
    stack: Stack, nginx: dict[str, int]
) -> None:
    """Through the shipped nginx, a client writing a new X-Forwarded-For on every guess is
    still one client: past the per-client limit (20 failures) it waits."""
    base = f"https://127.0.0.1:{nginx['https']}"
    async with httpx.AsyncClient(
        base_url=base, verify=False, headers={"Host": "localhost"}
    ) as http:
        statuses = [
            (
                await http.post(
                    "/api/sessions",
                    json={"username": f"nobody{n}", "password": "guessing-1"},
                    headers={"X-Forwarded-For": f"198.51.100.{n + 1}"},
                )
            ).status_code
            for n in range(21)
        ]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429
