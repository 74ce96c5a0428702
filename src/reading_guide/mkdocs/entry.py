"""The generator as an installed MkDocs plugin, `plugins: - reading-guide` (MkDocs 1.6 and ProperDocs).

The plugin's settings are the guide's settings (config.py's GuideConfig, validated by MkDocs itself as
any plugin's are); the events are GuidePlugin's, as `hooks/guide.py` binds them for guides that list
the hook file instead. One of the two, not both: the events would run twice.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .config import GuideConfig
from .plugin import GuidePlugin


def plain(config: Config) -> dict[str, Any]:
    """A validated Config as the mapping mkdocs.yml would write (the books' sub-settings included)."""
    return {key: plain(value) if isinstance(value, Config) else value for key, value in config.items()}


# MkDocs' __init_subclass__ is unannotated.
class ReadingGuidePlugin(GuidePlugin, BasePlugin[GuideConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        GuidePlugin.__init__(self)

    @event_priority(100)  # as GuidePlugin.on_config: before Material's offline plugin
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "guide" in config.extra:
            raise PluginError("mkdocs.yml: the guide's settings are under extra.guide and the reading-guide plugin is "
                              "listed under plugins:; give the settings to the plugin (plugins: - reading-guide: "
                              "{glossary: ...}) and delete extra.guide")
        for name, other in config.plugins.items():
            if other is not self and isinstance(getattr(other, "_guide", None), GuidePlugin):
                raise PluginError(f"mkdocs.yml: the reading-guide plugin and the hook file {name} are both listed, so "
                                  "every event would run twice; keep one (delete the hooks/guide.py line under hooks:)")
        config.extra["guide"] = plain(self.config)
        return GuidePlugin.on_config(self, config)
