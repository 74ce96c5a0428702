"""What a guide's build says about the guide itself, for the books' covers and for citations: when it
was made (SOURCE_DATE_EPOCH or the last commit, so that rebuilds are identical), its version, its title
and author as the settings give them."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core.citation import CiteFacts
from ..core.strings import Strings
from .config import GuideConfig
from .safety import site_name


def _git(config: MkDocsConfig, *args: str) -> str:
    try:
        out = subprocess.run(["git", *args], check=False, capture_output=True, text=True, timeout=10,
                             cwd=Path(config.config_file_path or ".").parent)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def build_time(config: MkDocsConfig) -> datetime:
    """The books' creation date: SOURCE_DATE_EPOCH, else the last commit's time (so rebuilds are identical)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        epoch = _git(config, "log", "-1", "--format=%ct")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def cite_facts(config: MkDocsConfig, settings: GuideConfig, strings: Strings) -> CiteFacts:
    """What the guide's settings say about it, for the books' covers and for citations: site_author is
    the text's author, or there is none (never guessed)."""
    return CiteFacts(
        title=settings.pdf.title or site_name(config), author=config.site_author or "",
        version=settings.pdf.version or guide_version(config, strings),
        date=build_time(config).date().isoformat(), language=strings.language,
        site_url=config.site_url or "",
    )


def guide_version(config: MkDocsConfig, strings: Strings) -> str:
    """The cover's version line: GUIDE_VERSION, else the date and id of the last commit, else nothing."""
    if os.environ.get("GUIDE_VERSION"):
        return os.environ["GUIDE_VERSION"]
    date, _, commit = _git(config, "log", "-1", "--format=%cs %h").partition(" ")
    return strings.version_of.format(date=date, commit=commit) if date else ""
