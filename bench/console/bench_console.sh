#!/bin/sh
# The whole console window (offscreen) against the 5,000-rollout fleet, and its start-up on the demo cluster.
#   bench/console/bench_console.sh [BUILD_DIR] [FLEET_SIZE] [SECONDS] [DEMO_RUNS]
# ROLLDECK=/path/to/rolldeck measures another build (before/after a change); HALF_SPEED=1 runs the fleet's console
# with each thread held to half a core (half_speed.sh: a machine half as fast; needs root); EVENT_RATE=R has the simulator keep
# modifying R fleet rollouts a second after its start (default 200), so the stream does not end with the sync;
# KEEP_PICTURE=FILE keeps the window's picture at the end of the fleet run (to see the timeline counting down).
# Fleet: rolldeck-sim (nice 19: it stands in for a remote API server) serves the fleet, and kubectl adds one more
# rollout, bench/timed-pause, paused at a 9-minute timed pause (the fleet's own are all finished); rolldeck runs its
# real window with that rollout's detail open for SECONDS, so its step timeline counts the pause down every second
# while the fleet streams in, with rolldeck.perf logging on (debug level: every stall over 16 ms, with the event the
# GUI thread ran longest in it, goes to fleet-stalls.log in the current directory; those before the window was first
# painted, its start-up, to fleet-startup.log). Its PerfProbe (app/gui) logs the
# longest GUI event-loop stall, the rows, when the last row arrived, the deliveries per second and resident memory.
# Demo: DEMO_RUNS starts of `rolldeck --demo` under xvfb-run, each quit after 5 s: the median of
# "first paint after N ms" and resident memory. Prints the load average next to every figure.
set -eu

BUILD=${1:-build}
FLEET=${2:-5000}
SECONDS_RUN=${3:-25}
DEMO_RUNS=${4:-5}
SIM="$BUILD/sim/rolldeck-sim"
ROLLDECK=${ROLLDECK:-$BUILD/app/rolldeck}
EVENT_RATE=${EVENT_RATE:-200}

for tool in "$SIM" "$ROLLDECK" "$(command -v kubectl || echo kubectl)"; do
    [ -x "$tool" ] || { echo "bench_console: $tool not built" >&2; exit 2; }
done

WORK=$(mktemp -d)
SIM_PID=
cleanup() {
    [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

load() { cut -d' ' -f1-3 /proc/loadavg; }

# A fresh home for every run: no settings, no audit log, no workspace of the user's.
fresh_home() {
    rm -rf "$WORK/home"
    mkdir -p "$WORK/home/config" "$WORK/home/data" "$WORK/home/cache"
    export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/config" XDG_DATA_HOME="$WORK/home/data" \
        XDG_CACHE_HOME="$WORK/home/cache"
}
unset HTTPS_PROXY HTTP_PROXY https_proxy http_proxy

nice -n 19 "$SIM" --tls --scenario fleet --fleet-size "$FLEET" --event-rate "$EVENT_RATE" \
    --kubeconfig-out "$WORK/kubeconfig" >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
i=0
until [ -s "$WORK/sim.out" ] && [ -s "$WORK/kubeconfig" ]; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 "$SIM_PID" 2>/dev/null; then
        echo "bench_console: rolldeck-sim did not start:" >&2
        cat "$WORK/sim.err" >&2
        exit 1
    fi
    sleep 0.1
done

# The rollout whose detail is open: a canary at its timed pause, started now (no controller runs on the fleet, so
# its status is written as the controller would write it). Its timeline counts down to the second for 9 minutes.
kubectl --kubeconfig "$WORK/kubeconfig" create -f - >/dev/null <<'YAML'
apiVersion: v1
kind: Namespace
metadata: {name: bench}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: timed-pause, namespace: bench}
spec:
  replicas: 5
  selector: {matchLabels: {app: timed-pause}}
  template:
    metadata: {labels: {app: timed-pause}}
    spec: {containers: [{name: app, image: "registry.example.com/timed-pause:1.1.0"}]}
  strategy:
    canary:
      steps: [{setWeight: 20}, {pause: {duration: 9m}}, {setWeight: 50}, {pause: {duration: 9m}}, {setWeight: 80}]
YAML
NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
kubectl --kubeconfig "$WORK/kubeconfig" -n bench patch rollout timed-pause --subresource=status --type=merge \
    -p "{\"status\": {\"phase\": \"Paused\", \"message\": \"CanaryPauseStep\", \"currentStepIndex\": 1,
         \"controllerPause\": true, \"replicas\": 5, \"readyReplicas\": 5, \"availableReplicas\": 5,
         \"updatedReplicas\": 1, \"observedGeneration\": \"1\",
         \"pauseConditions\": [{\"reason\": \"CanaryPauseStep\", \"startTime\": \"$NOW\"}],
         \"canary\": {\"weights\": {\"canary\": {\"weight\": 20}, \"stable\": {\"weight\": 80}}}}}" >/dev/null

echo "fleet of $FLEET rollouts (simulator modifying $EVENT_RATE a second), detail of bench/timed-pause open (its"
echo "timeline counting a timed pause down), window 1600x1000 offscreen, $SECONDS_RUN s; load before: $(load)"
fresh_home
SLOWER=
[ -n "${HALF_SPEED:-}" ] && SLOWER="$(dirname "$0")/half_speed.sh" && echo "  at half speed: each thread at most half a core"
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="rolldeck.perf=true;rolldeck.perf.debug=true" $SLOWER "$ROLLDECK" \
    --kubeconfig "$WORK/kubeconfig" --rollout bench/timed-pause --screenshot "$WORK/fleet.png" \
    --screenshot-after "$SECONDS_RUN" --screenshot-size 1600x1000 >"$WORK/fleet.out" 2>"$WORK/fleet.err" || true
grep 'perf: stall at' "$WORK/fleet.err" >fleet-stalls.log || true
grep 'start-up stall at' "$WORK/fleet.err" >fleet-startup.log || true
# The timeline must have been counting down: the picture shows the pause's time left.
[ -n "${KEEP_PICTURE:-}" ] && cp "$WORK/fleet.png" "$KEEP_PICTURE"
grep -q 'probe at' "$WORK/fleet.err" || { echo "bench_console: no probe lines:" >&2; cat "$WORK/fleet.err" >&2; exit 1; }
LOAD=$(load)
# The last probe line before the window closed; the first one that saw every row.
last=$(grep 'probe at' "$WORK/fleet.err" | tail -1)
echo "  $(grep -o 'first paint after [0-9]* ms' "$WORK/fleet.err" | head -1) (load $LOAD)"
echo "  ${last#*probe at } (load $LOAD)"
ROWS=$((FLEET + 1)) # and bench/timed-pause
all=$(grep "probe at.*: $ROWS rows" "$WORK/fleet.err" | head -1 || true)
[ -n "$all" ] && echo "  all $ROWS rows: $(echo "$all" | sed -n 's/.*last row at \([0-9]*\) ms.*/\1/p') ms after the window was built"
echo "  start-up until the window's first paint: $(sed -n 's/.*start-up until the window.s first paint \([^;]*\);.*/\1/p' \
    "$WORK/fleet.err" | tail -1)"
echo "  stalls over 16 ms after it: $(wc -l <fleet-stalls.log) (fleet-stalls.log); the five that ran longest:"
sed -n 's/.*stall at \([0-9]*\) ms: \([0-9.]*\) ms (\([0-9.]*\) ms running); longest event in it \(.*\)/\3 \1 \2 \4/p' \
    fleet-stalls.log | sort -rn | head -5 |
    awk '{ printf "    at %s ms: %s ms, %s ms running; longest event", $2, $3, $1; for (i = 4; i <= NF; ++i) printf " %s", $i; print "" }'
echo "  events that ran 2 ms or more after start-up, by kind (count, longest):"
sed -n 's/.*heavy events: \([0-9]*\) of \(.*\) ran 2 ms or more, the longest \([0-9.]*\) ms/\3 \1 \2/p' "$WORK/fleet.err" |
    sort -rn | awk '{ printf "    %s ms longest, %s times:", $1, $2; for (i = 3; i <= NF; ++i) printf " %s", $i; print "" }'
kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
SIM_PID=

[ "$DEMO_RUNS" -gt 0 ] || exit 0
command -v xvfb-run >/dev/null || { echo "bench_console: no xvfb-run" >&2; exit 2; }
echo "demo: $DEMO_RUNS starts under xvfb-run, first paint and resident memory; load before: $(load)"
: >"$WORK/paints"
n=0
while [ $n -lt "$DEMO_RUNS" ]; do
    n=$((n + 1))
    fresh_home
    QT_LOGGING_RULES="rolldeck.perf=true" xvfb-run -a -s "-screen 0 1920x1080x24" "$ROLLDECK" --demo \
        --screenshot "$WORK/demo.png" --screenshot-after 5 --screenshot-size 1600x1000 \
        >"$WORK/demo.out" 2>"$WORK/demo.err" || true
    paint=$(sed -n 's/.*first paint after \([0-9]*\) ms.*/\1/p' "$WORK/demo.err" | head -1)
    rss=$(grep 'probe at' "$WORK/demo.err" | tail -1 | sed -n 's/.*resident \([0-9.]*\) MB.*/\1/p')
    echo "  run $n: first paint after ${paint:-?} ms, resident ${rss:-?} MB (load $(load))"
    echo "${paint:-999999}" >>"$WORK/paints"
done
median=$(sort -n "$WORK/paints" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "  median first paint: $median ms (load $(load))"
