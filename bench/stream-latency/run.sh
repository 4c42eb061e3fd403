#!/usr/bin/env bash
# Acknowledged Lock -> its arrival at a WatchEvents subscriber (p50/p99), on one silo (SQLite, the default) and across
# two silos (PostgreSQL with fsync on: the Lock's grain on silo A, the subscriber on silo B, woken by NOTIFY).
# Starts its own silo processes and PostgreSQL (initdb/pg_ctl, as the tests do) and stops them; ends by itself.
# Usage: bench/stream-latency/run.sh   (LOCKS=300 SCENARIOS=single,cross; SKIP_BUILD=1; RESULTS=path)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/stream-latency
locks=${LOCKS:-300}
scenarios=${SCENARIOS:-single,cross}
results=${RESULTS:-$here/RESULTS.md}

[ -n "${SKIP_BUILD:-}" ] || dotnet build $here/AccountGrains.Bench.StreamLatency.csproj -c Release -nologo -v q -clp:NoSummary
load_before=$(cut -d' ' -f1 /proc/loadavg)
table=$(dotnet $here/bin/Release/net10.0/AccountGrains.Bench.StreamLatency.dll "$locks" "$scenarios")
load_after=$(cut -d' ' -f1 /proc/loadavg)

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), .NET SDK $(dotnet --version), Release"
{
  echo "# WatchEvents latency: acknowledged Lock -> arrival at a subscriber"
  echo
  echo "Written by \`bench/stream-latency/run.sh\` (see README.md there)."
  echo
  echo "- Run: $(date -u '+%Y-%m-%d %H:%M UTC'): \`LOCKS=$locks SCENARIOS=$scenarios bench/stream-latency/run.sh\`"
  echo "- Machine: $machine; 1-minute load average $load_before before, $load_after after."
  echo "- Locks one at a time (each waits for the previous one's arrival); a negative ack->arrival means the event reached the"
  echo "  subscriber before the Lock's reply reached its caller."
  echo
  echo "$table"
} > "$results"
cat "$results"
