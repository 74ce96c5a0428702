"""This guide's own checks: a strict build, the text word for word, every link and anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from reading_guide import testing

GUIDE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return testing.build_site(GUIDE / "mkdocs.yml", tmp_path_factory.mktemp("guide") / "site")


def test_the_guide_builds_strict_clean_with_its_book(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert all(book.stat().st_size > 0 for book in testing.books_written(GUIDE / "mkdocs.yml", site))


def test_every_word_of_the_text_is_in_the_chapters_in_order() -> None:
    assert testing.fidelity_problems(GUIDE / "mkdocs.yml") == []


def test_every_link_and_anchor_resolves(site: Path) -> None:
    assert testing.broken_links(site) == []


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    assert testing.outside_requests(site) == []
