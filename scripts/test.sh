#!/usr/bin/env bash
# Runs every test twice: on the native backend, then on the TypeScript backend. Extra arguments go
# to vitest (for example: npm test -- --project tensor).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

npx turbo run build --output-logs=errors-only

if [ -f native/build/Release/recur_native.node ] || [ "${RECUR_REQUIRE_NATIVE:-}" = 1 ]; then
  echo "test: the suite on the native backend (RECUR_BACKEND=native)"
  RECUR_BACKEND=native npx vitest run "$@"
else
  echo "test: the native addon is not built, so the native pass is skipped (see: npx recurjs info)"
fi
echo "test: the suite on the TypeScript backend (RECUR_BACKEND=js)"
RECUR_BACKEND=js npx vitest run "$@"
