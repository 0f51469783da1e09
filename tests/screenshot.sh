#!/usr/bin/env bash
# Renders the dashboard of a sample municipality under Xvfb and saves it as
# docs/screenshot-dashboard.png (used in the README). Needs `make app cli` first.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/kommune.sqlite"
cli() { target/debug/anbindungscheck --db "$db" "$@" >/dev/null; }
today=$(date +%F)
in_days() { date -d "$today + $1 days" +%F; }

cli profile set --name "Gemeinde Musterstadt" --ags 09162000 --population 12500 \
  --coordinator-name "Petra Öztürk" --coordinator-email ozg@musterstadt.example
cli item set koordination-eigene --status erledigt --owner "Petra Öztürk"
cli item set datenschutz-avv --status erledigt --owner "Datenschutzbeauftragter"
cli item set vollzug-zustaendigkeit --status erledigt --owner "Vergabestelle"
cli item set finanzierung-kosten --status in_arbeit --owner "Kämmerei" --due "$(in_days -6)"
cli item set hersteller-beauftragen --status extern_blockiert \
  --blocked-by "hersteller:Angebot für die Schnittstelle kommt erst im Januar" --due "$(in_days 9)"
cli item set pilot-interesse --status nicht_zutreffend

cat > "$work/shot.sh" <<SHOT
ANBINDUNGSCHECK_DB="$db" WEBKIT_DISABLE_DMABUF_RENDERER=1 target/debug/anbindungscheck-app &
app=\$!
sleep 6
import -window root -crop 1280x768+0+0 +repage docs/screenshot-dashboard.png
kill \$app
SHOT
xvfb-run -a -s "-screen 0 1280x768x24" bash "$work/shot.sh"
echo "docs/screenshot-dashboard.png written"
