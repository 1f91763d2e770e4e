#!/usr/bin/env bash
# Installs what the end-to-end tests drive and pip cannot give: Go (Debian's golang-go) for
# the differential tests, Debian's chromium for Mermaid rendering, and the npm tools (aws-cdk
# CLI, dynalite, typescript, mermaid-cli) into .cache/npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive  # CI has no terminal for debconf to ask on
if ! command -v go >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
  else
    echo "install-test-deps: Go is missing and this user cannot apt-get install golang-go" >&2
  fi
fi
# Debian's chromium renders Mermaid diagrams for mermaid-cli (puppeteer's own download is skipped).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "install-test-deps: chromium is missing and this user cannot apt-get install chromium" >&2
  fi
fi
prefix="${TAGSCAN_NPM_PREFIX:-$PWD/.cache/npm}"
mkdir -p "$prefix"
if [ ! -f "$prefix/.installed-v2" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$prefix" aws-cdk@2.1148.1 dynalite@4.0.0 typescript@5.9.3 @mermaid-js/mermaid-cli@11.17.0 >/dev/null
  touch "$prefix/.installed-v2"
fi
