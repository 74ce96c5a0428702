"""The Markdown extension moved to reading_guide.markdown_ext (engine-neutral); kept importable here."""

from ..markdown_ext import GlossaryExtension, PageState

__all__ = ["GlossaryExtension", "PageState"]
