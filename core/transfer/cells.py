"""What a cell of a file the atlas writes may hold: no live formula, no control character.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some read a
leading tab or carriage return the same way): a name such as `=HYPERLINK(…)` would become a
link, or worse, on the reader's machine. OWASP's advice is followed: such a cell is written
with a leading apostrophe, which spreadsheets show as text and never run.

Control characters (other than tab and line breaks) have no place in the atlas's text and make
XLSX files invalid: they are removed from what editors save and from every exported cell.
"""

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab, line feed and carriage return; DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control_characters(text: str) -> str:
    """`text` without the control characters that no page or spreadsheet can hold."""
    return CONTROL_CHARACTERS.sub("", text)


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet cell that shows it and never runs it.

    Numbers, dates and empty values pass unchanged: only text can hold a formula.
    """
    if not isinstance(value, str):
        return value
    text = strip_control_characters(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
