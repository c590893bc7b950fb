#!/usr/bin/env bash
# Profiles one JIT-compiled method of one benchmark: which instructions the CPU time goes to.
#
#   benchmarks/profile.sh [--jdk PATH] [--jvm "ARGS"] [--jmh "ARGS"] BENCHMARK METHOD
#
#   BENCHMARK  a JMH regex naming one benchmark, e.g. 'Uma4jPacketBenchmark'
#   METHOD     the compiled method to annotate, as -XX:CompileCommand names it, e.g.
#              '*Uma4jPacketBenchmark_getclFreem_jmhTest::getclFreem_avgt_jmhStub' (the JMH stub,
#              with what C2 inlined into it) or 'org.uma4j.alloc.Zone::allocInternal'
#   --jdk      run the fork on another JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64
#   --jvm      more fork options, e.g. the agent: "-javaagent:agent/target/uma4j-agent.jar=include=org.uma4j.bench.*"
#              (options given here replace the benchmark's own @Fork options; the fixed heap is always added)
#   --jmh      more JMH options, e.g. "-p size=256"
#
# One fork, 5 x 1 s warm-up and 8 x 1 s measurement; perf samples the fork (cpu-clock, 5 kHz) for
# 4 s of the measurement. The fork prints the method's code as hex (no hsdis needed), objdump
# disassembles it, and AsmProfile puts the samples on the instructions. Needs perf and objdump;
# works on VMs without hardware counters. Output under benchmarks/target/profile/: <name>.txt (the
# annotated listing), .log (the fork's output), .ips (perf's sample counts by instruction pointer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
java_bin="$(command -v java)"
jvm=""
jmh=""
while [ $# -gt 2 ]; do
  case "$1" in
    --jdk) java_bin="$2/bin/java"; shift 2 ;;
    --jvm) jvm="$2"; shift 2 ;;
    --jmh) jmh="$2"; shift 2 ;;
    *) echo "profile.sh: unknown option: $1 (expected: --jdk PATH, --jvm ARGS, --jmh ARGS, then BENCHMARK METHOD)" >&2; exit 2 ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: profile.sh [--jdk PATH] [--jvm ARGS] [--jmh ARGS] BENCHMARK METHOD" >&2; exit 2; }
bench="$1"; method="$2"
for tool in perf objdump; do
  command -v "$tool" >/dev/null || { echo "profile.sh: $tool not found (expected: on the PATH)" >&2; exit 2; }
done
[ -x "$java_bin" ] || { echo "profile.sh: --jdk: no $java_bin (expected: a JDK home with bin/java)" >&2; exit 2; }
# shellcheck source=benchmarks/jars.sh
. "$here/jars.sh"
ensure_jars >&2 # a stale jar would profile code the tree no longer has

out="$here/target/profile"
mkdir -p "$out"
name="$(printf '%s' "$bench" | tr -c 'A-Za-z0-9._-' '_')-$(date -u +%Y%m%dT%H%M%SZ)"
cd "$root" # the agent option's jar path is relative to the repository root
# shellcheck disable=SC2086 # $jmh holds several JMH options
"$java_bin" -jar "$jar" "$bench" $jmh -f 1 -wi 5 -i 8 -w 1s -r 1s -jvmArgsAppend \
  "-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:CompileCommand=print,$method $jvm" \
  > "$out/$name.log" 2>&1 &
jmh_pid=$!
fork=""
for _ in $(seq 100); do # the fork starts after JMH's own start-up
  fork="$(pgrep -P "$jmh_pid" -f ForkedMain || true)"
  [ -n "$fork" ] && break
  sleep 0.2
done
[ -n "$fork" ] || { wait "$jmh_pid" || true; echo "profile.sh: no fork started; see $out/$name.log" >&2; exit 1; }
sleep 10 # past the warm-up, into the measurement
# perf's exit status reflects the sleep it ends, so the data file is the test
(perf record -q -e cpu-clock -F 5000 -p "$fork" -o "$out/$name.perf" -- sleep 4 || true) >/dev/null 2>&1
wait "$jmh_pid" || { echo "profile.sh: the benchmark failed; see $out/$name.log" >&2; exit 1; }
[ -s "$out/$name.perf" ] || { echo "profile.sh: perf recorded nothing (expected: perf_event_paranoid <= 2 and this user's fork)" >&2; exit 1; }
perf script -i "$out/$name.perf" -F ip 2>/dev/null | sort | uniq -c > "$out/$name.ips"
grep -E "^Benchmark|avgt" "$out/$name.log" | tail -2
echo "== the fork's hottest symbols (JIT code named through the perf map the fork wrote at exit):"
perf report -i "$out/$name.perf" --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -6 | cut -c1-150 || true
"$java_bin" -cp "$jar" org.uma4j.bench.AsmProfile "$out/$name.log" "$out/$name.ips" "$out/$name.txt"
echo "== listing: $out/$name.txt"
