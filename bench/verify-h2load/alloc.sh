#!/usr/bin/env bash
# Bytes allocated per Verify, the trivial-grain floor next to the product, from the runtime's own counter
# (dotnet-counters, System.Runtime dotnet.gc.heap.total_allocated), less the server's idle allocation rate over the
# loaded seconds. Unlike requests/s this hardly depends on what else the machine
# runs, so it shows what a change to the hot path saved even on a busy machine.
# Usage: bench/verify-h2load/alloc.sh        N=200000 TARGETS="grain verify" CONFIG=Release SKIP_BUILD=1
# TOP=30 also prints the types allocated most on Verify (dotnet-trace allocation ticks, bench/alloc-types).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/verify-h2load
config=${CONFIG:-Release}
n=${N:-200000}
read -r -a targets <<< "${TARGETS:-grain verify}"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-counters >/dev/null || dotnet tool install -g dotnet-counters --version 10.0.750501 >/dev/null
[ -z "${TOP:-}" ] || command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace --version 10.0.750501 >/dev/null
command -v h2load >/dev/null || { echo "alloc.sh: needs h2load (run.sh installs it)" >&2; exit 1; }

declare -A project=([grain]=$here/grain-floor/AccountGrains.Bench.GrainFloor [verify]=silo/AccountGrains.Silo)
dll() { echo "$(dirname "${project[$1]}")/bin/$config/net10.0/$(basename "${project[$1]}").dll"; }
if [ -z "${SKIP_BUILD:-}" ]; then
  for target in "${targets[@]}"; do dotnet build "${project[$target]}.csproj" -c "$config" -nologo -v q -clp:NoSummary; done
  [ -z "${TOP:-}" ] || dotnet build bench/alloc-types -c Release -nologo -v q -clp:NoSummary
fi

work=$(mktemp -d)
declare -A pid=() port=()
stop() { for p in "${pid[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
node $here/verify-request.js body > "$work/verify.bin"
for target in "${targets[@]}"; do
  port[$target]=$(free_port)
  case $target in grain) args=("${port[$target]}" "$(free_port)" "$(free_port)") ;; *) args=(--urls "http://127.0.0.1:${port[$target]}") ;; esac
  (cd "$(dirname "$(dll "$target")")" && AccountGrains__Storage__SqlitePath="$work/accounts.db" \
    Orleans__Endpoints__SiloPort=$(free_port) Orleans__Endpoints__GatewayPort=$(free_port) AccountGrains__Dashboard__Enabled=false \
    exec dotnet "$(basename "$(dll "$target")")" "${args[@]}") > "$work/$target.log" 2>&1 &
  pid[$target]=$!
done
for target in "${targets[@]}"; do
  for _ in $(seq 1 240); do node $here/verify-request.js warm "127.0.0.1:${port[$target]}" > /dev/null 2>&1 && break; sleep 0.5; done
done
h2() { h2load -n "$2" -c 16 -m 16 -t 1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$work/verify.bin" \
  "http://127.0.0.1:${port[$1]}/accountgrains.v1.AccountIntegrity/Verify" > "$work/h2load.out"
  grep -q "$2 succeeded, 0 failed" "$work/h2load.out" || { echo "alloc.sh: $1 failed requests" >&2; cat "$work/h2load.out" >&2; exit 1; }; }
for target in "${targets[@]}"; do
  h2 "$target" 100000 # warm-up: JIT tiers, pools
  # The counter reports bytes per second; the seconds under load are summed (an idle second allocates far less than 1 MB).
  dotnet-counters collect -p "${pid[$target]}" --counters System.Runtime --refresh-interval 1 --format csv -o "$work/$target.csv" > /dev/null 2>&1 &
  counters=$!
  sleep 6; h2 "$target" "$n"; sleep 2; kill -TERM "$counters"; wait "$counters" 2>/dev/null || true
  # The silo's own background work (timers, pollers, health checks) allocates while idle too, and a loaded machine
  # stretches the run over more seconds: the idle rate, read before the load, is taken off each loaded second.
  awk -F, -v n="$n" -v t="$target" '/total_allocated/ { v = $NF + 0; if (v > 1e6) { s += v; k++; started = 1 } else if (!started && seen++) { idle += v; i++ } }
    END { rate = i > 0 ? idle / i : 0
          printf "%-7s %6.0f bytes per call (%d calls; idle %.0f bytes/s taken off %d loaded seconds)\n", t, (s - k * rate) / n, n, rate, k }' "$work/$target.csv"
done
if [ -n "${TOP:-}" ] && [ -n "${pid[verify]:-}" ]; then
  dotnet-trace collect -p "${pid[verify]}" --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:10 -o "$work/verify.nettrace" > /dev/null 2>&1 &
  trace=$!
  sleep 2; h2 verify 100000; wait "$trace" || true
  dotnet bench/alloc-types/bin/Release/net10.0/AccountGrains.Bench.AllocTypes.dll "$work/verify.nettrace" "$TOP"
fi
