"""A small production-like cluster on this machine for the multi-server tests: two gunicorn servers
on two ports, one Celery worker, one PostgreSQL database, one Redis (cache and broker), one media
folder, and an SMTP sink (aiosmtpd) that can be taken down and brought back."""

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from html.parser import HTMLParser
from http.client import HTTPConnection, HTTPResponse
from pathlib import Path
from urllib.parse import urlencode

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class SmtpSink:
    """An SMTP server that keeps what it receives; ``stop()`` makes its port refuse connections."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.messages: list[Message] = []
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for(self, predicate, timeout: float) -> Message:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if predicate(message):
                    return message
            time.sleep(0.2)
        raise AssertionError(f"No such e-mail within {timeout} s; got {[m['To'] for m in self.messages]}")


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Client:
    """HTTP from a chosen loopback address (each test its own client address, so its own budget)."""

    port: int
    source: str = "127.0.0.1"
    cookies: dict = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Answer:
        conn = HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.source, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response: HTTPResponse = conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return Answer(response.status, dict(response.headers), data)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_json(self, path: str, data: dict) -> Answer:
        return self.request("POST", path, json.dumps(data).encode(), {"Content-Type": "application/json"})

    def post_form(self, path: str, data: list[tuple[str, str]]) -> Answer:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        return self.request("POST", path, urlencode(data).encode(), headers)


class FormScraper(HTMLParser):
    """The fields a browser would submit for the form with ``id``: inputs, textareas, selections."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea, self._select = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in {"file", "submit", "button", "image"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")])
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self.fields.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append([self._select, a.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> list[list[str]]:
    scraper = FormScraper(form_id)
    scraper.feed(html)
    return scraper.fields


def login(client: Client, username: str, password: str) -> None:
    client.get("/admin/login/")
    answer = client.post_form(
        "/admin/login/?next=/admin/",
        [
            ("csrfmiddlewaretoken", client.cookies["csrftoken"]),
            ("username", username),
            ("password", password),
        ],
    )
    assert answer.status == 302 and "sessionid" in client.cookies, answer.text[:500]


def database_url(settings_dict: dict) -> str:
    user = settings_dict["USER"] or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Cluster:
    """Starts the processes with the production settings and one shared configuration."""

    def __init__(self, *, database: str, media_root: Path, static_root: Path, smtp_port: int, log_dir: Path):
        self.ports = [free_port(), free_port()]
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "multiserver-test-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database,
            "REDIS_URL": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4"),
            "CELERY_BROKER_URL": os.environ.get("TEST_BROKER_URL", "redis://127.0.0.1:6379/5"),
            "CACHE_KEY_PREFIX": f"multiserver-{os.getpid()}-{time.time_ns()}",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "STATIC_COMPRESS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "5",
            "EMAIL_RETRY_BACKOFF_SECONDS": "1",
            "EMAIL_RETRY_BACKOFF_MAX": "4",
            "MEETINGS_API_REGISTRATION_RATE": "4/hour",
            "LOG_LEVEL": "INFO",
        }
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def run(self, *args: str) -> str:
        return subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def _spawn(self, name: str, command: list[str]) -> None:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        )

    def start(self) -> None:
        self.run("collectstatic", "--noinput", "-v0")
        subprocess.run(
            [str(BIN / "celery"), "-A", "portal", "purge", "-f"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )
        for name, port in zip("AB", self.ports, strict=True):
            self._spawn(
                f"server-{name}",
                [
                    str(BIN / "gunicorn"),
                    "portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "120",
                ],
            )
        self._spawn(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "portal",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
            ],
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        pending = set(self.ports)
        while time.monotonic() < deadline:
            for port in list(pending):
                try:
                    if Client(port).get("/readyz").status == 200:
                        pending.discard(port)
                except OSError:
                    pass
            worker_log = (self.log_dir / "worker.log").read_text(errors="replace")
            if not pending and re.search(r"celery@\S+ ready", worker_log):
                return
            if any(p.poll() is not None for p in self.processes):
                break
            time.sleep(0.5)
        raise AssertionError("The cluster did not start:\n" + self.logs())

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.log_dir.glob("*.log"))
        )

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
