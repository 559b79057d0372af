"""``storegate``: the operator's command.

storegate serve [--bind 127.0.0.1:8000] [--workers N]   web server (gunicorn)
storegate worker                                         background worker and periodic jobs
storegate demo                                           SQLite + demo data + web + worker
storegate migrate | createsuperuser | check | ...        any Django management command
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storegate.settings")
    import django

    django.setup()


def gunicorn_argv(bind: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "storegate.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--access-logfile",
        "-",
        # The access log must not keep the tokens some links carry (staff invitations).
        "--logger-class",
        "storegate.core.gunicorn_logging.RedactingLogger",
        "--graceful-timeout",
        "10",
    ]


def _serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="storegate serve", description="Run the web server (gunicorn)."
    )
    parser.add_argument("--bind", default=os.environ.get("STOREGATE_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    _django_setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    # Replaces this process with gunicorn, on purpose.
    os.execvp(sys.executable, gunicorn_argv(args.bind, args.workers, args.threads))  # noqa: S606
    return 0


def _worker(argv: list[str]) -> int:
    _django_setup()
    from django.core.management import call_command

    call_command("storegate_worker", *argv)
    return 0


def _demo(argv: list[str]) -> int:
    """SQLite, migrations, demo data on first run, then the web server and the worker."""
    parser = argparse.ArgumentParser(prog="storegate demo")
    parser.add_argument("--bind", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    os.environ.setdefault("STOREGATE_DEMO", "1")
    os.environ.setdefault("EMAIL_URL", "mailbox://")
    data_dir = Path(os.environ.setdefault("STOREGATE_DATA_DIR", str(Path.cwd() / "var")))
    data_dir.mkdir(parents=True, exist_ok=True)
    _django_setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo_data")
    env = dict(os.environ)
    web = subprocess.Popen(
        [sys.executable, "-m", "storegate.cli", "serve", "--bind", args.bind, "--workers", "2"],
        env=env,
    )
    worker = subprocess.Popen([sys.executable, "-m", "storegate.cli", "worker"], env=env)
    print(
        f"\nStoregate is running on http://{args.bind}/  (Ctrl-C stops the web server and the worker)\n",
        flush=True,
    )
    try:
        while web.poll() is None and worker.poll() is None:
            try:
                web.wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
    except KeyboardInterrupt:
        pass
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


COMMANDS = {"serve": _serve, "worker": _worker, "demo": _demo}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command in COMMANDS:
        return COMMANDS[command](rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storegate.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["storegate", command, *rest])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
