"""The generated pages' types now live in core/generated.py (pure, shared with the compile step)."""

from ..core.generated import GeneratedPage, PageKind

__all__ = ["GeneratedPage", "PageKind"]
