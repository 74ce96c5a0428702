"""The one error the import raises: its message names the file (and line) and says what to do."""


class TextImportError(ValueError):
    """Something in the text or the target folder that the import cannot use; the message says what to do."""
