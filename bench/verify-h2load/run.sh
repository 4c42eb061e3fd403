#!/usr/bin/env bash
# Verify on a warm account through the whole silo (gateway, auth interceptor, grain turn), next to the
# same h2load load on a bare Kestrel HTTP/2 endpoint (the baseline, bench/grpc-h2load's host) in one run.
# The silo is the published-style DLL (Release), open (no keys, loopback), on a fresh SQLite file; one
# grpc-js Verify activates the grain; a first unreported pass of each lets tiered JIT settle; then the two
# loads alternate ROUNDS times and each keeps its best run (the machine is shared: best = least disturbed).
# Usage: bench/verify-h2load/run.sh   (N=100000 C=8 M=16 T=1 WARMUP=20000 ROUNDS=3 PORT=50651 BARE_PORT=50652 CONFIG=Release; SKIP_BUILD=1 to reuse the build)
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${CONFIG:-Release}
port=${PORT:-50651}
n=${N:-100000}
c=${C:-8}
m=${M:-16}
t=${T:-1}
warmup=${WARMUP:-20000}
rounds=${ROUNDS:-3}
bare_port=${BARE_PORT:-50652}

command -v h2load >/dev/null || { echo "run.sh: h2load is missing: apt-get install -y nghttp2-client" >&2; exit 1; }
[ -d tests/interop/node_modules ] || (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
[ -n "${SKIP_BUILD:-}" ] || dotnet build silo -c "$config" -nologo -v q -clp:NoSummary
[ -n "${SKIP_BUILD:-}" ] || dotnet build bench/grpc-h2load -c Release -nologo -v q -clp:NoSummary

work=$(mktemp -d)
node bench/verify-h2load/verify-request.js body > "$work/verify.bin"

# From the DLL's folder, so its appsettings.json applies (request logging off, as an operator would run it).
(cd "silo/bin/$config/net10.0" && AccountGrains__Storage__SqlitePath="$work/accounts.db" \
  exec dotnet AccountGrains.Silo.dll --urls "http://127.0.0.1:$port") > "$work/silo.log" 2>&1 &
silo=$!
# The baseline: bench/grpc-h2load's bare Kestrel endpoint (its gRPC port is unused here).
dotnet bench/grpc-h2load/bin/Release/net10.0/AccountGrains.Bench.GrpcH2load.dll "$bare_port" $((bare_port + 1)) > "$work/bare.log" 2>&1 &
bare_host=$!
stop() {
  kill -TERM "$silo" "$bare_host" 2>/dev/null || true
  wait "$silo" "$bare_host" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 120); do
  grep -q "AccountGrains silo listening on" "$work/silo.log" && break
  kill -0 "$silo" 2>/dev/null || { cat "$work/silo.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "AccountGrains silo listening on" "$work/silo.log" || { echo "run.sh: the silo did not start" >&2; cat "$work/silo.log" >&2; exit 1; }

for _ in $(seq 1 100); do grep -qs ready "$work/bare.log" && break; sleep 0.2; done
grep -q ready "$work/bare.log" || { echo "run.sh: the baseline host did not start" >&2; cat "$work/bare.log" >&2; exit 1; }

node bench/verify-h2load/verify-request.js warm "127.0.0.1:$port"
verify_url="http://127.0.0.1:$port/accountgrains.v1.AccountIntegrity/Verify"
bare_url="http://127.0.0.1:$bare_port/bench.Echo/Echo"
load() { # $1 = url, $2 = requests; prints requests/s, fails loudly if any request failed
  h2load -n "$2" -c "$c" -m "$m" -t "$t" -H 'content-type: application/grpc' -H 'te: trailers' -d "$work/verify.bin" "$1" > "$work/h2load.out"
  grep -q "succeeded, 0 failed" "$work/h2load.out" || { cat "$work/h2load.out" >&2; exit 1; }
  awk '/^finished in/ { gsub(",", "", $4); print $4 }' "$work/h2load.out"
}

if [ "$warmup" -ne 0 ]; then load "$bare_url" "$warmup" >/dev/null; load "$verify_url" "$warmup" >/dev/null; fi
bare=0 verify=0
for _ in $(seq 1 "$rounds"); do
  b=$(load "$bare_url" "$n")
  v=$(load "$verify_url" "$n")
  echo "round: bare $b req/s, Verify $v req/s"
  bare=$(awk -v a="$bare" -v b="$b" 'BEGIN { print (b > a ? b : a) }')
  verify=$(awk -v a="$verify" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
done
echo "h2load -n $n -c $c -m $m -t $t -H 'content-type: application/grpc' -H 'te: trailers' -d verify.bin <url>   ($(nproc) cores, $config)"
echo "bare Kestrel HTTP/2:     $bare req/s (best of $rounds)"
echo "Verify, warm account:    $verify req/s (best of $rounds)"
awk -v v="$verify" -v b="$bare" 'BEGIN { printf "ratio Verify/bare:       %.2f\n", v / b }'
