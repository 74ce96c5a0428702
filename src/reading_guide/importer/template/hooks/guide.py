"""The reading-guide generator's MkDocs events, for mkdocs.yml's `hooks:` list.

Every guide has this same file. The work is done by the installed `reading_guide` package;
the plugin object keeps each build's state and makes it afresh in on_config.
"""

from reading_guide.mkdocs.plugin import GuidePlugin

_guide = GuidePlugin()

on_startup = _guide.on_startup
on_config = _guide.on_config
on_files = _guide.on_files
on_nav = _guide.on_nav
on_page_markdown = _guide.on_page_markdown
on_page_content = _guide.on_page_content
on_env = _guide.on_env
on_page_context = _guide.on_page_context
on_post_build = _guide.on_post_build
on_build_error = _guide.on_build_error
on_serve = _guide.on_serve
on_shutdown = _guide.on_shutdown
