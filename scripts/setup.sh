#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for recur, idempotently:
#   1. system packages the native addon needs (OpenBLAS, pkg-config, cmake, a C++ compiler),
#      installed with apt-get when root (or passwordless sudo), otherwise the command is printed
#      and setup continues (recur then runs on its TypeScript backend);
#   2. npm dependencies (npm ci), skipped when node_modules already matches package-lock.json;
#   3. the build (turbo: TypeScript packages and the addon; incremental, so a re-run is a no-op).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

say() { printf 'setup: %s\n' "$*"; }

# --- 1. system packages -------------------------------------------------------------------------
missing=()
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing+=(build-essential)
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists openblas; }; then
  missing+=(libopenblas-dev)
fi
if [ ${#missing[@]} -eq 0 ]; then
  say "system packages present (OpenBLAS, pkg-config, cmake, g++)"
elif command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo_cmd=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_cmd=(sudo)
  else
    sudo_cmd=(none)
  fi
  if [ "${sudo_cmd[0]:-}" = none ]; then
    say "missing system packages: ${missing[*]}"
    say "install them with:  sudo apt-get install -y --no-install-recommends ${missing[*]}"
    say "continuing: recur will use its TypeScript backend until the addon is built"
  else
    say "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  say "missing system packages: ${missing[*]} (no apt-get here: install OpenBLAS, pkg-config, cmake and a C++ compiler with your package manager)"
fi

# --- 2. Node and npm dependencies ---------------------------------------------------------------
# recur's packages are ES modules that CommonJS code require()s: Node 20.19 is the first to allow it.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  say "Node.js 20.19 or newer is required (found: $(node --version 2>/dev/null || echo none))"
  exit 1
fi
stamp=node_modules/.recur-setup-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "npm dependencies up to date"
else
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

# --- 3. build ------------------------------------------------------------------------------------
say "building (turbo run build)"
npx turbo run build --output-logs=errors-only
say "done. Backend report:"
node packages/recur/dist/cli.js info
