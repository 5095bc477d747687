#!/usr/bin/env bash
# The npm tools the export tests check our files with (mermaid-cli, bpmn-moddle; bpmn-js and
# mxgraph render our BPMN and draw.io files in headless Chromium) and the
# VS Code grammar test tokenises with (vscode-textmate, vscode-oniguruma),
# installed into .npm/ of the repository (git-ignored) from scripts/js/. Chromium comes
# from the system (scripts/ensure-system-deps.sh), so puppeteer downloads no browser.
# Quiet when present; without npm it says what to install and the tests skip.
set -u
cd "$(dirname "$0")/.." || exit 1
if [ -x .npm/node_modules/.bin/mmdc ] && [ -d .npm/node_modules/bpmn-moddle ] \
   && [ -f .npm/node_modules/bpmn-js/dist/bpmn-viewer.production.min.js ] \
   && [ -f .npm/node_modules/mxgraph/javascript/mxClient.min.js ] \
   && [ -d .npm/node_modules/vscode-textmate ] && [ -d .npm/node_modules/vscode-oniguruma ] \
   && cmp -s scripts/js/package.json .npm/package.json; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "flowdsl: npm missing (apt-get install nodejs npm): the Mermaid and BPMN export tests will be skipped" >&2
  exit 0
fi
mkdir -p .npm
cp scripts/js/package.json scripts/js/package-lock.json .npm/
echo "flowdsl: installing the export checkers into .npm/ (npm ci)" >&2
if ! (cd .npm && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  echo "flowdsl: npm ci failed in .npm/; the Mermaid and BPMN export tests will be skipped" >&2
fi
exit 0
