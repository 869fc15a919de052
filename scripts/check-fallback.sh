#!/usr/bin/env bash
# With the built addon moved away: RECUR_BACKEND=js still works, RECUR_BACKEND=native throws the
# explained error. The addon is put back whatever happens.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
addon=native/build/Release/recur_native.node
aside=$(mktemp -d)/recur_native.node
mv "$addon" "$aside"
trap 'mv "$aside" "$addon"' EXIT

probe='import("recurjs").then((m) => { const choice = m.chooseBackend(); console.log(choice.name); })'
out=$(RECUR_BACKEND=js node --input-type=module -e "$probe")
[ "$out" = js ] || { echo "fallback: expected the js backend, got: $out"; exit 1; }
echo "fallback: RECUR_BACKEND=js works without the addon"

if err=$(RECUR_BACKEND=native node --input-type=module -e "$probe" 2>&1); then
  echo "fallback: RECUR_BACKEND=native without the addon should have failed"; exit 1
fi
echo "$err" | grep -q 'NativeUnavailableError' || { echo "fallback: unexpected error: $err"; exit 1; }
echo "$err" | grep -q 'libopenblas-dev' || { echo "fallback: the error does not list the fixes: $err"; exit 1; }
echo "fallback: RECUR_BACKEND=native without the addon throws the explained error"
