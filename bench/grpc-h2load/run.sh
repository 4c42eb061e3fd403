#!/usr/bin/env bash
# First throughput figure: the same h2load load on a bare Kestrel HTTP/2 endpoint and on the gRPC server's
# trivial unary Echo, in one run on one machine. Prints requests/s for each and the ratio gRPC/bare.
# Knobs: N (requests, 200000), C (connections, 16), M (streams per connection, 32), T (h2load threads, 1).
set -euo pipefail
cd "$(dirname "$0")"
N=${N:-200000} C=${C:-16} M=${M:-32} T=${T:-1}
BARE_PORT=${BARE_PORT:-5101} GRPC_PORT=${GRPC_PORT:-5102}

if ! command -v h2load >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nghttp2-client >/dev/null
fi

dotnet build -c Release -nologo -v q -clp:NoSummary >/dev/null
work=$(mktemp -d)
trap 'kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

# A framed google.protobuf.StringValue("hello"): flag 0, length 7, then the message.
printf '\x00\x00\x00\x00\x07\x0a\x05hello' > "$work/request.bin"

dotnet bin/Release/net10.0/AccountGrains.Bench.GrpcH2load.dll "$BARE_PORT" "$GRPC_PORT" > "$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 100); do grep -qs ready "$work/host.log" && break; sleep 0.2; done
grep -q ready "$work/host.log" || { cat "$work/host.log"; exit 1; }

load() { # $1 = url; prints requests/s
  h2load -n "$N" -c "$C" -m "$M" -t "$T" -d "$work/request.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "$1" > "$work/h2load.out"
  grep -q "succeeded, 0 failed" "$work/h2load.out" || { cat "$work/h2load.out" >&2; }
  awk '/^finished in/ { gsub(",", "", $4); print $4 }' "$work/h2load.out"
}

# Warm both (JIT, tiering), then alternate the two loads ROUNDS times and keep each one's best run:
# the machine is shared, and the best run is the least disturbed one.
ROUNDS=${ROUNDS:-3}
N=20000 load "http://127.0.0.1:$BARE_PORT/bench.Echo/Echo" >/dev/null
N=20000 load "http://127.0.0.1:$GRPC_PORT/bench.Echo/Echo" >/dev/null
bare=0 grpc=0
for _ in $(seq 1 "$ROUNDS"); do
  b=$(load "http://127.0.0.1:$BARE_PORT/bench.Echo/Echo")
  g=$(load "http://127.0.0.1:$GRPC_PORT/bench.Echo/Echo")
  echo "round: bare $b req/s, gRPC $g req/s"
  bare=$(awk -v a="$bare" -v b="$b" 'BEGIN { print (b > a ? b : a) }')
  grpc=$(awk -v a="$grpc" -v b="$g" 'BEGIN { print (b > a ? b : a) }')
done
echo "h2load -n $N -c $C -m $M -t $T -d request.bin -H 'content-type: application/grpc' -H 'te: trailers' <url>"
echo "bare Kestrel HTTP/2: $bare req/s (best of $ROUNDS)"
echo "gRPC unary Echo:     $grpc req/s (best of $ROUNDS)"
awk -v g="$grpc" -v b="$bare" 'BEGIN { printf "ratio gRPC/bare:     %.2f\n", g / b }'
