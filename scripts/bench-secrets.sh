#!/usr/bin/env bash
# Secret-scanning throughput: ccverify's scanner (ccbench secrets, release build, one thread, the full
# built-in rule set) against detect-secrets (PyPI) on the same generated corpus, in the same run.
#
#   scripts/bench-secrets.sh            # 50 MB corpus (detect-secrets needs a few CPU minutes)
#   MB=10 scripts/bench-secrets.sh      # a quicker run
#
# Both figures are MB (10^6 bytes) per CPU second, so other load on the machine does not count
# against either tool. detect-secrets is installed into a cached virtualenv when missing.
set -euo pipefail

MB="${MB:-50}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/ccteam"
VENV="$CACHE/detect-secrets-venv"
CORPUS="$(mktemp -d "${TMPDIR:-/tmp}/ccbench-corpus.XXXXXX")"
trap 'rm -rf "$CORPUS"' EXIT

echo "== building ccbench (release)"
swift build -c release --product ccbench --package-path "$ROOT" >/dev/null
BIN="$(swift build -c release --product ccbench --package-path "$ROOT" --show-bin-path)/ccbench"

if [ ! -x "$VENV/bin/detect-secrets" ]; then
    echo "== installing detect-secrets into $VENV"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet detect-secrets
fi

echo "== ccbench secrets --mb $MB (writes the corpus to $CORPUS)"
"$BIN" secrets --mb "$MB" --runs 3 --corpus-dir "$CORPUS" | tee "$CORPUS.ccbench.txt"
OURS="$(sed -n 's/^throughput: \([0-9.]*\) MB\/s.*/\1/p' "$CORPUS.ccbench.txt")"
BYTES="$(find "$CORPUS" -type f -printf '%s\n' | awk '{ total += $1 } END { print total }')"
rm -f "$CORPUS.ccbench.txt"

echo "== detect-secrets $("$VENV/bin/detect-secrets" --version) scan --all-files (same corpus)"
TIMEFORMAT='%U %S'
CPU="$( { time (cd "$CORPUS" && "$VENV/bin/detect-secrets" scan --all-files . >"$CORPUS/../ds-$$.json"); } 2>&1 )"
FOUND="$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(v) for v in d['results'].values()))" "$CORPUS/../ds-$$.json")"
rm -f "$CORPUS/../ds-$$.json"
THEIRS="$(echo "$CPU $BYTES" | awk '{ printf "%.3f", $3 / 1e6 / ($1 + $2) }')"

echo
echo "corpus:          $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
echo "ccverify:        $OURS MB/s per CPU second (one thread, built-in rules)"
echo "detect-secrets:  $THEIRS MB/s per CPU second ($(echo "$CPU" | awk '{ printf "%.1f", $1 + $2 }') CPU s, $FOUND findings)"
echo "ratio:           $(awk -v a="$OURS" -v b="$THEIRS" 'BEGIN { printf "%.0f", a / b }')x (target >= 500x)"
