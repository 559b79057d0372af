"""R28: every string the code marks for translation has a French, Dutch and Swedish translation.

The catalogues are regenerated from the source with Django's ``makemessages`` in a copy of the
package (the tree is left alone); an entry that is new, empty or fuzzy there is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[2] / "storegate"
LANGUAGES = ("fr", "nl", "sv")


def _untranslated(po_file: Path) -> list[str]:
    with po_file.open("rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def test_r28_every_marked_string_is_translated_in_every_catalogue(tmp_path):
    if shutil.which("msgmerge") is None:
        pytest.fail("GNU gettext is missing: `make install-system` installs Debian's gettext")
    copy = tmp_path / "storegate"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "storegate.settings", "STOREGATE_DEMO": "1"}
    command = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "--no-location"]
    for language in LANGUAGES:
        command += ["-l", language]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    missing = {
        language: _untranslated(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        for language in LANGUAGES
    }
    report = "\n".join(f"{lang}: {msgid!r}" for lang, ids in missing.items() for msgid in ids)
    assert not report, "untranslated (translate them in storegate/locale/):\n" + report


def test_r28_the_committed_catalogues_are_complete():
    for language in LANGUAGES:
        assert _untranslated(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po") == []
