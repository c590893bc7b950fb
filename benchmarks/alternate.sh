#!/usr/bin/env bash
# Runs benchmarks in turns and pools their forks: for a figure whose two sides' forks spread wider
# than its target (the agent pair: a workload that makes garbage on every operation, with fork
# medians 63-114 ns against a 3 % target), alternated turns spread the machine's slow and fast
# spells over both sides, and the pooled ratio is the figure.
#
#   benchmarks/alternate.sh [--jdk PATH] [--rounds N] [--full] REGEX...
#       Each round runs `run.sh --startup-runs 0 REGEX` once per REGEX, in the order given (so each
#       turn gets run.sh's close-pairs length: 4 rounds of one fork, or 8 with --full). Then Ratios reads every
#       turn's JSON and pools the forks of each benchmark: one ratio table and figure lines.
#
#   benchmarks/alternate.sh --rounds 2 'LogFramingBenchmark.plain' 'LogFramingBenchmark.agent'
#       the agent figure, agent-account-vs-none (the default when no REGEX is given).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds=2
pass=()
regexes=()
java_bin="$(command -v java)"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds)
      [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "alternate.sh: --rounds: ${2:-} (expected: an integer >= 1)" >&2; exit 2; }
      rounds="$2"; shift ;;
    --jdk)
      [ $# -ge 2 ] || { echo "alternate.sh: --jdk needs a path (expected: a JDK home)" >&2; exit 2; }
      pass+=(--jdk "$2"); java_bin="$2/bin/java"; shift ;;
    --full) pass+=(--full) ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "alternate.sh: unknown option: $1 (expected: --jdk PATH, --rounds N, --full, REGEX)" >&2; exit 2 ;;
    *) regexes+=("$1") ;;
  esac
  shift
done
[ ${#regexes[@]} -gt 0 ] || regexes=('LogFramingBenchmark.plain' 'LogFramingBenchmark.agent')

jsons=()
for ((r = 1; r <= rounds; r++)); do
  for re in "${regexes[@]}"; do
    echo "== round $r of $rounds: $re"
    log="$(mktemp)"
    # run.sh prints its report of the one side; only its results line is needed here.
    "$here/run.sh" ${pass[@]+"${pass[@]}"} --startup-runs 0 "$re" > "$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
    base="$(sed -n 's/^== results: \(.*\){,-pairs-r\*}.*$/\1/p' "$log")"
    rm -f "$log"
    [ -n "$base" ] || { echo "alternate.sh: run.sh printed no results line" >&2; exit 1; }
    for f in "$base.json" "$base"-pairs-r*.json; do
      if [ -f "$f" ]; then jsons+=("$f"); echo "   $f"; fi
    done
  done
done
echo
"$java_bin" -cp "$here/target/benchmarks.jar" org.uma4j.bench.Ratios "${jsons[@]}"
