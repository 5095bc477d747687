#!/usr/bin/env bash
# Make sure the programs flowdsl renders with are present: Graphviz (layout),
# rsvg-convert (SVG -> PNG/PDF) and a CJK font (Chinese text in PNG/PDF).
# Installs them with apt-get when that is possible (Debian/Ubuntu, as root or with
# passwordless sudo); otherwise prints exactly what to install and exits 1.
set -u
missing_pkgs=()
command -v dot >/dev/null 2>&1 || missing_pkgs+=(graphviz)
command -v rsvg-convert >/dev/null 2>&1 || missing_pkgs+=(librsvg2-bin)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
  missing_pkgs+=(fonts-noto-cjk)
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
fi
# apt-get update once, before the first install (a fresh machine may have no package lists)
updated=0
apt_update() {
  [ "$updated" -eq 1 ] && return 0
  updated=1
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
}
# Optional: Java runs the HTML validator the grading tests use (they skip without it).
if ! command -v java >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  echo "flowdsl: installing default-jre-headless (optional: the HTML validator of the tests)" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null 2>&1 \
    || echo "flowdsl: default-jre-headless not installed; the HTML validation tests will be skipped" >&2
fi
# Optional: the programs the export tests check our files with (they skip without them):
# PlantUML, Chromium (for mermaid-cli) and Node.js/npm (mermaid-cli, bpmn-moddle).
optional_pkgs=()
command -v plantuml >/dev/null 2>&1 || optional_pkgs+=(plantuml)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || optional_pkgs+=(chromium)
command -v node >/dev/null 2>&1 || optional_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || optional_pkgs+=(npm)
if [ ${#optional_pkgs[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
    echo "flowdsl: installing ${optional_pkgs[*]} (optional: the export tests)" >&2
    apt_update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${optional_pkgs[@]}" >/dev/null 2>&1 \
      || echo "flowdsl: could not install ${optional_pkgs[*]}; install them (apt-get install ${optional_pkgs[*]}) or the export tests that need them are skipped" >&2
  else
    echo "flowdsl: optional for the export tests: sudo apt-get install ${optional_pkgs[*]} (those tests are skipped without them)" >&2
  fi
fi
[ ${#missing_pkgs[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  echo "flowdsl: installing system packages: ${missing_pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt_update
  if $SUDO apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" >/dev/null 2>&1; then
    command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1
    exit 0
  fi
  echo "flowdsl: apt-get install ${missing_pkgs[*]} failed." >&2
fi
cat >&2 <<MSG
flowdsl needs these system packages, which could not be installed automatically:
    ${missing_pkgs[*]}
Install them, then run the command again:
    Debian/Ubuntu:  sudo apt-get install graphviz librsvg2-bin fonts-noto-cjk
    Fedora:         sudo dnf install graphviz librsvg2-tools google-noto-sans-cjk-fonts
    macOS:          brew install graphviz librsvg && brew install --cask font-noto-sans-cjk-sc
    Windows:        winget install graphviz   (PNG/PDF also need rsvg-convert; SVG works without)
MSG
exit 1
