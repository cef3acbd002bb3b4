#!/usr/bin/env bash
# System packages the end-to-end suite (tests/e2e/run.sh) needs, from Debian:
# Chromium (the browser the suite drives; never one downloaded at run time),
# a Java runtime for the Nu HTML Checker, and CJK fonts so Chinese pages
# render (and are screenshotted) as readers see them. Installs only what is
# missing, so a second run is quick and makes no network request.
set -euo pipefail

pkgs=(chromium default-jre-headless fonts-noto-cjk)
# The image normally brings Node.js 20+; Debian's is the fallback.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "e2e deps: ${pkgs[*]} already installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "e2e deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "e2e deps: installed ${missing[*]}"
