#!/bin/sh
# curl and kubectl against rolldeck, same simulator, same kubeconfig, same run: the rollouts of every namespace.
#   bench/kube/compare_status.sh [BUILD_DIR] [FLEET_SIZE] [RUNS]
# ROLLDECK=/path/to/rolldeck times another build of rolldeck against the same simulator (before/after a change).
# Starts rolldeck-sim with the fleet scenario on loopback (HTTPS: kubectl sends no bearer token over plain HTTP),
# then times, alternating, RUNS times each:
#   curl GET /apis/argoproj.io/v1alpha1/rollouts   (the whole LIST in one response: the transfer, the floor)
#   kubectl get rollouts.argoproj.io -A -o json
#   rolldeck status -A --json            (skipped with a note when this rolldeck has no status command)
# and prints the wall time, CPU time and peak memory of each run (/usr/bin/time), a table (median wall and CPU,
# min, max, peak RSS, output size) and rolldeck's median against curl's. The aim: at most twice curl's time and
# under 60 MB.
set -eu

BUILD=${1:-build}
FLEET=${2:-5000}
RUNS=${3:-7}
SIM="$BUILD/sim/rolldeck-sim"
ROLLDECK=${ROLLDECK:-$BUILD/app/rolldeck}
KUBECTL=${KUBECTL:-kubectl}

for tool in "$SIM" "$ROLLDECK"; do
    [ -x "$tool" ] || { echo "compare_status: $tool not built" >&2; exit 2; }
done
command -v "$KUBECTL" >/dev/null || { echo "compare_status: no kubectl" >&2; exit 2; }
command -v curl >/dev/null || { echo "compare_status: no curl" >&2; exit 2; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "compare_status: no $TIME (Debian package time)" >&2; exit 2; }

WORK=$(mktemp -d)
SIM_PID=
cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

"$SIM" --tls --scenario fleet --fleet-size "$FLEET" --kubeconfig-out "$WORK/kubeconfig" >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
# The simulator prints one JSON line with its endpoints once it accepts connections.
i=0
until [ -s "$WORK/sim.out" ] && [ -s "$WORK/kubeconfig" ]; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "compare_status: rolldeck-sim did not start:" >&2
        cat "$WORK/sim.err" >&2
        exit 1
    fi
    sleep 0.1
done
export KUBECONFIG="$WORK/kubeconfig"
unset HTTPS_PROXY HTTP_PROXY https_proxy http_proxy
SERVER=$(sed -n 's/.*"kube":"\([^"]*\)".*/\1/p' "$WORK/sim.out")
# curl gets the kubeconfig's CA and token from files (0600, never on a command line or in the output).
umask 077
sed -n 's/^ *certificate-authority-data: *//p' "$WORK/kubeconfig" | head -1 | base64 -d >"$WORK/ca.pem"
printf 'Authorization: Bearer %s\n' "$(sed -n 's/^ *token: *//p' "$WORK/kubeconfig" | head -1)" >"$WORK/auth.header"

HAVE_STATUS=1
"$ROLLDECK" status --help >/dev/null 2>&1 || HAVE_STATUS=0

now_ms() { date +%s%3N; }

# run NAME OUTFILE COMMAND...: appends "NAME ms bytes exit cpu-ms rss-kB" to $WORK/times
run() {
    name=$1
    out=$2
    shift 2
    start=$(now_ms)
    set +e
    "$TIME" -f '%U %S %M' -o "$WORK/rusage" "$@" >"$out" 2>"$WORK/err"
    code=$?
    set -e
    end=$(now_ms)
    bytes=$(wc -c <"$out")
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$WORK/rusage")
    rss=$(awk '{ print $3 }' "$WORK/rusage")
    echo "$name $((end - start)) $bytes $code $cpu $rss" >>"$WORK/times"
    printf '  %-8s run: %6d ms  cpu %6d ms  rss %7d kB  %10d bytes  exit %d\n' "$name" $((end - start)) "$cpu" \
        "$rss" "$bytes" "$code"
}

echo "fleet: $FLEET rollouts on $(sed -n 's/.*"kube":"\([^"]*\)".*/\1/p' "$WORK/sim.out"), $RUNS runs each"
# One unmeasured call each: kubectl's discovery cache and the simulator's first serialisation are not the point.
"$KUBECTL" get rollouts.argoproj.io -A -o json >/dev/null 2>&1 || true
[ $HAVE_STATUS = 1 ] && { "$ROLLDECK" status -A --json >/dev/null 2>&1 || true; }
curl_list() {
    curl -sS --fail --cacert "$WORK/ca.pem" -H @"$WORK/auth.header" "$SERVER/apis/argoproj.io/v1alpha1/rollouts"
}
curl_list >/dev/null 2>&1 || true
r=0
while [ $r -lt "$RUNS" ]; do
    run curl "$WORK/curl.json" curl -sS --fail --cacert "$WORK/ca.pem" -H @"$WORK/auth.header" \
        "$SERVER/apis/argoproj.io/v1alpha1/rollouts"
    run kubectl "$WORK/kubectl.json" "$KUBECTL" get rollouts.argoproj.io -A -o json
    if [ $HAVE_STATUS = 1 ]; then
        # Exit status 1 only says that something needs attention.
        run rolldeck "$WORK/rolldeck.json" "$ROLLDECK" status -A --json
    fi
    r=$((r + 1))
done

echo
printf '%-44s %5s %9s %9s %7s %7s %8s %12s\n' "command" "runs" "median ms" "cpu ms" "min ms" "max ms" "max MB" \
    "output bytes"
median_of() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for name in curl kubectl rolldeck; do
    grep "^$name " "$WORK/times" >"$WORK/$name.times" || true
    [ -s "$WORK/$name.times" ] || continue
    n=$(wc -l <"$WORK/$name.times")
    median=$(cut -d' ' -f2 "$WORK/$name.times" | median_of)
    cpu=$(cut -d' ' -f5 "$WORK/$name.times" | median_of)
    min=$(cut -d' ' -f2 "$WORK/$name.times" | sort -n | head -1)
    max=$(cut -d' ' -f2 "$WORK/$name.times" | sort -n | tail -1)
    rss=$(cut -d' ' -f6 "$WORK/$name.times" | sort -n | tail -1)
    bytes=$(tail -1 "$WORK/$name.times" | cut -d' ' -f3)
    case $name in
    curl) label="curl GET .../rollouts (one LIST)" ;;
    kubectl) label="kubectl get rollouts.argoproj.io -A -o json" ;;
    rolldeck) label="rolldeck status -A --json" ;;
    esac
    printf '%-44s %5d %9d %9d %7d %7d %8d %12d\n' "$label" "$n" "$median" "$cpu" "$min" "$max" $((rss / 1024)) "$bytes"
    eval "median_$name=$median"
    eval "rss_$name=$rss"
done
if [ -n "${median_rolldeck:-}" ] && [ "${median_curl:-0}" -gt 0 ]; then
    awk -v r="$median_rolldeck" -v c="$median_curl" -v m="$rss_rolldeck" 'BEGIN {
        printf "rolldeck status: %.2f x curl (aim: at most 2), peak %.0f MB (aim: under 60)\n", r / c, m / 1024 }'
fi
if [ $HAVE_STATUS = 0 ]; then
    echo "(this rolldeck has no 'status' command yet: only kubectl was timed)"
else
    kc=$(grep -c '"kind": *"Rollout"' "$WORK/kubectl.json" || true)
    echo "kubectl listed $kc rollouts; rolldeck status printed $(wc -c <"$WORK/rolldeck.json") bytes"
fi
