"""Settings come only from the environment and bad values are refused with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from storegate.core.email_url import parse_email_url
from storegate.core.env import env_bool, env_int, env_list, env_str


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"STOREGATE_DEMO", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    base.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import storegate.settings"],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_env_bool_accepts_the_usual_spellings():
    assert env_bool("X", False, environ={"X": "yes"}) is True
    assert env_bool("X", True, environ={"X": "off"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_refuses_anything_else():
    with pytest.raises(ImproperlyConfigured, match="X='maybe' is not a boolean"):
        env_bool("X", False, environ={"X": "maybe"})


def test_env_int_refuses_non_numbers_and_out_of_range():
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("N", 1, environ={"N": "ten"})
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("N", 1, minimum=1, environ={"N": "0"})
    with pytest.raises(ImproperlyConfigured, match="above the maximum"):
        env_int("N", 1, maximum=5, environ={"N": "6"})
    assert env_int("N", 7, environ={}) == 7


def test_env_str_required_and_env_list():
    with pytest.raises(ImproperlyConfigured, match="is required"):
        env_str("MISSING", environ={})
    with pytest.raises(ImproperlyConfigured, match="is required"):
        env_str("BLANK", environ={"BLANK": "  "})
    # `DATABASE_URL= make test` means "use the default", not "the URL is empty".
    assert env_str("DATABASE_URL", "sqlite:///x", environ={"DATABASE_URL": ""}) == "sqlite:///x"
    assert env_list("HOSTS", [], environ={"HOSTS": "a.example, b.example,"}) == [
        "a.example",
        "b.example",
    ]


def test_email_url_smtp_with_starttls():
    config = parse_email_url("smtp://user:p%40ss@mail.example:587?tls=1")
    assert config["EMAIL_HOST"] == "mail.example"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    assert config["EMAIL_USE_SSL"] is False


def test_email_url_refuses_unknown_scheme_and_missing_host():
    with pytest.raises(ImproperlyConfigured, match="unknown scheme"):
        parse_email_url("pigeon://coop")
    with pytest.raises(ImproperlyConfigured, match="must name the SMTP host"):
        parse_email_url("smtp://")


@pytest.mark.parametrize(
    "env, message",
    [
        ({}, "SECRET_KEY is required in production"),
        ({"SECRET_KEY": "short"}, "at least 32 characters"),
        ({"STOREGATE_DEMO": "1", "DEBUG": "perhaps"}, "DEBUG='perhaps' is not a boolean"),
        (
            {"STOREGATE_DEMO": "1", "DATABASE_URL": "mysql://x@y/z"},
            "must be a sqlite:// or postgres:// URL",
        ),
        ({"STOREGATE_DEMO": "1", "DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"STOREGATE_DEMO": "1", "EMAIL_URL": "carrier://x"}, "unknown scheme"),
        ({"STOREGATE_DEMO": "1", "REDIS_URL": "http://x"}, "REDIS_URL"),
        ({"STOREGATE_DEMO": "1", "SITE_URL": "ftp://x"}, "SITE_URL"),
        ({"STOREGATE_DEMO": "1", "STOREGATE_STORE_DOMAIN": "bad/domain"}, "not a domain name"),
        ({"STOREGATE_DEMO": "1", "STOREGATE_REQUEST_EXPIRY_DAYS": "0"}, "below the minimum"),
    ],
)
def test_settings_refuse_bad_environment(env, message):
    result = _import_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_defaults_are_safe():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import storegate.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.X_FRAME_OPTIONS)",
        ],
        env={
            **{k: v for k, v in os.environ.items() if k not in {"STOREGATE_DEMO", "DEBUG"}},
            "SECRET_KEY": "x" * 50,
            "SITE_URL": "https://storegate.example.com",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "DENY"]
