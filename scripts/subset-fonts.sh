#!/usr/bin/env bash
# Cuts DejaVu Sans (regular and bold) down to the characters the readiness report needs and
# renames the family to "Anbindungscheck Sans" (the Bitstream Vera licence forbids the names
# "Bitstream" and "Vera" for modified copies, the Arev licence "Arev"; see
# assets/report/LICENSE-DejaVu.txt). A one-off asset step: the output is committed and compiled
# into the binary (src/report/fonts.rs). Needs fonttools (`pip install fonttools`).
#
#   scripts/subset-fonts.sh [SOURCE_DIR]   (default: /usr/share/fonts/truetype/dejavu)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/usr/share/fonts/truetype/dejavu}
out=assets/report

# Basic Latin, Latin-1 (with NBSP), Latin Extended-A, ș ț (Romanian names), typographic quotes
# ‘ ’ ‚ “ ” „ ‹ ›, dashes – — and hyphens ‐ ‑, •, …, ‰, €, №, ™, →, −, ✓.
unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+2010-2011,U+2013-2014,\
U+2018-201A,U+201C-201E,U+2022,U+2026,U+2030,U+2039-203A,U+20AC,U+2116,U+2122,U+2192,\
U+2212,U+2713"

subset() { # source-file target-file style
  local tmp
  tmp=$(mktemp --suffix=.ttf)
  pyftsubset "$src/$1" --unicodes="$unicodes" --output-file="$tmp" \
    --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' \
    --notdef-outline --drop-tables+=FFTM,GSUB,GPOS,GDEF,MATH
  python3 - "$tmp" "$out/$2" "$3" <<'PY'
import sys
from fontTools.ttLib import TTFont
source, target, style = sys.argv[1:]
font = TTFont(source, recalcTimestamp=False)
family = "Anbindungscheck Sans"
full = family if style == "Regular" else f"{family} {style}"
ps = "AnbindungscheckSans-" + style
names = font["name"]
notice = ("Anbindungscheck Sans is a subset of DejaVu Sans, renamed as its licence asks. "
          "Fonts are (c) Bitstream; DejaVu changes are in the public domain; glyphs imported "
          "from Arev fonts are (c) Tavmjong Bah. See LICENSE-DejaVu.txt.")
for record in list(names.names):
    if record.nameID in (1, 4, 16, 21):
        names.setName(family if record.nameID in (1, 16, 21) else full,
                      record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 3:
        names.setName(f"{ps};subset", record.nameID, record.platformID, record.platEncID,
                      record.langID)
    elif record.nameID == 6:
        names.setName(ps, record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID in (2, 17, 22):
        names.setName(style, record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID == 5 or record.nameID == 0:
        pass
names.setName(notice, 10, 3, 1, 0x409)
# Any name still mentioning the old family (e.g. unique IDs or descriptions) is rewritten.
for record in names.names:
    text = record.toUnicode()
    for old in ("DejaVu Sans", "DejaVuSans", "Bitstream Vera", "Vera", "Arev"):
        if old in text and record.nameID not in (0, 7, 10, 13, 14):
            raise SystemExit(f"name {record.nameID} still says {old!r}: {text!r}")
if "CFF " in font:
    raise SystemExit("expected TrueType outlines")
font.save(target)
PY
  rm -f "$tmp"
}

subset DejaVuSans.ttf AnbindungscheckSans-Regular.ttf Regular
subset DejaVuSans-Bold.ttf AnbindungscheckSans-Bold.ttf Bold
ls -l "$out"/AnbindungscheckSans-*.ttf
