#!/usr/bin/env bash
# Throughput of `mtlint check` (all default rules, JSON to /dev/null) against
# `rg -F -f` over 200 phrases of the calque pack, on the same generated
# corpus, with peak memory (median of five runs each); then one article
# checked start to finish (process start, embedded rules compiled, output;
# median of 21 runs) and one large file made of the corpus's articles.
#
# usage: benches/compare.sh [ARTICLES] [LARGE_FILE_MB]   (default 2000 50)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
large_mb=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 2; }
cargo build --release --quiet
mtlint=target/release/mtlint
python3 benches/gen_corpus.py --articles "$articles" --out "$work/corpus"
# 200 literal phrases from the calque rules' token lists.
grep -ho '"[a-z][a-z ]\{6,40\}"' rules/fr-en/calques*.toml | tr -d '"' | sort -u | awk 'NR <= 200' > "$work/phrases.txt"
bytes=$(cat "$work"/corpus/*.txt | wc -c)
# Each command runs five times: the median wall time (read with the
# nanosecond clock: /usr/bin/time rounds to 10 ms, a third of rg's run) and
# the largest peak RSS are printed.
measure() { # name, bytes, command...
  local name=$1 size=$2; shift 2
  local times=() rss=0 start end peak
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" > /dev/null || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
    read -r peak < "$work/time"
    (( peak > rss )) && rss=$peak
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  python3 -c "import sys; b,us,r=int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); s=us/1e6; print(f'{sys.argv[4]:<8} {b/1e6:8.1f} MB {s:7.3f} s {b/1e6/s:8.1f} MB/s  peak RSS {r/1024:6.1f} MB  (median of 5)')" "$size" "$median" "$rss" "$name"
  echo "$median" > "$work/$name.us"
}
echo "corpus: $articles articles, $(nproc) cores"
measure mtlint "$bytes" "$mtlint" check --format json --fail-on never "$work/corpus"
measure rg "$bytes" rg -F -c -f "$work/phrases.txt" "$work/corpus"
python3 -c "import sys; m,r=float(open(sys.argv[1]).read()),float(open(sys.argv[2]).read()); print(f'mtlint takes {m/r:.1f}x the time of rg')" "$work/mtlint.us" "$work/rg.us"

files=("$work"/corpus/*.txt)
python3 - "$mtlint" "${files[0]}" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(21):
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "check", "--format", "json", "--fail-on", "never", sys.argv[2]],
                   stdout=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - start)
size = len(open(sys.argv[2], "rb").read())
print(f"one article ({size / 1000:.1f} KB), start to finish: median {statistics.median(runs) * 1000:.1f} ms")
PY

# The corpus's articles, repeated to the size asked for, as one file.
python3 - "$work/corpus" "$work/large.txt" "$large_mb" <<'PY'
import os, sys
names = sorted(os.listdir(sys.argv[1]))
target, size = int(sys.argv[3]) * 1_000_000, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    while size < target:
        for name in names:
            text = open(os.path.join(sys.argv[1], name), encoding="utf-8").read() + "\n"
            out.write(text)
            size += len(text.encode())
            if size >= target:
                break
PY
measure large "$(wc -c < "$work/large.txt")" "$mtlint" check --format json --fail-on never "$work/large.txt"
