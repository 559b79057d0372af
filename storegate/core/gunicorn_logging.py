"""gunicorn's access log, without the secrets some links carry in their path.

A staff invitation link holds its token in the path (``/staff-invitations/<token>/``); the
access log, and the Referer of the page opened next, would otherwise keep it in plain text.
``storegate serve`` runs gunicorn with this logger class.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_IN_PATH = re.compile(r"(/staff-invitations/)[^/?#\s]+")
REDACTED = r"\1[redacted]"


def redact(text: Any) -> Any:
    return SECRET_IN_PATH.sub(REDACTED, text) if isinstance(text, str) else text


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) for key, value in atoms.items()}
