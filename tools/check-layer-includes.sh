#!/usr/bin/env bash
# Checks the layer rules (docs/architecture.md) on every quoted #include of the source tree:
#   - an include that reaches into another layer names it ("models/...", "ui/...", "app/...", "sim/...");
#   - dependencies run one way: models/ includes no other layer, ui/ only models/, sim/ none, and app/
#     reaches sim/ only from app/demo/ (the embedded demo cluster).
# Usage: check-layer-includes.sh SOURCE_DIR. Prints each violation as FILE:LINE: why; exit 1 if any.
set -uo pipefail
root=${1:?usage: check-layer-includes.sh SOURCE_DIR}
cd "$root" || exit 2
layers=(models ui app sim)

allowed() { # FROM_FILE TO_LAYER -> 0 if FROM_FILE's layer may include TO_LAYER
    local from=${1%%/*} to=$2
    [ "$from" = "$to" ] && return 0
    case "$from" in
        models | sim) return 1 ;;
        ui) [ "$to" = models ] ;;
        app) [ "$to" = models ] || [ "$to" = ui ] || { [ "$to" = sim ] && [[ $1 == app/demo/* ]]; } ;;
        *) return 0 ;; # tests, bench, tools
    esac
}

violations=0
while IFS=: read -r file line text; do
    name=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/' <<<"$text")
    dir=$(dirname "$file")
    first=${name%%/*}
    target=''
    if [[ " ${layers[*]} " == *" $first "* ]] && [ -e "$name" ]; then
        target=$first
    elif [ -e "$dir/$name" ]; then
        continue # beside the file (or relative to it): same folder
    else
        mine=${file%%/*}
        [[ " ${layers[*]} " == *" $mine "* ]] && [ -e "$mine/$name" ] && continue # own layer, from its root
        for l in "${layers[@]}"; do
            if [ -e "$l/$name" ]; then
                echo "$file:$line: \"$name\" is in $l/; include it as \"$l/$name\""
                violations=$((violations + 1))
                target=$l
                break
            fi
        done
    fi
    if [ -n "$target" ] && ! allowed "$file" "$target"; then
        echo "$file:$line: ${file%%/*}/ may not include $target/ (\"$name\"): dependencies run one way"
        violations=$((violations + 1))
    fi
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' --include='*.h' --include='*.cpp' \
    models ui app sim tests bench tools 2>/dev/null | grep -v '^tests/fixtures/')

echo "check-layer-includes: $violations violation(s)"
[ "$violations" -eq 0 ]
