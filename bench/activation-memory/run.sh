#!/usr/bin/env bash
# Live GC heap per idle activation: the product's AccountGrain next to a trivial grain, in one run.
# Each kind gets a fresh in-process silo (localhost clustering, idle collection off while measuring); after a
# warm-up, COUNT distinct never-seen accounts get one Verify each, and the live heap after a full blocking GC
# is compared with the one before. The account grain runs as AddAccountGrains registers it, over a store that
# holds nothing (every account is never-seen, so each Verify activates one grain and writes nothing).
# Usage: bench/activation-memory/run.sh   (COUNT=100000 KINDS=trivial,account CONCURRENCY=256; SKIP_BUILD=1; RESULTS=path)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/activation-memory
count=${COUNT:-100000}
kinds=${KINDS:-trivial,account}
concurrency=${CONCURRENCY:-256}
results=${RESULTS:-$here/RESULTS.md}

[ -n "${SKIP_BUILD:-}" ] || dotnet build $here/AccountGrains.Bench.ActivationMemory.csproj -c Release -nologo -v q -clp:NoSummary
table=$(dotnet $here/bin/Release/net10.0/AccountGrains.Bench.ActivationMemory.dll "$count" "$kinds" "$concurrency")

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB, .NET SDK $(dotnet --version), Release, workstation non-concurrent GC"
{
  echo "# Bytes per idle activation"
  echo
  echo "Written by \`bench/activation-memory/run.sh\` (see README.md there)."
  echo
  echo "- Run: $(date -u '+%Y-%m-%d %H:%M UTC'): \`COUNT=$count KINDS=$kinds CONCURRENCY=$concurrency bench/activation-memory/run.sh\`"
  echo "- Machine: $machine."
  echo "- Figure: (live heap after - live heap before) / activations, each live heap read by \`GC.GetTotalMemory(true)\` after two full blocking compacting collections."
  echo
  echo "$table"
} > "$results"
cat "$results"
