#!/usr/bin/env bash
# Installs what recur's reference benchmarks need on Debian/Ubuntu and builds the oneDNN runner.
# Safe to run again: it installs only missing packages and rebuilds only a changed runner.
#
#   bash bench/setup-references.sh
#
# - oneDNN (libdnnl-dev) and a C++ compiler, for bench/references/onednn/rnn-bench.cpp
# - PyTorch for the system Python (python3-torch), for bench/references/pytorch/rnn_bench.py
# - ONNX Runtime (onnxruntime-node 1.30, CPU provider) from npm into bench/references/onnxruntime,
#   a package of its own with its lockfile (113 MB; the repository's npm ci stays without it), its
#   CUDA download skipped by that folder's .npmrc
# - TensorFlow.js comes from npm (bench devDependencies), not from here.
# Any of them may be missing: the bench then reports that reference as skipped, with the reason.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(g++ libdnnl-dev python3 python3-torch)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null; then
    echo "setup-references: no apt-get; install the equivalents of: ${missing[*]}" >&2
    exit 1
  fi
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup-references: installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "setup-references: missing packages; run as root:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
else
  echo "setup-references: packages present (${packages[*]})"
fi

# Build the oneDNN runner as bench/src/references/onednn.ts does: same flags, same stamp (sha256 of
# the source, a newline and "<compiler> <flags>"), so whichever builds first is reused.
compiler="${RECUR_BENCH_CXX:-g++}"
flags=(-O2 -std=c++17 -fopenmp)
libraries=(-ldnnl)
source_file="$here/references/onednn/rnn-bench.cpp"
build_directory="$here/references/onednn/build"
stamp="$({
  cat "$source_file"
  printf '\n%s' "$compiler ${flags[*]} ${libraries[*]}"
} | sha256sum | cut -d' ' -f1)"
if [[ -x "$build_directory/rnn-bench" && "$(cat "$build_directory/rnn-bench.stamp" 2>/dev/null)" == "$stamp" ]]; then
  echo "setup-references: oneDNN runner up to date ($build_directory/rnn-bench)"
else
  mkdir -p "$build_directory"
  partial="$build_directory/rnn-bench.$$.partial"
  "$compiler" "${flags[@]}" "$source_file" -o "$partial" "${libraries[@]}"
  mv "$partial" "$build_directory/rnn-bench"
  echo "$stamp" >"$build_directory/rnn-bench.stamp"
  echo "setup-references: built $build_directory/rnn-bench"
fi

# The bench pins OpenMP threads; say which runtime this libdnnl was built with.
# (Captured first: with pipefail, `ldd | grep -q` fails when grep stops reading early.)
library="$(ldd "$build_directory/rnn-bench" | awk '/libdnnl\.so/ { print $3 }')"
dependencies="$(ldd "$library")"
if grep -qE 'libgomp|libiomp|libomp' <<<"$dependencies"; then
  runtime=OpenMP
elif grep -q libtbb <<<"$dependencies"; then
  runtime=TBB
else
  runtime=sequential
fi
echo "setup-references: $library uses the $runtime threading runtime"

/usr/bin/python3 -c 'import torch; print(f"setup-references: torch {torch.__version__} for /usr/bin/python3")'

# ONNX Runtime: reinstalled only when its lockfile changed (the stamp is the lockfile's sha256).
onnxruntime_directory="$here/references/onnxruntime"
onnxruntime_stamp="$(sha256sum "$onnxruntime_directory/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$onnxruntime_directory/node_modules/.recur-stamp" 2>/dev/null)" == "$onnxruntime_stamp" ]]; then
  echo "setup-references: onnxruntime-node up to date ($onnxruntime_directory)"
else
  (cd "$onnxruntime_directory" && npm ci --no-audit --no-fund)
  echo "$onnxruntime_stamp" >"$onnxruntime_directory/node_modules/.recur-stamp"
  echo "setup-references: installed onnxruntime-node in $onnxruntime_directory"
fi
