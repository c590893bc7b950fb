#!/usr/bin/env bash
# Runs the uma4j JMH suite side by side with its peers and prints the ratio table plus one
# line per figure: "ratio <figure> <measured> <target> <pass|miss>".
#
#   benchmarks/run.sh                      CI length: 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement;
#                                          the close pairs (see below) 4 rounds of 1 fork, 2 x 1 s, 2 x 1 s
#                                          (an ...Alternated benchmark 2 x 1 s, 4 x 1 s)
#   benchmarks/run.sh --full               real length: 3 forks, 5 x 2 s warm-up, 5 x 2 s measurement;
#                                          the close pairs 8 rounds of 1 fork, 4 x 2 s, 4 x 2 s
#                                          (an ...Alternated benchmark 4 x 2 s, 10 x 2 s)
#   benchmarks/run.sh --jdk /path/to/jdk   run (not build) on another JDK, e.g. JDK 25
#   benchmarks/run.sh --fail-on-miss       exit 1 when a figure misses its target
#   benchmarks/run.sh --stat median        ratios of wall-clock medians (default cpu: CPU time per op)
#   benchmarks/run.sh [options] REGEX...   only the benchmarks matching the JMH regexes
#   benchmarks/run.sh --startup-runs N     agent start-up figure: N child JVMs per side (default 10; 0 skips;
#                                          skipped by default when REGEXes are given)
#   benchmarks/run.sh --rounds N           the close pairs in N rounds (default 4, 8 with --full): more rounds
#                                          narrow a figure's interval when it straddles its target
#   benchmarks/run.sh --jmh "ARGS"         more JMH options for every JMH run, e.g. "-p size=256" (one size:
#                                          the other sizes' figures are then listed as not measured)
#
# The close pairs are the figures whose target is a few per cent or a few ns (SPI, JFR, leak
# scope, trash and their "off", floor and bare loop, packet, agent account, the plain zone): the same code
# lands a few ns apart from one JVM to the next here, so they run in a second pass with more, shorter forks,
# and the ratios take the median over all forks' iterations (Ratios prints each fork's median). That pass
# runs in rounds, each one fork of every close-pair benchmark (one JMH run and JSON file per round): the
# sides of a figure run minutes apart at most, and its interval resamples rounds, paired, so a spell of
# load that slows both sides of a round moves the figure less than it moves each side. A benchmark
# whose name ends in Alternated holds both sides of its figure in each fork, in alternate
# iterations (Alternated.java): it runs in each round as a JMH run of its own, with more
# iterations, so that each fork gives 5 (2 at CI length) ratios of neighbouring iterations and
# one disturbed iteration does not move the fork's median of them.
#
# The jar is built with the default JDK (release 17) when missing or older than the sources.
# Results go to benchmarks/target/results/: the JMH JSON, the JMH log and the ratio report.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"

full=0
java_bin="$(command -v java)"
fail_on_miss=""
stat="cpu"
startup_runs=""
rounds=""
jmh_extra=()
regexes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=1 ;;
    --jdk)
      [ $# -ge 2 ] || { echo "run.sh: --jdk needs a path (expected: a JDK home)" >&2; exit 2; }
      java_bin="$2/bin/java"
      [ -x "$java_bin" ] || { echo "run.sh: --jdk: $2 (expected: a JDK home with bin/java)" >&2; exit 2; }
      shift ;;
    --fail-on-miss) fail_on_miss="--fail-on-miss" ;;
    --stat)
      [ $# -ge 2 ] || { echo "run.sh: --stat needs cpu, median or mean" >&2; exit 2; }
      stat="$2"
      shift ;;
    --startup-runs)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "run.sh: --startup-runs: ${2:-} (expected: an integer >= 0)" >&2; exit 2; }
      startup_runs="$2"
      shift ;;
    --rounds)
      [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge 2 ] \
        || { echo "run.sh: --rounds: ${2:-} (expected: an integer >= 2, the bootstrap resamples rounds)" >&2; exit 2; }
      rounds="$2"
      shift ;;
    --jmh)
      [ $# -ge 2 ] && [ -n "$2" ] || { echo "run.sh: --jmh needs JMH options (expected: e.g. --jmh \"-p size=256\")" >&2; exit 2; }
      read -r -a jmh_extra <<< "$2"
      shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option: $1 (expected: --full, --jdk PATH, --stat S, --rounds N, --startup-runs N, --jmh ARGS, --fail-on-miss, REGEX)" >&2; exit 2 ;;
    *) regexes+=("$1") ;;
  esac
  shift
done

# shellcheck source=benchmarks/jars.sh
. "$here/jars.sh"
ensure_jars
agent_jar="$root/agent/target/uma4j-agent.jar" # AgentStartup takes the same path as the agent forks
[ -n "$startup_runs" ] || startup_runs=$([ ${#regexes[@]} -eq 0 ] && echo 10 || echo 0)

if [ "$full" = 1 ]; then
  length=(-f 3 -wi 5 -w 2s -i 5 -r 2s)
  pair_rounds=8
  pair_length=(-f 1 -wi 4 -w 2s -i 4 -r 2s)
  alt_length=(-f 1 -wi 4 -w 2s -i 10 -r 2s)
else
  length=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  pair_rounds=4
  pair_length=(-f 1 -wi 2 -w 1s -i 2 -r 1s)
  alt_length=(-f 1 -wi 2 -w 1s -i 4 -r 1s)
fi
[ -z "$rounds" ] || pair_rounds="$rounds"
pairs='^org\.uma4j\.bench\.(Uma4jZoneBenchmark\.allocFree|Uma4jZoneSpiBenchmark\..*|Uma4jZoneJfrBenchmark\..*|Uma4jDebugBenchmark\.(leakScope|off|trash|trashSwitchedOff)|FillAndMismatchBenchmark\..*|TrashLoopBenchmark\..*|Uma4jPacketBenchmark\..*|LogFramingBenchmark\..*|AgentHookBenchmark\..*)$'

major="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/target/results"
mkdir -p "$out"
base="$out/jdk$major-$([ "$full" = 1 ] && echo full || echo ci)-$stamp"

# Two JMH runs at once on a 2-core machine measure each other: take turns.
exec 9>"${TMPDIR:-/tmp}/uma4j-benchmarks.lock"
if ! flock -n 9; then
  echo "== another benchmark run holds ${TMPDIR:-/tmp}/uma4j-benchmarks.lock; waiting"
  flock 9
fi

echo "== JDK $major ($java_bin), $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "== $java_bin -jar $jar [length] ${jmh_extra[*]:-}${jmh_extra[*]:+ }-prof gc -prof org.uma4j.bench.CpuTimeProfiler -rf json -rff $base[-pairs-rNN].json ${regexes[*]:-}"
# Sample the load average while JMH runs: on a shared machine other work skews the ratios.
(while sleep 5; do cut -d' ' -f1 /proc/loadavg; done) > "$base.load" 2>/dev/null &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT
cd "$root" # LogFramingBenchmark.agent: -javaagent:agent/target/uma4j-agent.jar, relative to here
# The benchmarks the regexes select (all without), split into the main pass and the close pairs.
mapfile -t selected < <("$java_bin" -jar "$jar" -l ${regexes[@]+"${regexes[@]}"} | grep '^ *org\.uma4j\.' | sed 's/^ *//')
[ ${#selected[@]} -gt 0 ] || { echo "run.sh: no benchmark matches: ${regexes[*]:-} (expected: JMH regexes, see -h)" >&2; exit 2; }
main_set=(); pair_set=(); alt_set=()
for b in "${selected[@]}"; do
  if [[ "$b" == *Alternated ]]; then alt_set+=("^${b//./\\.}\$")
  elif [[ "$b" =~ $pairs ]]; then pair_set+=("^${b//./\\.}\$")
  else main_set+=("^${b//./\\.}\$"); fi
done
jmh() { # jmh LOG JSON LENGTH... -- BENCHMARKS...; prints JMH's summary table
  local log="$1" json="$2"; shift 2
  local args=(); while [ "$1" != "--" ]; do args+=("$1"); shift; done; shift
  "$java_bin" -jar "$jar" "${args[@]}" ${jmh_extra[@]+"${jmh_extra[@]}"} -prof gc -prof org.uma4j.bench.CpuTimeProfiler -rf json -rff "$json" "$@" \
    > "$log" 2>&1 || { tail -40 "$log" >&2; echo "run.sh: JMH failed, log: $log" >&2; exit 1; }
  sed -n '/^Benchmark /,$p' "$log" | grep -v '^Benchmark result is saved'
}
jsons=()
if [ ${#main_set[@]} -gt 0 ]; then
  echo "== main pass: ${#main_set[@]} benchmarks, ${length[*]}"
  jmh "$base.log" "$base.json" "${length[@]}" -- "${main_set[@]}"
  jsons+=("$base.json")
fi
round_run() { # round_run ROUND_BASE LAST LENGTH... -- BENCHMARKS...: one JMH run of a round; LAST=1 prints its table
  local name="$1" last="$2"; shift 2
  if [ "$last" = 1 ]; then
    echo "   $name.json; its JMH table:"
    jmh "$name.log" "$name.json" "$@"
  else
    jmh "$name.log" "$name.json" "$@" > /dev/null
    echo "   $name.json"
  fi
  jsons+=("$name.json")
}
if [ $((${#pair_set[@]} + ${#alt_set[@]})) -gt 0 ]; then
  echo "== close pairs: ${#pair_set[@]} benchmarks, $pair_rounds rounds of ${pair_length[*]}$(
    [ ${#alt_set[@]} -eq 0 ] || echo "; ${#alt_set[@]} alternated, ${alt_length[*]}")"
  for ((r = 1; r <= pair_rounds; r++)); do
    round="$(printf '%s-pairs-r%02d' "$base" "$r")"
    last=$([ "$r" -eq "$pair_rounds" ] && echo 1 || echo 0)
    echo "   round $r of $pair_rounds:"
    [ ${#pair_set[@]} -eq 0 ] || round_run "$round" "$last" "${pair_length[@]}" -- "${pair_set[@]}"
    [ ${#alt_set[@]} -eq 0 ] || round_run "$round-alt" "$last" "${alt_length[@]}" -- "${alt_set[@]}"
  done
fi
kill "$sampler" 2>/dev/null || true
echo
set +e
"$java_bin" -cp "$jar" org.uma4j.bench.Ratios "${jsons[@]}" --stat "$stat" $fail_on_miss | tee "$base.txt"
status=${PIPESTATUS[0]}
if [ "$startup_runs" -gt 0 ]; then
  # Cold starts of a child JVM (embedded Jetty) with and without the agent: not JMH, see AgentStartup.
  echo "# load average before the start-up runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$base.txt"
  "$java_bin" -cp "$jar" org.uma4j.bench.AgentStartup --runs "$startup_runs" --agent "$agent_jar" $fail_on_miss \
    | tee -a "$base.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
  echo "# load average after the start-up runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$base.txt"
fi
set -e
# JMH itself keeps 1 CPU busy (2 in the producer/consumer group); more means competition.
awk -v n="$(nproc)" '{ s += $1; if ($1 > m) m = $1 } END {
  if (NR) printf "# load average during the run: mean %.2f, max %.2f on %d CPUs%s\n", s / NR, m, n,
    (m > n ? " (other processes competed: wall times are inflated; CPU-time ratios much less)" : "") }' "$base.load" | tee -a "$base.txt"
echo "== results: $base{,-pairs-r*}.{json,log}, $base.{txt,load}"
exit "$status"
