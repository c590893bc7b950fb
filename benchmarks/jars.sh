# Sourced by run.sh and profile.sh (not run on its own): ensure_jars builds the benchmarks jar and
# the shaded agent jar when either is missing or older than the sources it is built from, so no
# measurement or profile runs stale code. Needs $root (the repository) and $here (benchmarks/).
ensure_jars() {
  local jar="$here/target/benchmarks.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$here/pom.xml" "$here/src" "$root"/{allocator,uma-dbg,jfr-events,agent}/pom.xml \
        "$root"/{allocator,uma-dbg,jfr-events,agent}/src/main -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    echo "== building $jar"
    (cd "$root" && mvn -B -q -DskipTests package -pl benchmarks -am)
  fi
  # The agent forks (LogFramingBenchmark, AgentHookBenchmark, AgentStartup) name this jar
  # relative to the repository root.
  local agent_jar="$root/agent/target/uma4j-agent.jar"
  if [ ! -f "$agent_jar" ] || [ -n "$(find "$root/agent/src/main" "$root/jfr-events/src/main" "$root/uma-dbg/src/main" \
        "$root/allocator/src/main" -newer "$agent_jar" -type f 2>/dev/null | head -1)" ]; then
    echo "== building $agent_jar"
    (cd "$root" && mvn -B -q -DskipTests package -pl agent -am)
  fi
}
