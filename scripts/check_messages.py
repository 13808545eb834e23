"""Check that the English catalogue is complete and that the compiled .mo matches the .po.

Fails (exit status 1) when an entry in brygga/locale/en/LC_MESSAGES/django.po

* has an empty msgstr, or an empty msgstr[n] for a plural entry,
* is marked fuzzy,

or when django.mo is missing or out of sync with django.po (a message or a translation that
differs between the two). Modification times are not compared: they are not kept by git.

Standard library only, so it runs without Django: `python scripts/check_messages.py`.
An optional argument gives another .po file; the .mo is looked for next to it.
"""

from __future__ import annotations

import gettext
import re
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PO = Path(__file__).resolve().parent.parent / "brygga/locale/en/LC_MESSAGES/django.po"

# The key a message has in a compiled catalogue: the msgid (with "msgctxt\x04" in front when
# it has a context), or (msgid, n) for each plural form.
Key = str | tuple[str, int]

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt is not None else ""
        return f"line {self.line}: {self.msgid!r}{context}"

    def keys(self) -> dict[Key, str]:
        """The entry as compiled: the keys and translations it gives in a .mo file."""
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is None:
            return {msgid: self.msgstr.get(0, "")}
        return {(msgid, n): text for n, text in self.msgstr.items()}


def _unquote(token: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def parse_po(text: str) -> list[Entry]:
    """Parse the entries of a .po file. Obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # the field that continuation lines extend
    in_strings = False  # whether the current entry has reached its msgid/msgstr lines

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is None or in_strings:
                current, in_strings, target = Entry(line=number), False, None
                entries.append(current)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, token = match.groups()
            after_msgstr = target is not None and target[0] == "msgstr"
            if current is None or (keyword in ("msgctxt", "msgid") and after_msgstr):
                current, target = Entry(line=number), None
                entries.append(current)
            in_strings = True
            value = _unquote(token)
            if keyword == "msgctxt":
                current.msgctxt, target = value, ("msgctxt", 0)
            elif keyword == "msgid":
                current.msgid, target = value, ("msgid", 0)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = value, ("msgid_plural", 0)
            else:
                n = int(index) if index is not None else 0
                current.msgstr[n], target = value, ("msgstr", n)
            continue
        if line.startswith('"') and current is not None and target is not None:
            value = _unquote(line)
            name, n = target
            if name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            elif name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstr[n] += value
            continue
        raise ValueError(f"line {number}: cannot parse {raw!r}")
    return entries


def plural_count(entries: Sequence[Entry]) -> int:
    """nplurals from the header's Plural-Forms (2, as for English, if there is none)."""
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            match = _NPLURALS.search(entry.msgstr.get(0, ""))
            if match:
                return int(match.group(1))
    return 2


def problems_in_po(entries: Sequence[Entry]) -> list[str]:
    nplurals = plural_count(entries)
    problems: list[str] = []
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            continue  # the header
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.label}")
        if entry.msgid_plural is None:
            if not entry.msgstr.get(0):
                problems.append(f"empty msgstr: {entry.label}")
        else:
            for n in range(max([nplurals, *(index + 1 for index in entry.msgstr)])):
                if not entry.msgstr.get(n):
                    problems.append(f"empty msgstr[{n}]: {entry.label}")
    return problems


def read_mo(path: Path) -> dict[Key, str]:
    with path.open("rb") as fp:
        translations = gettext.GNUTranslations(fp)
    catalog: dict[Key, str] = vars(translations)["_catalog"]
    return {key: value for key, value in catalog.items() if key != ""}


def problems_in_mo(entries: Sequence[Entry], mo_path: Path) -> list[str]:
    if not mo_path.exists():
        return [f"{mo_path} is missing: run `make messages` (compilemessages)"]
    try:
        compiled = read_mo(mo_path)
    except (OSError, struct.error, UnicodeDecodeError) as error:
        return [f"{mo_path} cannot be read: {error}"]

    expected: dict[Key, str] = {}
    skipped: set[Key] = set()  # fuzzy or untranslated: reported against the .po already
    labels: dict[Key, str] = {}
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            continue
        keys = entry.keys()
        if "fuzzy" in entry.flags or not all(keys.values()):
            skipped.update(keys)
            continue
        for key, text in keys.items():
            expected[key] = text
            labels[key] = entry.label if isinstance(key, str) else f"{entry.label} [{key[1]}]"

    def show(key: Key) -> str:
        return labels.get(key) or repr(key)

    compiled = {key: text for key, text in compiled.items() if key not in skipped}
    problems: list[str] = []
    for key in sorted(expected.keys() - compiled.keys(), key=str):
        problems.append(f"not in the .mo: {show(key)}")
    for key in sorted(compiled.keys() - expected.keys(), key=str):
        problems.append(f"in the .mo but not in the .po: {show(key)}")
    for key in sorted(expected.keys() & compiled.keys(), key=str):
        if expected[key] != compiled[key]:
            problems.append(f"translation differs in the .mo: {show(key)}")
    if problems:
        problems.append("the .mo is out of date: run `make messages` (compilemessages)")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        sys.stderr.write("usage: check_messages.py [path/to/django.po]\n")
        return 2
    po_path = Path(args[0]) if args else DEFAULT_PO
    mo_path = po_path.with_suffix(".mo")

    try:
        entries = parse_po(po_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        sys.stderr.write(f"{po_path}: {error}\n")
        return 1

    problems = problems_in_po(entries) + problems_in_mo(entries, mo_path)
    if problems:
        sys.stderr.write(f"{po_path}: {len(problems)} problem(s):\n")
        for problem in problems:
            sys.stderr.write(f"  {problem}\n")
        return 1

    count = sum(1 for entry in entries if entry.msgid != "" or entry.msgctxt is not None)
    sys.stdout.write(f"Translations complete: {count} messages.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
