#!/usr/bin/env bash
# Builds a sample readiness report with the CLI (a municipality with progress, notes, blockers,
# deadlines and the example package imported) and renders every page to PNG for a visual check:
# target/report-pages/bericht.pdf and target/report-pages/seite-N.png. A second report with the
# clerk's whole workflow (roles, connection data, requirements, Fachverfahren, evidence, events)
# comes from the integration test that builds it: target/report-pages/bericht-workflow.pdf and
# workflow-N.png. Needs poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p anbindungscheck-cli
bin=$PWD/target/debug/anbindungscheck
out=target/report-pages
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/kommune.sqlite"
cli() { "$bin" --db "$db" "$@" >/dev/null; }
today=${REPORT_DATE:-$(date +%F)}
in_days() { date -d "$today + $1 days" +%F; }

# The Land's package: key, build, import (the first package of a Land needs its fingerprint).
echo "Passphrase des Landes fuer den Bericht" > "$work/passphrase"
"$bin" package keygen --out "$work/land.key" --land 03 --passphrase-file "$work/passphrase" >/dev/null
"$bin" package build examples/paket-vergabe --key "$work/land.key" \
  --passphrase-file "$work/passphrase" -o "$work/paket.zip" >/dev/null
fingerprint=$("$bin" package verify "$work/paket.zip" | sed -n 's/^Signiert mit Schlüssel //p')

cli profile set --name "Samtgemeinde Musterstadt-Süd" --ags 03241001 --population 12500 \
  --coordinator-name "Petra Öztürk" --coordinator-email ozg@musterstadt.example \
  --coordinator-phone "+49 5121 123-456"
cli import "$work/paket.zip" --trust "$fingerprint"
cli item set vollzug-zustaendigkeit --status erledigt --owner "Vergabestelle (Frau Lindqvist)" \
  --note "Zuständig ist die zentrale Vergabestelle im Fachbereich 1 – Beschluss vom 14.10."
cli item set vollzug-bedarf-melden --status erledigt --owner "Hauptamt"
cli item set koordination-land --status erledigt
cli item set koordination-eigene --status erledigt --owner "Petra Öztürk"
cli item set taskforce-kontakt --status in_arbeit --owner "Petra Öztürk" --due "$(in_days 5)" \
  --note "Erstgespräch mit Herrn Brüggemann angefragt."
cli item set fachverfahren-bestand --status erledigt --owner "IT-Abteilung" \
  --note "VergabeManager 8.1 (Muster Software GmbH), Ausschreibung Plus für Bauleistungen."
cli item set fachverfahren-einfuehrung --status offen --owner "Fachbereich 1" --due "$(in_days -12)"
cli item set pilot-interesse --status nicht_zutreffend \
  --note "Keine Pilotkommune: personelle Engpässe in der Vergabestelle bis Mitte 2027."
cli item set schulung-bedarf --status in_arbeit --owner "Personalamt" --due "$(in_days 20)"
cli item set finanzierung-kosten --status in_arbeit --owner "Kämmerei" --due "$(in_days -6)" \
  --note "Kostenstaffel des Landes: bis 50.000 Einwohner einmalig 3.000 € und jährlich 1.200 €. Die Kämmerei prüft, ob die Mittel aus dem Digitalisierungsbudget („Budget Verwaltungsmodernisierung“) gedeckt werden können."
cli item set finanzierung-haushalt --status offen --owner "Kämmerei" --due "$(in_days 40)"
cli item set saas-vertrag-land --status extern_blockiert --blocked-by "fitko:Vertrag liegt zur Unterschrift bei der FITKO"
cli item set nachnutzung-vereinbarung --status offen --owner "Rechtsamt" --due "$(in_days 12)"
cli item set datenschutz-avv --status erledigt --owner "Datenschutzbeauftragter"
cli item set betrieb-verantwortung --status in_arbeit --owner "IT-Abteilung"
cli item set hersteller-beauftragen --status extern_blockiert --owner "IT-Abteilung" \
  --blocked-by "hersteller:Angebot für die FIT-Connect-Schnittstelle kommt erst im Januar" \
  --due "$(in_days 9)" \
  --note "Der Hersteller stellt die Schnittstelle ab Version 8.2 bereit; Update-Termin offen. Zustellpunkt-ID muss im Auftrag genannt werden."
cli item set systeme-analysieren --status offen --owner "IT-Abteilung"
cli item set anbindungsdaten --status offen --owner "IT-Abteilung" --due "$(in_days 30)"
cli item set ni-fragebogen --status in_arbeit --owner "IT-Abteilung" --due "$(in_days 3)"
cli item set veranstaltung-teilnehmen --status erledigt --owner "Petra Öztürk" \
  --note "Teilnahme an der Informationsveranstaltung am 20.01."

"$bin" --db "$db" report -o "$out/bericht.pdf" --date "$today"
pdftoppm -r 80 -png "$out/bericht.pdf" "$out/seite"

# The workflow has no CLI commands: the integration test builds that report and keeps a copy.
ANBINDUNGSCHECK_KEEP_REPORT="$PWD/$out" cargo test -q -p anbindungscheck \
  --test integration report::report_shows_the_clerks_whole_workflow >/dev/null
pdftoppm -r 80 -png "$out/bericht-workflow.pdf" "$out/workflow"
ls "$out"
