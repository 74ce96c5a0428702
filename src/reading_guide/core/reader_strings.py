"""The words of the reader's tools (citations, highlights and notes, the My notes page), one table
per language. Part of each language's Strings (strings.py), so a language missing one does not construct.

reader.js gets them as JSON; placeholders in braces are filled there ({chapter}, {number}, {count}).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ReaderStrings:
    my_notes: str  # the page's title and the header link
    my_notes_label: str  # the header link's accessible name
    my_notes_intro: str
    my_notes_empty: str
    no_script: str
    cite_paragraph: str  # "Cite paragraph {chapter}.{number}"
    cite_title: str  # the dialog's heading: "Cite paragraph {chapter}.{number}"
    chapter_paragraph: str  # "chapter {chapter}, paragraph {number}" in a Chicago citation
    mla_chapter_paragraph: str  # "ch. {chapter}, par. {number}"
    apa_chapter_paragraph: str  # "Chapter {chapter}, para. {number}"
    no_date: str  # APA's "n.d."
    mla_date: str  # "{day} {month} {year}"
    mla_months: tuple[str, ...]  # MLA's abbreviations: "Jan.", ... "May", "June" ...
    in_: str  # "In" before the guide's title
    permalink: str
    copy: str
    copy_label: str  # "Copy the {style} citation"
    copied: str
    copy_failed: str
    download: str
    this_paragraph: str
    this_chapter: str
    whole_guide: str
    close: str
    highlight: str
    add_note: str
    colour: str  # "Highlight in {colour}"
    colours: tuple[str, str, str, str]  # yellow, green, blue, pink
    note_label: str
    save: str
    cancel: str
    edit: str
    delete: str
    not_found: str
    selection_hint: str  # how to reach the controls by keyboard
    storage_refused: str
    export_markdown: str
    export_json: str
    import_notes: str
    imported: str  # "{count} notes added, {same} already here"
    import_failed: str
    paragraph: str  # "Paragraph {chapter}.{number}" on the My notes page
    highlight_only: str
    how_to_cite: str  # the books' heading
    how_to_cite_text: str  # the books' sentence: "{example}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


ENGLISH_READER = ReaderStrings(
    my_notes="My notes",
    my_notes_label="My notes: your highlights and notes on the text",
    my_notes_intro="Your highlights and notes on the text, kept in this browser only: nothing is sent anywhere. "
                   "Export them to keep a copy or to pass them on; import a file to add its notes to yours.",
    my_notes_empty="No notes yet. Select words in a chapter's text, then choose Highlight or Add note.",
    no_script="Notes need JavaScript, which is off in this browser.",
    cite_paragraph="Cite paragraph {chapter}.{number}",
    cite_title="Cite paragraph {chapter}.{number}",
    chapter_paragraph="chapter {chapter}, paragraph {number}",
    mla_chapter_paragraph="ch. {chapter}, par. {number}",
    apa_chapter_paragraph="Chapter {chapter}, para. {number}",
    no_date="n.d.",
    mla_date="{day} {month} {year}",
    mla_months=("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."),
    in_="In",
    permalink="Permanent link",
    copy="Copy",
    copy_label="Copy the {style} citation",
    copied="Copied.",
    copy_failed="Could not copy: select the text and copy it yourself.",
    download="Download",
    this_paragraph="This paragraph",
    this_chapter="This chapter",
    whole_guide="The whole guide",
    close="Close",
    highlight="Highlight",
    add_note="Add note",
    colour="Highlight in {colour}",
    colours=("yellow", "green", "blue", "pink"),
    note_label="Your note",
    save="Save",
    cancel="Cancel",
    edit="Edit",
    delete="Delete",
    not_found="No longer found in the text",
    selection_hint="Select words in the text with the mouse, a finger or Shift and the arrow keys "
                   "(caret browsing: F7); Alt+N adds a note to the selection, Alt+H highlights it.",
    storage_refused="This browser does not let the guide keep notes (private mode, or a page opened from disk). "
                    "Your notes last until you close this page: export them to keep them.",
    export_markdown="Export as Markdown",
    export_json="Export as JSON (Web Annotation)",
    import_notes="Import notes from a file",
    imported="{count} note(s) added; {same} already here.",
    import_failed="This file holds no notes that can be read: {reason}",
    paragraph="Paragraph {chapter}.{number}",
    highlight_only="(highlight)",
    how_to_cite="How to cite",
    how_to_cite_text="Paragraphs are numbered as in the web edition: 3.2 is chapter 3, paragraph 2 "
                     "(on the web, the chapter's address followed by #p3-2). Cite a passage by them, for example: "
                     "{example}",
)

GERMAN_READER = ReaderStrings(
    my_notes="Meine Notizen",
    my_notes_label="Meine Notizen: Ihre Markierungen und Notizen zum Text",
    my_notes_intro="Ihre Markierungen und Notizen zum Text, nur in diesem Browser gespeichert: Nichts wird "
                   "irgendwohin gesendet. Exportieren Sie sie, um sie aufzubewahren oder weiterzugeben; importieren "
                   "Sie eine Datei, um deren Notizen zu Ihren hinzuzufügen.",
    my_notes_empty="Noch keine Notizen. Wählen Sie Wörter im Text eines Kapitels aus und dann Markieren oder "
                   "Notiz hinzufügen.",
    no_script="Notizen brauchen JavaScript, das in diesem Browser ausgeschaltet ist.",
    cite_paragraph="Absatz {chapter}.{number} zitieren",
    cite_title="Absatz {chapter}.{number} zitieren",
    chapter_paragraph="Kapitel {chapter}, Absatz {number}",
    mla_chapter_paragraph="Kap. {chapter}, Abs. {number}",
    apa_chapter_paragraph="Kapitel {chapter}, Abs. {number}",
    no_date="o. J.",
    mla_date="{day}. {month} {year}",
    mla_months=("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."),
    in_="In",
    permalink="Dauerhafter Link",
    copy="Kopieren",
    copy_label="Die Angabe nach {style} kopieren",
    copied="Kopiert.",
    copy_failed="Kopieren nicht möglich: Markieren und kopieren Sie den Text selbst.",
    download="Herunterladen",
    this_paragraph="Dieser Absatz",
    this_chapter="Dieses Kapitel",
    whole_guide="Der ganze Lesebegleiter",
    close="Schließen",
    highlight="Markieren",
    add_note="Notiz hinzufügen",
    colour="{colour} markieren",
    colours=("Gelb", "Grün", "Blau", "Rosa"),
    note_label="Ihre Notiz",
    save="Speichern",
    cancel="Abbrechen",
    edit="Bearbeiten",
    delete="Löschen",
    not_found="Im Text nicht mehr gefunden",
    selection_hint="Wählen Sie Wörter im Text mit der Maus, dem Finger oder Umschalt und den Pfeiltasten aus "
                   "(Textcursor: F7); Alt+N fügt der Auswahl eine Notiz hinzu, Alt+H markiert sie.",
    storage_refused="Dieser Browser lässt den Lesebegleiter keine Notizen speichern (privater Modus oder eine "
                    "Seite von der Festplatte). Ihre Notizen bleiben, bis Sie diese Seite schließen: Exportieren "
                    "Sie sie, um sie zu behalten.",
    export_markdown="Als Markdown exportieren",
    export_json="Als JSON exportieren (Web Annotation)",
    import_notes="Notizen aus einer Datei importieren",
    imported="{count} Notiz(en) hinzugefügt; {same} schon vorhanden.",
    import_failed="Diese Datei enthält keine lesbaren Notizen: {reason}",
    paragraph="Absatz {chapter}.{number}",
    highlight_only="(Markierung)",
    how_to_cite="Zitierweise",
    how_to_cite_text="Die Absätze sind wie in der Web-Ausgabe nummeriert: 3.2 ist Kapitel 3, Absatz 2 "
                     "(im Web die Adresse des Kapitels mit #p3-2). Zitieren Sie eine Stelle danach, zum Beispiel: "
                     "{example}",
)
