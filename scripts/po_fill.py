"""Fill English translations into the catalogue after `make messages`.

    .venv/bin/python scripts/po_fill.py translations.json     # {"Swedish msgid": "English"}

Sets the given entries (plural forms as "singular|plural"), clears their fuzzy flag and leaves
every other entry alone. Then run `make messages` again to compile."""

from __future__ import annotations

import json
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "brygga/locale/en/LC_MESSAGES/django.po"


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in lines)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _field(block: list[str], name: str) -> tuple[int, int] | None:
    """The line range of a field (msgid, msgid_plural, msgstr, msgstr[0] …) in an entry."""
    for i, line in enumerate(block):
        if line.startswith(name + " "):
            end = i + 1
            while end < len(block) and block[end].startswith('"'):
                end += 1
            return i, end
    return None


def main() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    blocks = [b.split("\n") for b in text.strip("\n").split("\n\n")]
    wanted: dict[str, str] = {}
    if sys.argv[1:]:
        wanted = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for block in blocks[1:]:
        ident = _field(block, "msgid")
        if ident is None or block[0].startswith("#~"):
            continue
        msgid = _unquote(block[ident[0] : ident[1]])
        if msgid in wanted:
            block[:] = [ln for ln in block if not ln.startswith("#|")]
            for i, line in enumerate(block):
                if line.startswith("#,"):
                    flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                    block[i] = "#, " + ", ".join(flags) if flags else ""
            block[:] = [ln for ln in block if ln != ""]
            if _field(block, "msgid_plural"):
                one, many = [*wanted[msgid].split("|", 1), wanted[msgid]][:2]
                for n, value in ((0, one), (1, many)):
                    span = _field(block, f"msgstr[{n}]")
                    if span is None:
                        raise SystemExit(f"no msgstr[{n}] for {msgid!r}")
                    block[span[0] : span[1]] = [f"msgstr[{n}] {_quote(value)}"]
            else:
                span = _field(block, "msgstr")
                if span is None:
                    raise SystemExit(f"no msgstr for {msgid!r}")
                block[span[0] : span[1]] = [f"msgstr {_quote(wanted[msgid])}"]
    CATALOGUE.write_text("\n\n".join("\n".join(b) for b in blocks) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(wanted)} given; check with scripts/check_messages.py\n")


if __name__ == "__main__":
    main()
