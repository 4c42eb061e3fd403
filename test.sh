#!/usr/bin/env bash
# The one test command: installs what the tests need (PostgreSQL 15, yamllint and chromium from Debian's packages,
# the npm packages of the independent gRPC client and of the console's browser tests), lints the plain YAML, builds warning-free, runs every test.
# The tests start and stop their own PostgreSQL (initdb + pg_ctl in a temp folder, a free loopback port).
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_apt+=(postgresql)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v yamllint >/dev/null 2>&1 || need_apt+=(yamllint)
# The console's browser tests drive Debian's chromium (playwright-core downloads no browser).
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} from Debian's packages"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/console && npm ci --no-audit --no-fund --loglevel=error)

# The Helm chart's plain YAML (Chart.yaml, values.yaml; .yamllint says what and why templates are not).
yamllint --strict .

dotnet build AccountGrains.sln -c Release -warnaserror -nologo -v q -clp:NoSummary

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT
status=0
# One test assembly at a time (-m:1): the cluster and process tests run real-time leases (500 ms heartbeats),
# and on 2 cores several assemblies at once can starve a silo into fencing itself, as it is built to do.
dotnet test AccountGrains.sln -c Release --no-build --nologo -v q -m:1 --logger "console;verbosity=minimal" --logger trx --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1200000 2>&1 | tee "$log" || status=$?

# The failed tests' names and messages once more, last, where CI's tail of the output shows them (above, each one
# is followed by its silos' logs).
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk '/<UnitTestResult / { failed = /outcome="Failed"/; if (failed) { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); printf "FAILED %s\n", name } }
       failed && /<Message>/ { inmsg = 1; lines = 0; sub(/.*<Message>/, "") }
       failed && inmsg { done = sub(/<\/Message>.*/, ""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&apos;/, "\047"); gsub(/&amp;/, "\\&");
                         if (lines++ < 40) print "  " $0; if (done) inmsg = 0 }' "$trx"
done

# One plain closing line for CI, summed over every test assembly.
awk '/Test Run Aborted/ { f++ }
     /(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
