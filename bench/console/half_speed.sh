#!/bin/bash
# Runs a program as on a machine half as fast: each of its threads gets at most half a core, in slices of 1 ms
# (the CPU bandwidth controller: the main thread alone 1 ms of CPU per 2 ms, the other threads together 2 ms per
# 2 ms). The main thread's events then take twice their wall time, as they would on a CPU of half the speed.
#   ROLLDECK="bench/console/half_speed.sh build/app/rolldeck" bench/console/bench_console.sh build
# Needs a writable cgroup v1 cpu controller (root); says so and runs nothing otherwise.
set -eu
CG=${HALF_SPEED_CGROUP:-/sys/fs/cgroup/cpu}
if ! mkdir -p "$CG/rolldeck-half-gui" "$CG/rolldeck-half-rest" 2>/dev/null ||
    [ ! -w "$CG/rolldeck-half-gui/cpu.cfs_quota_us" ]; then
    echo "half_speed: no writable cgroup v1 cpu controller at $CG (run as root, or set HALF_SPEED_CGROUP)" >&2
    exit 2
fi
echo 2000 >"$CG/rolldeck-half-gui/cpu.cfs_period_us"
echo 1000 >"$CG/rolldeck-half-gui/cpu.cfs_quota_us"
echo 2000 >"$CG/rolldeck-half-rest/cpu.cfs_period_us"
echo 2000 >"$CG/rolldeck-half-rest/cpu.cfs_quota_us"
echo $$ >"$CG/rolldeck-half-rest/tasks"
me=$$
# Threads are born in the cgroup of the thread that starts them: sort them again every 100 ms while the program runs.
(
    while [ -d "/proc/$me/task" ]; do
        for t in /proc/"$me"/task/*; do
            tid=${t##*/}
            if [ "$tid" = "$me" ]; then
                echo "$tid" >"$CG/rolldeck-half-gui/tasks" 2>/dev/null || true
            else
                echo "$tid" >"$CG/rolldeck-half-rest/tasks" 2>/dev/null || true
            fi
        done
        sleep 0.1
    done
) &
exec "$@"
