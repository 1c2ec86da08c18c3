#!/usr/bin/env bash
# Fuzzes the whole pipeline for a bounded time (default 600 s), seeded with
# the project's corpus and test texts. A crash leaves its input in
# fuzz/artifacts/pipeline/; copy it to tests/fuzz-regressions/ once fixed.
#
# usage: fuzz/run.sh [SECONDS]
# needs: cargo install cargo-fuzz (libFuzzer's sanitizer flags need nightly
# features: RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
seeds=corpus/pipeline
mkdir -p "$seeds"
cp ../corpus/*/*.txt ../corpus/*/*.md ../tests/aligned/*.txt "$seeds"/ 2>/dev/null || true
cp ../tests/fuzz-regressions/* "$seeds"/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline "$seeds" -- \
  -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
