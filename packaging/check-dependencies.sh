#!/usr/bin/env bash
# Proves that a fresh machine gets everything the build and the tests use from dev.sh's package list.
#
#   check-dependencies.sh --dev-sh FILE --build DIR [--program NAME]... [--file PATH]...
#
# The files checked: the package config file behind every *_DIR entry of DIR/CMakeCache.txt, every library
# the link lines of DIR/build.ninja name by path, every shared library an executable or library in DIR links (ldd),
# every --program (found on PATH) and every --file (loaded at run time). Each must belong to a Debian package
# (dpkg -S) that dev.sh lists or that those pull in (apt-cache depends --recurse, no recommends). A failure
# names the missing package and the file that needed it. Exit status: 0 all found, 1 something missing, 2 usage.
set -uo pipefail

dev_sh='' build='' programs=() files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dev-sh) dev_sh=$2; shift 2 ;;
        --build) build=$2; shift 2 ;;
        --program) programs+=("$2"); shift 2 ;;
        --file) files+=("$2"); shift 2 ;;
        *) echo "check-dependencies: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$dev_sh" ] || [ -z "$build" ] || [ ! -f "$build/CMakeCache.txt" ]; then
    echo "usage: check-dependencies.sh --dev-sh FILE --build DIR [--program NAME]... [--file PATH]..." >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. The packages dev.sh installs, and everything they pull in.
if ! bash "$dev_sh" packages >"$tmp/listed" || [ ! -s "$tmp/listed" ]; then
    echo "check-dependencies: '$dev_sh packages' printed no package list" >&2
    exit 2
fi
# shellcheck disable=SC2046
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances $(cat "$tmp/listed") 2>/dev/null |
    sed -n 's/^\([^ ].*\)$/\1/p; s/^ *|\{0,1\}\(Pre\)\{0,1\}Depends: //p' |
    sed 's/^<\(.*\)>$/\1/; s/:.*$//' | sort -u >"$tmp/closure"
sort -u "$tmp/listed" >>"$tmp/closure"
# Essential packages are on every Debian system (bsdutils' script, coreutils, ...).
dpkg-query -W -f='${Package} ${Essential}\n' 2>/dev/null | awk '$2 == "yes" { print $1 }' >>"$tmp/closure"
sort -u -o "$tmp/closure" "$tmp/closure"

# 2. The files, each with why it is needed ("PATH<TAB>WHY").
need() { printf '%s\t%s\n' "$1" "$2" >>"$tmp/needed"; }
: >"$tmp/needed"
while IFS= read -r line; do
    name=${line%%:*}
    value=${line#*=}
    [ -d "$value" ] || continue
    config=$(find "$value" -maxdepth 1 \( -name '*Config.cmake' -o -name '*-config.cmake' \) | sort | head -n 1)
    [ -n "$config" ] && need "$config" "CMakeCache.txt entry $name"
done < <(grep -E '^[A-Za-z0-9_.+-]+_DIR:PATH=/' "$build/CMakeCache.txt")
# Libraries the link lines name by path (development packages: libssl.so, libyaml-cpp.so, ...).
while IFS= read -r lib; do
    [ -e "$lib" ] && need "$lib" "linked by the build (build.ninja)"
done < <(grep -ohE '/[^ $:]+\.(so|a)\b' "$build"/build.ninja "$build"/*/build.ninja 2>/dev/null | grep -vF "$build" | sort -u)

# Headers the compiler read from the system: a header-only library (Boost.Math, dtl) leaves no other trace.
command -v ninja >/dev/null && while IFS= read -r header; do
    need "$header" "included by the build (ninja -t deps)"
done < <(ninja -C "$build" -t deps 2>/dev/null | sed -n 's|^ *\(/usr/[^ ]*\)$|\1|p' | sort -u)

ldd_into_needed() { # FILE WHY
    ldd "$1" 2>/dev/null | while read -r lib arrow path _; do
        [ "$arrow" = '=>' ] || continue
        if [ "$path" = not ]; then
            printf 'MISSING\t%s: library %s not found\n' "$2" "$lib" >>"$tmp/needed"
        elif [[ $path == /* ]]; then
            need "$path" "$2"
        fi
    done
}
while IFS= read -r -d '' f; do
    [ "$(head -c 4 "$f" 2>/dev/null | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    ldd_into_needed "$f" "linked by ${f#"$build"/}"
done < <(find "$build" -type f \( -perm -u+x -o -name '*.so' -o -name '*.so.*' \) -not -path '*/CMakeFiles/*' -print0)

for p in "${programs[@]}"; do
    path=$(command -v "$p" 2>/dev/null)
    if [ -z "$path" ]; then
        printf 'MISSING\tprogram %s, which the tests run, is not on PATH\n' "$p" >>"$tmp/needed"
    else
        need "$path" "program the tests run"
    fi
done
for f in "${files[@]}"; do
    if [ -e "$f" ]; then
        need "$f" "loaded at run time"
        [ -f "$f" ] && [[ $f == *.so ]] && ldd_into_needed "$f" "linked by $f (loaded at run time)"
    else
        printf 'MISSING\t%s, loaded at run time, does not exist\n' "$f" >>"$tmp/needed"
    fi
done
sort -t "$(printf '\t')" -k1,1 -u -o "$tmp/needed" "$tmp/needed"

# 3. Who owns each file. Paths are tried as given, resolved, and with /usr merged or split. Every path is read at
# once (one dpkg -S; lookups in memory), so the check stays linear in the number of files.
declare -A resolved
while IFS=$'\t' read -r given real; do
    resolved[$given]=$real
done < <(cut -f1 "$tmp/needed" | grep -v '^MISSING$' >"$tmp/given"
         xargs -a "$tmp/given" -d '\n' readlink -m | paste "$tmp/given" -) # -m: one line out for every path in
variants() { # PATH: sets the array `tried`
    local p=$1 r=${resolved[$1]:-} q
    tried=("$p")
    [ -n "$r" ] && tried+=("$r")
    for q in "$p" "$r"; do
        case "$q" in /usr/lib/* | /usr/bin/* | /usr/sbin/*) tried+=("${q#/usr}") ;; /lib/* | /bin/* | /sbin/*) tried+=("/usr$q") ;; esac
    done
}
for p in "${!resolved[@]}"; do
    variants "$p"
    printf '%s\n' "${tried[@]}"
done | sort -u >"$tmp/paths"
xargs -a "$tmp/paths" -d '\n' dpkg -S 2>/dev/null | grep -v '^diversion ' >"$tmp/owners"
# path -> its packages ("a, b"), and the closure as a set.
declare -A owner_of in_closure
while IFS=$'\t' read -r owned packages; do
    [ -n "${owner_of[$owned]:-}" ] || owner_of[$owned]=$packages
done < <(awk '{ i = index($0, ": "); if (i) print substr($0, i + 2) "\t" substr($0, 1, i - 1) }' "$tmp/owners")
while IFS= read -r pkg; do in_closure[$pkg]=1; done <"$tmp/closure"

failures=0 checked=0
while IFS=$'\t' read -r path why; do
    if [ "$path" = MISSING ]; then
        echo "MISSING: $why"
        failures=$((failures + 1))
        continue
    fi
    checked=$((checked + 1))
    owners=''
    variants "$path"
    for v in "${tried[@]}"; do
        owners=${owner_of[$v]:-}
        [ -n "$owners" ] && break
    done
    if [ -z "$owners" ]; then
        echo "MISSING: $path ($why) belongs to no Debian package, so a fresh machine would not have it"
        failures=$((failures + 1))
        continue
    fi
    found=''
    for o in ${owners//,/ }; do
        o=${o%%:*}
        [ -n "${in_closure[$o]:-}" ] && found=$o && break
    done
    if [ -z "$found" ]; then
        first=${owners%%,*}
        echo "MISSING: package ${first%%:*} is not in dev.sh's PACKAGES nor pulled in by them; $path needs it ($why)"
        failures=$((failures + 1))
    fi
done <"$tmp/needed"

echo "check-dependencies: $checked files, $(wc -l <"$tmp/listed") listed packages ($(wc -l <"$tmp/closure") with what they pull in), $failures missing"
[ "$failures" -eq 0 ]
