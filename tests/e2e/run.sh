#!/usr/bin/env bash
# End-to-end suite: builds each site folder, then checks every page of it in
# Debian's headless Chromium, served on 127.0.0.1 under a sub-path and opened
# from file:// (see run.mjs for the checks).
#
#   bash tests/e2e/run.sh [SITE_DIR ...]
#
# Without arguments it checks the shipped site (the repository root) and
# examples/demo when that site exists. System packages come from
# tests/e2e/install-deps.sh; npm packages from tests/e2e/package-lock.json.
# Screenshots and report.json go to artefacts/e2e/ (gitignored).
# E2E_KEEP=1 keeps the built sites (their folder is printed);
# E2E_PLANPRESS=BINARY builds with that planpress binary instead of cargo run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

fail() {
  echo "e2e: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

if [ $# -gt 0 ]; then
  sites=("$@")
else
  sites=(.)
  if [ -f examples/demo/site.yaml ]; then sites+=(examples/demo); fi
fi

# What the machine must already have (tests/e2e/install-deps.sh installs it).
command -v node >/dev/null 2>&1 || fail "node is missing: run tests/e2e/install-deps.sh"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed (found $(node --version))"
command -v java >/dev/null 2>&1 || fail "java is missing (the Nu HTML Checker needs it): run tests/e2e/install-deps.sh"
[ -x "${E2E_CHROMIUM:-/usr/lib/chromium/chromium}" ] || command -v chromium >/dev/null 2>&1 ||
  fail "Debian's chromium is missing: run tests/e2e/install-deps.sh"

# --ignore-scripts: vnu-jar's install script would download a Java runtime;
# the suite uses Debian's.
(cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) ||
  fail "npm ci in tests/e2e failed"

tmp="$(mktemp -d -t planpress-e2e.XXXXXX)"
if [ "${E2E_KEEP:-}" = 1 ]; then
  echo "e2e: built sites kept in $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

pairs=()
for dir in "${sites[@]}"; do
  [ -d "$dir" ] || fail "no site folder $dir"
  dir="${dir%/}"
  if [ "$dir" = . ] || [ "$(cd "$dir" && pwd)" = "$root" ]; then
    name=shipped
  else
    name="$(printf '%s' "$dir" | sed 's|^\./||; s|[/ ]|-|g')"
  fi
  out="$tmp/$name-public"
  echo "e2e: building $dir"
  if [ -n "${E2E_PLANPRESS:-}" ]; then
    build=("$E2E_PLANPRESS")
  else
    build=(cargo run --release -q --)
  fi
  "${build[@]}" build --site "$dir" --out "$out" >"$tmp/$name-build.log" 2>&1 || {
    cat "$tmp/$name-build.log" >&2
    fail "building $dir failed"
  }
  pairs+=("$name=$out")
done

artefacts="$root/artefacts/e2e"
rm -rf "$artefacts"
mkdir -p "$artefacts"
node "$here/run.mjs" --artefacts "$artefacts" "${pairs[@]}"
