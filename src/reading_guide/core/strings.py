"""Every word the generator writes for readers, one table per language (`theme.language`).

A table is a frozen dataclass, so a language that misses a word does not even construct.
Placeholders in braces are filled with str.format.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .reader_strings import ENGLISH_READER, GERMAN_READER, ReaderStrings


@dataclass(frozen=True)
class Strings:
    language: str
    glossary: str
    entries: str  # "{count} entries: {categories}."
    category_titles: tuple[str, str, str, str, str]  # person, organisation, event, idea, place (plural)
    category_names: tuple[str, str, str, str, str]  # the same, singular
    also_called: str
    dates: str
    see_also: str
    sources: str
    where_it_occurs: str
    background_entry: str
    not_named: str
    timeline: str
    timeline_see: str  # "See {entry}"
    timeline_in_text: str  # "; in the text: {chapters}"
    decade: str  # "{decade}0s"
    months: tuple[str, ...]
    day_month_year: str  # "{day} {month} {year}"
    month_year: str
    questions: str  # the heading authors give a chapter's questions, and the page's title
    questions_intro: str
    no_questions: str
    no_events: str
    link_to_paragraph: str  # "Link to paragraph {chapter}.{number}"
    summary: str
    a_reading_guide: str
    pdf_title: str
    pdf_label: str
    pdf_volume_title: str  # one volume of a PDF book made in volumes (its link's text and tooltip)
    pdf_volume_label: str
    pdf_volumes_title: str  # the header's menu of the volumes
    pdf_volumes_label: str
    epub_title: str
    epub_label: str
    version_of: str  # "Version of {date} {commit}"
    contents: str
    home: str
    the_text: str
    chapters_range: str  # a group of a long text's chapters in the navigation: "Chapters {first}–{last}"
    about_guide: str
    dark_mode: str
    light_mode: str
    home_intro: str  # a new guide's home page: "{title}", "{count}", "{glossary}", "{timeline}" (links)
    begin_with: str  # "Begin with {chapter}."
    corrections: str
    no_corrections: str
    not_in_chapters: str
    book_page: str  # before a page number: "¶3 (p. 12)"
    book_back_to_text: str
    book_note: str  # the accessible name of a note call: "Note 3"
    author_note: str  # the label of a note of the text's own (an imported edition's footnote)
    book_cover: str
    book_accessibility_summary: str
    book_volume: str  # a volume's cover: "Volume 2 of 5"
    book_in_volume: str  # before a volume's number, where a page is in a later volume: "¶3 (vol. 4)"
    reader: ReaderStrings  # the reader's tools: citations, notes (reader_strings.py)

    def book_labels(self) -> dict[str, str]:
        """The words the PDF and the EPUB print, as the book writers name them."""
        labels = {f.name.removeprefix("book_"): getattr(self, f.name) for f in fields(self) if f.name.startswith("book_")}
        return {"contents": self.contents, "how_to_cite": self.reader.how_to_cite, **labels}


ENGLISH = Strings(
    language="en",
    glossary="Glossary",
    entries="{count} entries: {categories}.",
    category_titles=("People", "Organisations", "Events", "Ideas", "Places"),
    category_names=("Person", "Organisation", "Event", "Idea", "Place"),
    also_called="Also called:",
    dates="Dates",
    see_also="See also",
    sources="Sources",
    where_it_occurs="Where it occurs in the text",
    background_entry="This is a background entry: the text does not name it, but it explains something "
                     "the text depends on.",
    not_named="The text does not name it.",
    timeline="Timeline",
    timeline_see="See {entry}",
    timeline_in_text="; in the text: {chapters}",
    decade="{decade}0s",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"),
    day_month_year="{day} {month} {year}",
    month_year="{month} {year}",
    questions="Discussion questions",
    questions_intro="All the questions from the chapters, for study groups to print or share. "
                    "Each heading links to its chapter.",
    no_questions="No chapter has discussion questions yet.",
    no_events="No glossary entry has dated events yet.",
    link_to_paragraph="Link to paragraph {chapter}.{number}",
    summary="Summary",
    a_reading_guide="A reading guide",
    pdf_title="The whole guide as a PDF book",
    pdf_label="Download the whole guide as a PDF book",
    pdf_volume_title="Volume {number} of {count}: {first} to {last}",
    pdf_volume_label="Download volume {number} of {count} of the guide as a PDF book ({first} to {last})",
    pdf_volumes_title="The whole guide as a PDF book in {count} volumes",
    pdf_volumes_label="The whole guide as a PDF book in {count} volumes: choose one to download",
    epub_title="The whole guide as an EPUB e-book",
    epub_label="Download the whole guide as an EPUB e-book",
    version_of="Version of {date} {commit}",
    contents="Contents",
    home="Home",
    the_text="The text",
    chapters_range="Chapters {first}–{last}",
    about_guide="About this guide",
    dark_mode="Switch to dark mode",
    light_mode="Switch to light mode",
    home_intro="A reading guide to *{title}*: the text in {count} chapter(s), with notes, a "
               "[glossary]({glossary}) and a [timeline]({timeline}).",
    begin_with="Begin with {chapter}.",
    corrections="Corrections",
    not_in_chapters="Not in the chapters (the file's front and back matter, as the import found it):",
    book_page="p.",
    book_volume="Volume {number} of {count}",
    book_in_volume="vol.",
    book_back_to_text="Back to the text",
    book_note="Note",
    author_note="Author's note",
    book_cover="Cover",
    book_accessibility_summary="The text is structured with headings, a table of contents and numbered paragraphs; "
                               "notes are linked both ways; images have text alternatives.",
    reader=ENGLISH_READER,
    no_corrections="None so far: the chapters are the text word for word. Each obvious typo corrected "
                   "in the chapters is listed here and in `source/corrections.yml`.",
)

GERMAN = Strings(
    language="de",
    glossary="Glossar",
    entries="{count} Einträge: {categories}.",
    category_titles=("Personen", "Organisationen", "Ereignisse", "Begriffe", "Orte"),
    category_names=("Person", "Organisation", "Ereignis", "Begriff", "Ort"),
    also_called="Auch genannt:",
    dates="Daten",
    see_also="Siehe auch",
    sources="Quellen",
    where_it_occurs="Wo es im Text vorkommt",
    background_entry="Ein Hintergrundeintrag: Der Text nennt ihn nicht, aber er erklärt etwas, "
                     "worauf der Text aufbaut.",
    not_named="Der Text nennt es nicht.",
    timeline="Zeittafel",
    timeline_see="Siehe {entry}",
    timeline_in_text="; im Text: {chapters}",
    decade="{decade}0er-Jahre",
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember"),
    day_month_year="{day}. {month} {year}",
    month_year="{month} {year}",
    questions="Fragen zur Diskussion",
    questions_intro="Alle Fragen aus den Kapiteln, für Lesegruppen zum Ausdrucken oder Teilen. "
                    "Jede Überschrift führt zu ihrem Kapitel.",
    no_questions="Noch kein Kapitel hat Fragen zur Diskussion.",
    no_events="Noch kein Glossareintrag hat datierte Ereignisse.",
    link_to_paragraph="Link zu Absatz {chapter}.{number}",
    summary="Zusammenfassung",
    a_reading_guide="Ein Lesebegleiter",
    pdf_title="Der ganze Lesebegleiter als PDF-Buch",
    pdf_label="Den ganzen Lesebegleiter als PDF-Buch herunterladen",
    pdf_volume_title="Band {number} von {count}: {first} bis {last}",
    pdf_volume_label="Band {number} von {count} des Lesebegleiters als PDF-Buch herunterladen ({first} bis {last})",
    pdf_volumes_title="Der ganze Lesebegleiter als PDF-Buch in {count} Bänden",
    pdf_volumes_label="Der ganze Lesebegleiter als PDF-Buch in {count} Bänden: einen zum Herunterladen wählen",
    epub_title="Der ganze Lesebegleiter als EPUB-E-Book",
    epub_label="Den ganzen Lesebegleiter als EPUB-E-Book herunterladen",
    version_of="Stand vom {date} {commit}",
    contents="Inhalt",
    home="Start",
    the_text="Der Text",
    chapters_range="Kapitel {first}–{last}",
    about_guide="Über diesen Lesebegleiter",
    dark_mode="Dunkles Farbschema",
    light_mode="Helles Farbschema",
    home_intro="Ein Lesebegleiter zu *{title}*: der Text in {count} Kapitel(n), mit Anmerkungen, einem "
               "[Glossar]({glossary}) und einer [Zeittafel]({timeline}).",
    begin_with="Zum Anfang: {chapter}.",
    corrections="Korrekturen",
    not_in_chapters="Nicht in den Kapiteln (Vor- und Nachspann der Datei, wie der Import ihn fand):",
    book_page="S.",
    book_volume="Band {number} von {count}",
    book_in_volume="Bd.",
    book_back_to_text="Zurück zum Text",
    book_note="Anmerkung",
    author_note="Anmerkung des Autors",
    book_cover="Umschlag",
    book_accessibility_summary="Der Text ist mit Überschriften, einem Inhaltsverzeichnis und nummerierten Absätzen "
                               "gegliedert; Anmerkungen sind in beide Richtungen verlinkt; Bilder haben Textalternativen.",
    reader=GERMAN_READER,
    no_corrections="Bisher keine: Die Kapitel geben den Text Wort für Wort wieder. Jeder offensichtliche "
                   "Tippfehler, der in den Kapiteln korrigiert wird, steht hier und in `source/corrections.yml`.",
)

TABLES = {table.language: table for table in (ENGLISH, GERMAN)}


def strings_for(language: str | None) -> Strings | None:
    """The table for a language code such as "de" or "de-AT"; None when there is none."""
    code = (language or "en").lower().replace("_", "-")
    return TABLES.get(code) or TABLES.get(code.split("-")[0])
