#!/usr/bin/env bash
# Installs LibreOffice Writer (no GUI), which the document tests use to turn their generated .docx
# fixtures into PDF and .doc, and to prove that a .docx written by applyDocxEdits still opens; and
# poppler's pdftotext, whose text of those PDFs (as a clerk pastes it) must add no error.
# Idempotent: quick when it is installed. Debian's package, no download from elsewhere.
set -euo pipefail

log() { printf '[documents setup] %s\n' "$*" >&2; }

packages=(libreoffice-writer-nogui fonts-wqy-microhei poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
started=$(date +%s)
log "apt-get install ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
log "installed in $(( $(date +%s) - started )) s"
