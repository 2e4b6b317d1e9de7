#!/bin/sh
# kubectl against rolldeck, same simulator, same kubeconfig, same run: the rollouts of every namespace as JSON.
#   bench/kube/compare_status.sh [BUILD_DIR] [FLEET_SIZE] [RUNS]
# Starts rolldeck-sim with the fleet scenario on loopback (HTTPS: kubectl sends no bearer token over plain HTTP),
# then times, alternating, RUNS times each:
#   kubectl get rollouts.argoproj.io -A -o json
#   rolldeck status -A --json            (skipped with a note when this rolldeck has no status command)
# and prints the wall time of each run and a table (median, min, max, output size).
set -eu

BUILD=${1:-build}
FLEET=${2:-5000}
RUNS=${3:-7}
SIM="$BUILD/sim/rolldeck-sim"
ROLLDECK="$BUILD/app/rolldeck"
KUBECTL=${KUBECTL:-kubectl}

for tool in "$SIM" "$ROLLDECK"; do
    [ -x "$tool" ] || { echo "compare_status: $tool not built" >&2; exit 2; }
done
command -v "$KUBECTL" >/dev/null || { echo "compare_status: no kubectl" >&2; exit 2; }

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

HAVE_STATUS=1
"$ROLLDECK" status --help >/dev/null 2>&1 || HAVE_STATUS=0

now_ms() { date +%s%3N; }

# run NAME OUTFILE COMMAND...: appends "NAME ms bytes exit" to $WORK/times
run() {
    name=$1
    out=$2
    shift 2
    start=$(now_ms)
    set +e
    "$@" >"$out" 2>"$WORK/err"
    code=$?
    set -e
    end=$(now_ms)
    bytes=$(wc -c <"$out")
    echo "$name $((end - start)) $bytes $code" >>"$WORK/times"
    printf '  %-8s run: %6d ms  %10d bytes  exit %d\n' "$name" $((end - start)) "$bytes" "$code"
}

echo "fleet: $FLEET rollouts on $(sed -n 's/.*"kube":"\([^"]*\)".*/\1/p' "$WORK/sim.out"), $RUNS runs each"
# One unmeasured call each: kubectl's discovery cache and the simulator's first serialisation are not the point.
"$KUBECTL" get rollouts.argoproj.io -A -o json >/dev/null 2>&1 || true
[ $HAVE_STATUS = 1 ] && { "$ROLLDECK" status -A --json >/dev/null 2>&1 || true; }
r=0
while [ $r -lt "$RUNS" ]; do
    run kubectl "$WORK/kubectl.json" "$KUBECTL" get rollouts.argoproj.io -A -o json
    if [ $HAVE_STATUS = 1 ]; then
        # Exit status 1 only says that something needs attention.
        run rolldeck "$WORK/rolldeck.json" "$ROLLDECK" status -A --json
    fi
    r=$((r + 1))
done

echo
printf '%-44s %6s %9s %9s %9s %12s\n' "command" "runs" "median ms" "min ms" "max ms" "output bytes"
for name in kubectl rolldeck; do
    grep "^$name " "$WORK/times" >"$WORK/$name.times" || true
    [ -s "$WORK/$name.times" ] || continue
    n=$(wc -l <"$WORK/$name.times")
    sorted=$(cut -d' ' -f2 "$WORK/$name.times" | sort -n)
    median=$(echo "$sorted" | awk -v n="$n" 'NR == int((n + 1) / 2) { print }')
    min=$(echo "$sorted" | head -1)
    max=$(echo "$sorted" | tail -1)
    bytes=$(tail -1 "$WORK/$name.times" | cut -d' ' -f3)
    case $name in
    kubectl) label="kubectl get rollouts.argoproj.io -A -o json" ;;
    rolldeck) label="rolldeck status -A --json" ;;
    esac
    printf '%-44s %6d %9d %9d %9d %12d\n' "$label" "$n" "$median" "$min" "$max" "$bytes"
done
if [ $HAVE_STATUS = 0 ]; then
    echo "(this rolldeck has no 'status' command yet: only kubectl was timed)"
else
    kc=$(grep -c '"kind": *"Rollout"' "$WORK/kubectl.json" || true)
    echo "kubectl listed $kc rollouts; rolldeck status printed $(wc -c <"$WORK/rolldeck.json") bytes"
fi
