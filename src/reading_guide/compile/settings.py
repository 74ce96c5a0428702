"""mkdocs.yml as the compile step reads it: YAML with MkDocs' `!ENV` tag, the guide's settings validated by
the same Config classes the MkDocs plugin uses (reading_guide.mkdocs.config: one home for each setting)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.strings import ENGLISH, Strings, strings_for


class CompileError(Exception):
    """Bad input: the message names the file, the line and what to do."""


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV VAR` or `!ENV [VAR, OTHER, default]`, as MkDocs (pyyaml_env_tag) reads it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
        if len(items) == 1:
            names = items
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_Loader.add_constructor("!ENV", _env)


@dataclass
class GuideFile:
    """What the compile step needs from mkdocs.yml."""

    path: Path
    raw: dict[str, Any]  # the whole file, !ENV resolved: the engine's config is made from it
    docs_dir: Path
    settings: Any  # reading_guide.mkdocs.config.GuideConfig
    strings: Strings
    directory_urls: bool
    strict: bool
    nav_titles: dict[str, str] = field(default_factory=dict)  # src -> title written in nav:
    nav_pages: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # info lines

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def markdown_extensions(self) -> tuple[list[str], dict[str, Any]]:
        names: list[str] = []
        configs: dict[str, Any] = {}
        for item in self.raw.get("markdown_extensions") or []:
            if isinstance(item, dict):
                for name, options in item.items():
                    names.append(str(name))
                    configs[str(name)] = options or {}
            else:
                names.append(str(item))
        return names, configs


def read_guide_file(path: Path) -> GuideFile:
    from ..mkdocs.config import parse_settings  # the settings' one home (MkDocs' config classes validate them)

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise CompileError(f"{path}: cannot be read ({err.strerror}); name the guide's mkdocs.yml") from err
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise CompileError(f"{path.name}{line}: not valid YAML ({getattr(err, 'problem', err)}); fix it and build again") from err
    if not isinstance(raw, dict):
        raise CompileError(f"{path.name}: must be a mapping of settings (site_name: ..., nav: ...)")
    try:
        settings = parse_settings((raw.get("extra") or {}).get("guide"))
    except ValueError as err:
        raise CompileError(str(err)) from err
    theme = raw.get("theme") or {}
    language = (theme.get("language") if isinstance(theme, dict) else None) or "en"
    found = strings_for(language)
    guide = GuideFile(path=path.resolve(), raw=raw, docs_dir=(path.parent / str(raw.get("docs_dir", "docs"))).resolve(),
                      settings=settings, strings=found or ENGLISH,
                      directory_urls=bool(raw.get("use_directory_urls", True)), strict=bool(raw.get("strict", False)))
    if found is None:
        guide.notes.append(f"mkdocs.yml: no table of the generator's words for theme.language '{language}'; they are in "
                           "English (tables: reading_guide/core/strings.py)")
    _read_nav(raw.get("nav") or [], guide)
    return guide


def _read_nav(items: Any, guide: GuideFile) -> None:
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            guide.nav_pages.add(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    guide.nav_pages.add(value)
                    guide.nav_titles[value] = str(title)
                else:
                    _read_nav(value, guide)


def without_pages(nav: Any, pages: set[str]) -> Any:
    """The nav with the pages `pages` (and sections left empty) taken out."""
    if isinstance(nav, list):
        kept = [without_pages(item, pages) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept_dict = {title: without_pages(value, pages) for title, value in nav.items()}
        return {k: v for k, v in kept_dict.items() if v not in (None, [], {})} or None
    return None if nav in pages else nav
