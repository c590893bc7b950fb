#!/usr/bin/env bash
# Before and after: runs benchmarks with the jars built at an earlier revision and from the
# working tree, one fork a side per round, the sides in turns, and reports per benchmark each
# side's median CPU ns/op, the ratio after / before with its 95 % interval (rounds resampled,
# paired), and in how many rounds the after fork was faster.
#
#   benchmarks/compare.sh [--jdk PATH] [--rounds N] [--jmh "ARGS"] [--agent-only] REV REGEX...
#
#   REV        the revision to compare with, e.g. HEAD~1 or main (built in a temporary worktree)
#   REGEX      JMH regexes of the benchmarks, e.g. Uma4jPacketBenchmark 'Uma4jZoneBenchmark.allocFree'
#   --rounds   rounds (default 6); each runs one fork per side: 2 x 1 s warm-up, 3 x 1 s measurement
#   --jmh      more JMH options, e.g. "-p size=2048"
#   --jdk      run the forks on another JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64
#   --agent-only  both sides run the working tree's benchmarks jar, each with its own agent jar:
#              for benchmarks that REV does not have, when only the agent differs
#
# Each side runs from its own tree, so a fork that names the agent jar relative to the working
# directory (LogFramingBenchmark.agent) gets that side's agent. The order of the sides alternates
# from round to round. Results: benchmarks/target/compare/<time>/{before,after}-rNN.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
java_bin="$(command -v java)"
rounds=6
jmh=""
agent_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) java_bin="$2/bin/java"; shift 2 ;;
    --rounds)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && [ "$2" -ge 3 ] || { echo "compare.sh: --rounds: ${2:-} (expected: an integer >= 3)" >&2; exit 2; }
      rounds="$2"; shift 2 ;;
    --jmh) jmh="$2"; shift 2 ;;
    --agent-only) agent_only=true; shift ;;
    -*) echo "compare.sh: unknown option: $1 (expected: --jdk PATH, --rounds N, --jmh ARGS, --agent-only, then REV REGEX...)" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: compare.sh [--jdk PATH] [--rounds N] [--jmh ARGS] [--agent-only] REV REGEX..." >&2; exit 2; }
rev="$1"; shift
regexes=("$@")
for x in "${regexes[@]}"; do
  [[ "$x" != -* ]] || { echo "compare.sh: $x after the revision (expected: options before REV, then JMH regexes)" >&2; exit 2; }
done
[ -x "$java_bin" ] || { echo "compare.sh: --jdk: no $java_bin (expected: a JDK home with bin/java)" >&2; exit 2; }
commit="$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}")" \
  || { echo "compare.sh: $rev (expected: a revision of this repository)" >&2; exit 2; }

out="$here/target/compare/$(date -u +%Y%m%dT%H%M%SZ)"
old="$(mktemp -d "${TMPDIR:-/tmp}/uma4j-compare.XXXXXX")"
trap 'git -C "$root" worktree remove --force "$old" >/dev/null 2>&1 || rm -rf "$old"' EXIT
mkdir -p "$out"
echo "== building the working tree's jars, then $rev (${commit:0:10}) in $old"
(cd "$root" && mvn -B -q -DskipTests package -pl benchmarks,agent -am)
git -C "$root" worktree add --detach --force "$old" "$commit" >/dev/null 2>&1
if $agent_only; then
  (cd "$old" && mvn -B -q -DskipTests package -pl agent -am)
else
  (cd "$old" && mvn -B -q -DskipTests package -pl benchmarks,agent -am)
fi

exec 9>"${TMPDIR:-/tmp}/uma4j-benchmarks.lock" # the lock run.sh takes: parallel runs measure each other
if ! flock -n 9; then
  echo "== another benchmark run holds ${TMPDIR:-/tmp}/uma4j-benchmarks.lock; waiting"
  flock 9
fi
run_side() { # side tree round
  # shellcheck disable=SC2086 # $jmh holds several JMH options
  local jar="$2/benchmarks/target/benchmarks.jar"
  if $agent_only; then jar="$root/benchmarks/target/benchmarks.jar"; fi # the agent still comes from $2
  (cd "$2" && "$java_bin" -jar "$jar" "${regexes[@]}" $jmh -f 1 -wi 2 -w 1s -i 3 -r 1s \
      -prof org.uma4j.bench.CpuTimeProfiler -rf json -rff "$out/$1-r$3.json" > "$out/$1-r$3.log" 2>&1) \
    || { echo "compare.sh: the $1 run of round $3 failed; see $out/$1-r$3.log" >&2; exit 1; }
}
for r in $(seq -w 1 "$rounds"); do
  echo "   round $r of $rounds"
  if [ $((10#$r % 2)) = 1 ]; then
    run_side before "$old" "$r"; run_side after "$root" "$r"
  else
    run_side after "$root" "$r"; run_side before "$old" "$r"
  fi
done
echo "== $("$java_bin" -version 2>&1 | head -1); before: $rev (${commit:0:10}), after: the working tree$($agent_only && echo "; the working tree's benchmarks on both sides" || true)"
"$java_bin" -cp "$here/target/benchmarks.jar" org.uma4j.bench.Compare "$out"/before-r*.json -- "$out"/after-r*.json \
  | tee "$out/report.txt"
echo "== results: $out"
