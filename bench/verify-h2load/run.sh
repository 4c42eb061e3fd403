#!/usr/bin/env bash
# Verify on a warm account under h2load, next to its three baselines, all in one run on one machine:
#   bare   bare Kestrel HTTP/2 answering a fixed gRPC-framed VerifyReply with its status trailer  (bare-kestrel/)
#   grpc   grpc-dotnet answering AccountIntegrity/Verify with a fixed VerifyReply                 (grpc-fixed/)
#   grain  grpc-dotnet into a trivial Orleans grain (constant answer), silo in the same process   (grain-floor/)
#   grpcjs @grpc/grpc-js (Node.js) answering AccountIntegrity/Verify with a fixed VerifyReply: a peer   (verify-request.js serve)
#   verify the product: the real silo (gateway, auth, grain, SQLite store), open mode on loopback  (silo/)
#   verifyotel the same silo exporting traces, metrics and logs over OTLP/HTTP to a loopback sink that keeps
#          nothing (verify-request.js sink): what switching telemetry on costs Verify; verify is telemetry off
# Every target serves the same method and gets the same request bytes (verify-request.js body). Each one is
# checked with a grpc-js Verify (a real gRPC client reading the status) before and after the load, since h2load
# counts any HTTP 200 as a success. After a warm-up pass per target (JIT tiers), ROUNDS rounds run every target
# once, in a rotated order, and each figure is the median over the rounds.
# Usage: bench/verify-h2load/run.sh
#   N=100000 C=16 M=16 T=1 WARMUP=40000 ROUNDS=5 TARGETS="bare grpc grain grpcjs verify verifyotel" CONFIG=Release
#   GRPC_TIMEOUT=10S adds a deadline to every request; SKIP_BUILD=1 reuses the build; RESULTS=path writes the results elsewhere (default: RESULTS.md here).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/verify-h2load
config=${CONFIG:-Release}
n=${N:-100000} c=${C:-16} m=${M:-16} t=${T:-1}
warmup=${WARMUP:-40000}
rounds=${ROUNDS:-5}
read -r -a targets <<< "${TARGETS:-bare grpc grain grpcjs verify verifyotel}"
results=${RESULTS:-$here/RESULTS.md}
# GRPC_TIMEOUT=10S sends a deadline with every request (grpc-timeout), as a well-configured client does.
extra=(); [ -z "${GRPC_TIMEOUT:-}" ] || extra=(-H "grpc-timeout: $GRPC_TIMEOUT")

if ! command -v h2load >/dev/null 2>&1; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nghttp2-client >/dev/null
fi
[ -d tests/interop/node_modules ] || (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)

declare -A project=(
  [bare]=$here/bare-kestrel/AccountGrains.Bench.BareKestrel
  [grpc]=$here/grpc-fixed/AccountGrains.Bench.GrpcFixed
  [grain]=$here/grain-floor/AccountGrains.Bench.GrainFloor
  [verify]=silo/AccountGrains.Silo
  [verifyotel]=silo/AccountGrains.Silo
)
declare -A label=(
  [bare]="bare Kestrel HTTP/2, fixed reply"
  [grpc]="grpc-dotnet, fixed reply"
  [grain]="grpc-dotnet + trivial Orleans grain"
  [grpcjs]="@grpc/grpc-js, fixed reply (peer)"
  [verify]="AccountGrains Verify, warm account"
  [verifyotel]="Verify with OTLP exporting, warm account"
)
dll() { echo "$(dirname "${project[$1]}")/bin/$config/net10.0/$(basename "${project[$1]}").dll"; }
if [ -z "${SKIP_BUILD:-}" ]; then
  for target in "${targets[@]}"; do
    [ -n "${project[$target]:-}" ] || continue
    [ "$target" != verifyotel ] || [[ " ${targets[*]} " != *" verify "* ]] || continue # the same build
    dotnet build "${project[$target]}.csproj" -c "$config" -nologo -v q -clp:NoSummary
  done
fi

work=$(mktemp -d)
declare -A pid=() port=()
stop() {
  for p in "${pid[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pid[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

node $here/verify-request.js body > "$work/verify.bin"
otel=()
if [[ " ${targets[*]} " == *" verifyotel "* ]]; then
  sink_port=$(free_port)
  node $here/verify-request.js sink "$sink_port" > "$work/sink.log" 2>&1 &
  pid[sink]=$!
  # OTEL_* only, as an operator sets them; a 1 s metric interval and the SDK's default batching and sampling
  # (parent-based, always on: every Verify is traced and exported).
  otel=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_METRIC_EXPORT_INTERVAL=1000)
fi
for target in "${targets[@]}"; do
  port[$target]=$(free_port)
  if [ "$target" = grpcjs ]; then
    node $here/verify-request.js serve "${port[$target]}" > "$work/$target.log" 2>&1 &
    pid[$target]=$!
    continue
  fi
  case $target in
    grain) args=("${port[$target]}" "$(free_port)" "$(free_port)") ;;
    verify | verifyotel) args=(--urls "http://127.0.0.1:${port[$target]}") ;;
    *) args=("${port[$target]}") ;;
  esac
  # From the DLL's folder, so the silo's appsettings.json applies as an operator would run it. The silo gets a
  # fresh SQLite file and its own Orleans ports (other silos on this machine may hold Orleans' defaults), and the
# Orleans dashboard off, as in the Helm chart's production values (its grain-call profiler wraps every call).
  telemetry=(); [ "$target" != verifyotel ] || telemetry=("${otel[@]}")
  (cd "$(dirname "$(dll "$target")")" &&
    exec env "${telemetry[@]}" AccountGrains__Storage__SqlitePath="$work/$target.db" \
    Orleans__Endpoints__SiloPort="$(free_port)" Orleans__Endpoints__GatewayPort="$(free_port)" AccountGrains__Dashboard__Enabled=false \
    dotnet "$(basename "$(dll "$target")")" "${args[@]}") > "$work/$target.log" 2>&1 &
  pid[$target]=$!
done

check() { # $1 = target: one grpc-js Verify, which reads the gRPC status (h2load does not)
  node $here/verify-request.js warm "127.0.0.1:${port[$1]}" > "$work/check.out" 2>&1
}
for target in "${targets[@]}"; do
  for _ in $(seq 1 240); do
    check "$target" && break
    kill -0 "${pid[$target]}" 2>/dev/null || { echo "run.sh: $target exited" >&2; cat "$work/$target.log" >&2; exit 1; }
    sleep 0.5
  done
  check "$target" || { echo "run.sh: $target does not answer Verify" >&2; cat "$work/check.out" "$work/$target.log" >&2; exit 1; }
done

url() { echo "http://127.0.0.1:${port[$1]}/accountgrains.v1.AccountIntegrity/Verify"; }
h2() { # $1 = target, $2 = requests; leaves h2load's summary in $work/h2load.out and per-request times in $work/times
  h2load -n "$2" -c "$c" -m "$m" -t "$t" -H 'content-type: application/grpc' -H 'te: trailers' "${extra[@]}" \
    -d "$work/verify.bin" --log-file="$work/requests.tsv" "$(url "$1")" > "$work/h2load.out"
  grep -q "$2 succeeded, 0 failed, 0 errored, 0 timeout" "$work/h2load.out" || { echo "run.sh: $1 failed requests" >&2; cat "$work/h2load.out" >&2; exit 1; }
  awk -F'\t' '$2 != 200 { bad++ } END { exit bad > 0 }' "$work/requests.tsv" || { echo "run.sh: $1 answered a status other than 200" >&2; exit 1; }
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # the server's user + system CPU time, in clock ticks
measure() { # $1 = target; prints "req/s p50_ms p99_ms cpu_us_per_request"
  # CPU time per request is the server's own cost, which a busy neighbour hardly changes (requests/s it does).
  before=$(cpu_ticks "${pid[$1]}")
  h2 "$1" "$n"
  cpu=$(( $(cpu_ticks "${pid[$1]}") - before ))
  rps=$(awk '/^finished in/ { print $4 }' "$work/h2load.out")
  cut -f3 "$work/requests.tsv" | sort -n > "$work/times"
  awk -v rps="$rps" -v cpu="$cpu" -v hz="$(getconf CLK_TCK)" -v n="$n" '{ v[NR] = $1 } END { printf "%.0f %.2f %.2f %.1f\n", rps, v[int(NR * 0.50)] / 1000, v[int(NR * 0.99)] / 1000, cpu * 1e6 / hz / n }' "$work/times"
}

for target in "${targets[@]}"; do [ "$warmup" -eq 0 ] || h2 "$target" "$warmup"; done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A samples=()
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for i in "${!targets[@]}"; do # rotated, so no target always runs first or right after a particular one
    target=${targets[$(((i + round - 1) % ${#targets[@]}))]}
    measure "$target" > "$work/measured"
    read -r rps p50 p99 cpu < "$work/measured"
    samples[$target]+="$rps $p50 $p99 $cpu"$'\n'
    line+=" $target $rps req/s (p50 $p50 ms, p99 $p99 ms, $cpu us CPU/request);"
  done
  echo "$line"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
for target in "${targets[@]}"; do check "$target" || { echo "run.sh: $target stopped answering Verify" >&2; cat "$work/check.out" >&2; exit 1; }; done
# The comparison means something only if the exporting silo did export: traces and metrics reached the sink.
if [ -n "${pid[sink]:-}" ]; then
  for signal in traces metrics; do
    grep -q "^POST $signal " "$work/sink.log" || { echo "run.sh: verifyotel exported no $signal" >&2; cat "$work/sink.log" "$work/verifyotel.log" >&2; exit 1; }
  done
  exported="$(grep -c '^POST traces ' "$work/sink.log") trace, $(grep -c '^POST metrics ' "$work/sink.log") metric and $(grep -c '^POST logs ' "$work/sink.log" || true) log exports reached the sink"
fi

median() { # $1 = target, $2 = column (1 req/s, 2 p50, 3 p99, 4 CPU us/request)
  printf '%s' "${samples[$1]}" | awk -v k="$2" '{ print $k }' | sort -g |
    awk -v k="$2" '{ v[NR] = $1 } END { x = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf (k == 1 ? "%.0f\n" : k == 4 ? "%.1f\n" : "%.2f\n"), x }'
}
declare -A rps=() cpu=()
for target in "${targets[@]}"; do rps[$target]=$(median "$target" 1); cpu[$target]=$(median "$target" 4); done
ratio() { # $1 / $2 when both ran
  [ -n "${rps[$1]:-}" ] && [ -n "${rps[$2]:-}" ] && awk -v a="${rps[$1]}" -v b="${rps[$2]}" 'BEGIN { printf "%.2f", a / b }' || echo "n/a"
}
cpu_ratio() { # CPU per request of $2 / of $1: what $1's requests/s would be against $2's if both had the machine's CPU alone
  [ -n "${cpu[$1]:-}" ] && [ -n "${cpu[$2]:-}" ] && awk -v a="${cpu[$1]}" -v b="${cpu[$2]}" 'BEGIN { printf "%.2f", b / a }' || echo "n/a"
}

command_line="h2load -n $n -c $c -m $m -t $t -H 'content-type: application/grpc' -H 'te: trailers'${GRPC_TIMEOUT:+ -H 'grpc-timeout: $GRPC_TIMEOUT'} -d verify.bin --log-file=requests.tsv http://127.0.0.1:PORT/accountgrains.v1.AccountIntegrity/Verify"
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ { print $2 }') GiB, .NET SDK $(dotnet --version), $(h2load --version | head -1), $config"
{
  echo "# Verify under h2load, next to its baselines in the same run"
  echo
  echo "Written by \`bench/verify-h2load/run.sh\` (see README.md there for what each target is and how to read this)."
  echo
  echo "- Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $rounds rounds, median of each column over the rounds; warm-up $warmup requests per target."
  echo "- Machine: $machine. Load average before/after the rounds: $load_before / $load_after."
  echo "- Each load: \`$command_line\`"
  echo "- Request: \`verify.bin\` = one gRPC frame, \`VerifyRequest{account_id: \"bench-warm\", action: ACTION_LOGIN}\` (19 bytes); every target answers \`VerifyReply{decision: DECISION_ALLOW}\`."
  echo
  echo "| target | requests/s | p50 | p99 | server CPU per request |"
  echo "|---|---:|---:|---:|---:|"
  for target in "${targets[@]}"; do
    printf '| %s | %s | %s ms | %s ms | %s us |\n' "${label[$target]}" "${rps[$target]}" "$(median "$target" 2)" "$(median "$target" 3)" "${cpu[$target]}"
  done
  echo
  echo "| ratio (medians) | requests/s | inverse CPU per request |"
  echo "|---|---:|---:|"
  echo "| grpc-dotnet fixed / bare Kestrel | $(ratio grpc bare) | $(cpu_ratio grpc bare) |"
  echo "| trivial grain / bare Kestrel | $(ratio grain bare) | $(cpu_ratio grain bare) |"
  echo "| Verify / trivial grain | $(ratio verify grain) | $(cpu_ratio verify grain) |"
  echo "| Verify / bare Kestrel | $(ratio verify bare) | $(cpu_ratio verify bare) |"
  echo "| Verify / @grpc/grpc-js peer | $(ratio verify grpcjs) | $(cpu_ratio verify grpcjs) |"
  echo "| Verify with OTLP exporting / Verify, telemetry off | $(ratio verifyotel verify) | $(cpu_ratio verifyotel verify) |"
  [ -z "${exported:-}" ] || { echo; echo "Telemetry on (verifyotel): ${otel[*]}; $exported. Off (verify, the default) registers nothing."; }
  echo
  echo "Every round (requests/s, p50 ms, p99 ms, server CPU us per request):"
  echo
  echo '```'
  for target in "${targets[@]}"; do printf '%s\n' "$target:"; printf '%s' "${samples[$target]}" | sed 's/^/  /'; done
  echo '```'
} > "$work/results.md"
cp "$work/results.md" "$results"
cat "$results"
