#!/usr/bin/env bash
# h2load against Verify on a warm account: the silo's published-style DLL (Release), open (no keys, loopback),
# a fresh SQLite file; one grpc-js Verify activates the grain, then h2load repeats the same framed VerifyRequest.
# A first, unreported h2load pass (WARMUP requests) lets tiered JIT settle before the measured one.
# Usage: bench/verify-h2load/run.sh   (N=100000 C=8 M=16 T=1 WARMUP=20000 PORT=50651 CONFIG=Release; SKIP_BUILD=1 to reuse the build)
set -euo pipefail
cd "$(dirname "$0")/../.."
config=${CONFIG:-Release}
port=${PORT:-50651}
n=${N:-100000}
c=${C:-8}
m=${M:-16}
t=${T:-1}
warmup=${WARMUP:-20000}

command -v h2load >/dev/null || { echo "run.sh: h2load is missing: apt-get install -y nghttp2-client" >&2; exit 1; }
[ -d tests/interop/node_modules ] || (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
[ -n "${SKIP_BUILD:-}" ] || dotnet build silo -c "$config" -nologo -v q -clp:NoSummary

work=$(mktemp -d)
node bench/verify-h2load/verify-request.js body > "$work/verify.bin"

# From the DLL's folder, so its appsettings.json applies (request logging off, as an operator would run it).
(cd "silo/bin/$config/net10.0" && AccountGrains__Storage__SqlitePath="$work/accounts.db" \
  exec dotnet AccountGrains.Silo.dll --urls "http://127.0.0.1:$port") > "$work/silo.log" 2>&1 &
silo=$!
stop() { kill -TERM "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT

for _ in $(seq 1 120); do
  grep -q "AccountGrains silo listening on" "$work/silo.log" && break
  kill -0 "$silo" 2>/dev/null || { cat "$work/silo.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "AccountGrains silo listening on" "$work/silo.log" || { echo "run.sh: the silo did not start" >&2; cat "$work/silo.log" >&2; exit 1; }

node bench/verify-h2load/verify-request.js warm "127.0.0.1:$port"
url="http://127.0.0.1:$port/accountgrains.v1.AccountIntegrity/Verify"
grpc_headers=(-H 'content-type: application/grpc' -H 'te: trailers')
[ "$warmup" -eq 0 ] || h2load -n "$warmup" -c "$c" -m "$m" -t "$t" "${grpc_headers[@]}" -d "$work/verify.bin" "$url" > /dev/null
echo "h2load -n $n -c $c -m $m -t $t (Verify, $(nproc) cores, $config)"
h2load -n "$n" -c "$c" -m "$m" -t "$t" "${grpc_headers[@]}" -d "$work/verify.bin" "$url"
