#!/usr/bin/env bash
# CI-sized fuzzing (docs/fuzzing.md): configures and builds the libFuzzer targets with clang in a build directory
# of their own, then runs each for BUDGET seconds (as many at once as there are cores; ROLLDECK_FUZZ_JOBS), seeded
# from tests/fuzz/corpus and tests/fixtures. Fails if any
# target reports a crash, a sanitizer finding, a leak, a timeout or running out of memory.
#   run-fuzz.sh SOURCE_DIR BUILD_DIR [BUDGET_SECONDS] [TARGET...]
set -euo pipefail
src=$(cd "$1" && pwd)
build=$2
budget=${3:-60}
shift $(($# < 3 ? $# : 3))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_dump fuzz_kubeconfig fuzz_workspace fuzz_watch fuzz_list fuzz_scenario fuzz_condition
                                     fuzz_promresponse fuzz_judgeinput fuzz_abtestinput fuzz_abexperiment
                                     fuzz_argocdstream fuzz_credentials fuzz_manageddiff)

if ! command -v clang++ >/dev/null; then
    echo "run-fuzz: clang++ not found; ./dev.sh installs clang and libclang-rt-14-dev" >&2
    exit 1
fi
start=$(date +%s)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ "${ROLLDECK_FUZZ_NO_BUILD:-}" = 1 ]; then
    : # run what is built (a rerun, or binaries built some other way)
elif [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DROLLDECK_FUZZ=ON -DROLLDECK_BUILD_BENCH=OFF "${launcher[@]}" >"$build.configure.log" 2>&1 ||
        { cat "$build.configure.log" >&2; exit 1; }
fi
[ "${ROLLDECK_FUZZ_NO_BUILD:-}" = 1 ] || cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
built=$(date +%s)
echo "run-fuzz: built in $((built - start)) s"

# Seeds: small committed inputs per target, plus real files where the repository has them.
seed_dirs() {
    local target=$1
    echo "$src/tests/fuzz/corpus/${target#fuzz_}"
    case $target in
        fuzz_dump) echo "$src/tests/fixtures/argo-rollouts" ;;
        fuzz_promresponse) echo "$src/tests/fixtures/prometheus/from-openapi-examples" ;;
    esac
}

export QT_LOGGING_RULES="*.debug=false;*.info=false;*.warning=false"
export ASAN_OPTIONS="allocator_may_return_null=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# One target: runs it for the budget, prints one summary line, and exits with the fuzzer's status.
run_one() {
    local target=$1 corpus="$build/corpus/$1" artifacts="$build/artifacts/$1" log="$build/$1.log" rc
    mkdir -p "$corpus" "$artifacts"
    [ "$target" = fuzz_workspace ] && cp "$src/docs/workspace.example.yaml" "$corpus/seed-workspace.example.yaml"
    local seeds dict=(-dict="$src/tests/fuzz/yaml.dict")
    [ "$target" = fuzz_watch ] || [ "$target" = fuzz_list ] && dict=(-dict="$src/tests/fuzz/json.dict")
    [ "$target" = fuzz_condition ] && dict=(-dict="$src/tests/fuzz/expr.dict")
    case "$target" in
    fuzz_promresponse | fuzz_judgeinput | fuzz_abtestinput | fuzz_abexperiment | fuzz_argocdstream | fuzz_manageddiff)
        dict=(-dict="$src/tests/fuzz/json.dict") ;;
    esac
    mapfile -t seeds < <(seed_dirs "$target")
    set +e
    "$build/tests/fuzz/$target" -max_total_time="$budget" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
    rc=$?
    set -e
    local execs last cov ft
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    echo "run-fuzz: $target: ${execs:-?} executions in ${budget} s, cov ${cov:-?}, ft ${ft:-?}, corpus $(ls "$corpus" | wc -l), exit $rc"
    if [ $rc -ne 0 ]; then
        tail -n 60 "$log" >&2
        echo "run-fuzz: $target: inputs that failed are in $artifacts (keep each as a regression case)" >&2
    fi
    return $rc
}

# As many targets at a time as there are cores: each fuzzer is one process.
jobs=${ROLLDECK_FUZZ_JOBS:-$(nproc)}
failed=()
declare -A running=()
for target in "${targets[@]}"; do
    while [ ${#running[@]} -ge "$jobs" ]; do
        status=0
        wait -n -p done_pid || status=$?
        for t in "${!running[@]}"; do
            if [ "${running[$t]}" = "$done_pid" ]; then
                [ "$status" -eq 0 ] || failed+=("$t")
                unset "running[$t]"
            fi
        done
    done
    run_one "$target" &
    running[$target]=$!
done
for t in "${!running[@]}"; do
    wait "${running[$t]}" || failed+=("$t")
done
echo "run-fuzz: total $(($(date +%s) - start)) s"
[ ${#failed[@]} -eq 0 ] || { echo "run-fuzz: failed: ${failed[*]}" >&2; exit 1; }
