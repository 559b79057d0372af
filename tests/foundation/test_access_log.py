"""The web server's access log never keeps a staff invitation's token (S5)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from gunicorn.config import Config

from storegate.core.gunicorn_logging import RedactingLogger


def test_access_log_atoms_hide_invitation_tokens_in_path_request_line_and_referer():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/staff-invitations/sgi_SECRET123/?next=/",
        "PATH_INFO": "/staff-invitations/sgi_SECRET123/",
        "QUERY_STRING": "next=/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://shop.example/staff-invitations/sgi_SECRET123/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    assert not [key for key, value in atoms.items() if "SECRET123" in str(value)]
    assert atoms["U"] == "/staff-invitations/[redacted]/"
    # other paths are left as they are
    environ["PATH_INFO"] = environ["RAW_URI"] = "/stores/1/orders/"
    assert (
        logger.atoms(response, request, environ, datetime.timedelta(0))["U"] == "/stores/1/orders/"
    )


def test_storegate_serve_runs_gunicorn_with_the_redacting_logger():
    from storegate.cli import gunicorn_argv

    argv = gunicorn_argv("127.0.0.1:8000", 2, 4)
    assert (
        argv[argv.index("--logger-class") + 1] == "storegate.core.gunicorn_logging.RedactingLogger"
    )
