"""What can be checked here of the Docker set-up without a Docker engine.

docker-compose.yml parses and wires the services; the client container's nginx
configuration passes `nginx -t`; and server/Dockerfile's own steps (COPY, RUN, ENV, CMD),
replayed as a script in a clean virtual environment (seeing the server's runtime
dependencies only, linked from this one: tests/support/runtime_deps.py), give a server
that answers.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pytest
import yaml

from pattern.kit.config import REPO_ROOT, Settings
from pattern.kit.hosts import AllowedHosts
from plaid_emulator.testing import free_port
from tests.support.runtime_deps import venv_with_runtime_deps


def test_compose_file_wires_every_service() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "server", "worker", "client", "ngrok"}
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "pgdata" in compose["volumes"]
    for name in ("server", "client"):
        build = services[name]["build"]
        assert (REPO_ROOT / build["context"] / build["dockerfile"]).is_file()
    assert services["client"]["ports"] == ["3001:80"]
    ngrok_config = services["ngrok"]["volumes"][0].split(":")[0]
    assert (REPO_ROOT / ngrok_config).is_file()
    assert "<YOUR_NGROK_AUTHTOKEN>" in (REPO_ROOT / ngrok_config).read_text()
    # Every setting the server is given is one it knows.
    fields = {name.upper() for name in Settings.model_fields}
    assert set(services["server"]["environment"]) <= fields
    assert services["server"]["env_file"][0]["path"] == ".env"
    # The worker runs the same image on the same database, syncs only.
    worker = services["worker"]
    assert worker["build"] == services["server"]["build"]
    assert worker["command"] == ["python", "-m", "pattern", "worker"]
    assert set(worker["environment"]) <= fields
    assert (
        worker["environment"]["DATABASE_URL"] == services["server"]["environment"]["DATABASE_URL"]
    )


def _nginx() -> str:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail("REQUIRE_NGINX=1 but Debian's nginx is not installed")
        pytest.skip("Debian's nginx is not installed (make system-packages)")
    return binary


def test_the_client_containers_nginx_configuration_is_valid(tmp_path: Path) -> None:
    site = (REPO_ROOT / "deploy" / "nginx" / "docker.conf").read_text()
    assert "proxy_pass http://server:5001;" in site
    # `server` resolves only inside the compose network; nginx -t resolves upstream names.
    (tmp_path / "site.conf").write_text(site.replace("server:5001", "127.0.0.1:5001"))
    (tmp_path / "nginx.conf").write_text(
        f"""error_log {tmp_path}/error.log;
pid {tmp_path}/nginx.pid;
events {{}}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    include {tmp_path}/site.conf;
}}
"""
    )
    checked = subprocess.run(
        [_nginx(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def replay_dockerfile(
    dockerfile: Path, app: Path, venv: Path, done: Mapping[str, Callable[[Path], bool]] = {}
) -> tuple[dict[str, str], list[str]]:
    """Run a Dockerfile's first stage (COPY and RUN) in `app`, with `venv` on the PATH.

    A RUN whose command is in `done` is not run when its function could put its result
    in place from work done before (and says so by returning True).
    """
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "VIRTUAL_ENV": str(venv)}
    image_env: dict[str, str] = {}
    command: list[str] = []
    stages = 0
    text = dockerfile.read_text().replace("\\\n", " ")
    for line in text.splitlines():
        instruction, _, argument = line.strip().partition(" ")
        if instruction == "FROM":
            stages += 1
            if stages > 1:  # later stages copy the first one's output into another image
                break
        elif instruction == "COPY":
            *sources, target = argument.split()
            for source in sources:
                origin = REPO_ROOT / source
                destination = app / target
                if origin.is_dir():
                    shutil.copytree(
                        origin,
                        destination,
                        ignore=shutil.ignore_patterns(
                            ".venv", "__pycache__", "*.egg-info", ".*_cache", "node_modules", "dist"
                        ),
                        dirs_exist_ok=True,
                    )
                else:
                    shutil.copy(origin, destination)
        elif instruction == "RUN":
            if argument in done and done[argument](app):
                continue
            subprocess.run(argument, shell=True, cwd=app, env=env, check=True)
        elif instruction == "ENV":
            image_env.update(dict(pair.split("=", 1) for pair in shlex.split(argument)))
        elif instruction == "CMD":
            command = [part.strip('" ') for part in argument.strip("[]").split(",")]
    return image_env, command


CLIENT = REPO_ROOT / "client"
NPM_CI = "npm ci --no-audit --no-fund"


def link_installed_node_modules(app: Path) -> bool:
    """Link client/node_modules into `app` when `make` has run this same `npm ci` on the
    package files as they are now (its stamp is newer): installing again would take as long
    as the build and prove nothing more. The build's own caches (.tmp, .vite) stay apart."""
    installed = CLIENT / "node_modules" / ".installed-stamp"
    inputs = [CLIENT / "package.json", CLIENT / "package-lock.json"]
    if not installed.exists() or any(
        path.stat().st_mtime > installed.stat().st_mtime for path in inputs
    ):
        return False
    (app / "node_modules").mkdir()
    for entry in (CLIENT / "node_modules").iterdir():
        if entry.name not in (".tmp", ".vite", installed.name):
            (app / "node_modules" / entry.name).symlink_to(entry)
    return True


def test_the_client_dockerfile_build_stage_builds_the_client(tmp_path: Path) -> None:
    if not shutil.which("npm"):
        pytest.skip("npm is not installed")
    app = tmp_path / "client"
    app.mkdir()
    dockerfile = CLIENT / "Dockerfile"
    # The Dockerfile's install step is the one `make client` runs.
    assert f"RUN {NPM_CI}\n" in dockerfile.read_text()
    assert f"cd client && {NPM_CI}\n" in (REPO_ROOT / "Makefile").read_text()
    replay_dockerfile(dockerfile, app, tmp_path / "no-venv", {NPM_CI: link_installed_node_modules})
    assert (app / "dist" / "index.html").is_file()
    docker_conf = (REPO_ROOT / "client" / "Dockerfile").read_text()
    assert "COPY deploy/nginx/docker.conf /etc/nginx/conf.d/default.conf" in docker_conf
    assert "COPY --from=build /client/dist /usr/share/nginx/html" in docker_conf


OUTSIDE_SETTINGS = ("DATABASE_URL", "PLAID_", "PYTHONPATH")


def test_the_server_dockerfile_steps_give_a_working_server(tmp_path: Path) -> None:
    app, venv = tmp_path / "app", tmp_path / "venv"
    app.mkdir()
    site_packages = venv_with_runtime_deps(venv)
    image_env, command = replay_dockerfile(REPO_ROOT / "server" / "Dockerfile", app, venv)
    assert command == ["python", "-m", "pattern"]
    # The RUN line installed the server itself into the clean venv, not a link to this checkout.
    assert (site_packages / "pattern" / "__main__.py").is_file()
    assert image_env["HOST"] == "0.0.0.0"
    port = free_port()
    env = {
        # Not this run's database or Plaid, nor PYTHONPATH (`make reliability` sets it).
        **{k: v for k, v in os.environ.items() if not k.startswith(OUTSIDE_SETTINGS)},
        **image_env,
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "DATA_DIR": str(tmp_path / "data"),
        "MIGRATIONS_DIR": str(app / "database" / "migrations"),
    }
    assert re.fullmatch(r"/app/database/migrations", image_env["MIGRATIONS_DIR"])
    server = subprocess.Popen(command, cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/api/ready", timeout=1)
                if ready.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.2)
        assert ready.json()["migrations_current"] is True
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.reliability
def test_the_shipped_setups_believe_only_their_own_proxy() -> None:
    """No shipped file trusts every X-Forwarded-For: the compose server believes only the
    client container's nginx, and both nginx sites send the address they saw, not one the
    client wrote (rotating headers would escape the per-client log-in limit)."""
    dockerfile = (REPO_ROOT / "server" / "Dockerfile").read_text()
    assert "TRUSTED_PROXIES=*" not in dockerfile
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    proxy = compose["services"]["client"]["networks"]["default"]["ipv4_address"]
    assert compose["services"]["server"]["environment"]["TRUSTED_PROXIES"] == proxy
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(proxy) in ipaddress.ip_network(subnet)
    for site in ("docker.conf", "pattern.conf"):
        text = (REPO_ROOT / "deploy" / "nginx" / site).read_text()
        assert "$proxy_add_x_forwarded_for" not in text, site
        forwarded = re.findall(r"proxy_set_header X-Forwarded-For (\S+);", text)
        assert forwarded, site
        assert set(forwarded) == {"$remote_addr"}, site
    tunnel = yaml.safe_load((REPO_ROOT / "ngrok" / "ngrok.yml").read_text())["tunnels"]["pattern"]
    assert AllowedHosts([]).allows(tunnel["host_header"])  # webhooks pass the host check
