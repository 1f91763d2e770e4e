#!/usr/bin/env bash
# Installs what the end-to-end tests drive and pip cannot give: Go (Debian's golang-go) for
# the differential tests, and the npm tools (aws-cdk CLI, dynalite) into .cache/npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v go >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq golang-go >/dev/null
  else
    echo "install-test-deps: Go is missing and this user cannot apt-get install golang-go" >&2
  fi
fi
prefix="${TAGSCAN_NPM_PREFIX:-$PWD/.cache/npm}"
mkdir -p "$prefix"
if [ ! -f "$prefix/.installed-v1" ]; then
  npm install --silent --no-audit --no-fund --prefix "$prefix" aws-cdk@2.1148.1 dynalite@4.0.0 >/dev/null
  touch "$prefix/.installed-v1"
fi
