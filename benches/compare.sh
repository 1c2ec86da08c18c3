#!/usr/bin/env bash
# Throughput of `mtlint check` (all default rules, JSON to /dev/null) against
# `rg -F -f` over 200 phrases of the calque pack, on the same generated
# corpus, with peak memory. usage: benches/compare.sh [ARTICLES]  (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
cargo build --release --quiet
python3 benches/gen_corpus.py --articles "$articles" --out "$work/corpus"
# 200 literal phrases from the calque rules' token lists.
grep -ho '"[a-z][a-z ]\{6,40\}"' rules/fr-en/calques*.toml | tr -d '"' | sort -u | awk 'NR <= 200' > "$work/phrases.txt"
bytes=$(cat "$work"/corpus/*.txt | wc -c)
measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null || true
  read -r seconds rss < "$work/time"
  python3 -c "import sys; b,s,r=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{sys.argv[4]:<8} {b/1e6:8.1f} MB {s:7.2f} s {b/1e6/max(s,1e-3):8.1f} MB/s  peak RSS {r/1024:6.1f} MB')" "$bytes" "$seconds" "$rss" "$name"
  echo "$seconds" > "$work/$name.seconds"
}
echo "corpus: $articles articles, $(nproc) cores"
measure mtlint target/release/mtlint check --format json --fail-on never "$work/corpus"
measure rg rg -F -c -f "$work/phrases.txt" "$work/corpus"
python3 -c "import sys; m,r=float(open(sys.argv[1]).read()),float(open(sys.argv[2]).read()); print(f'mtlint takes {m/max(r,1e-3):.1f}x the time of rg')" "$work/mtlint.seconds" "$work/rg.seconds"
