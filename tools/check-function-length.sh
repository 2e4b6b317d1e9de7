#!/bin/sh
# Fails when a function (or lambda) in the given folders is longer than LIMIT lines, naming each one:
#   tools/check-function-length.sh [LIMIT] [DIR...]      (default: 250 app ui models sim, from the source root)
# Function extents come from Universal Ctags (--fields=+ne: start and end line of every definition, .h included).
set -eu

LIMIT=${1:-250}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- app ui models sim

command -v ctags >/dev/null || { echo "check-function-length: ctags (universal-ctags) is not installed" >&2; exit 2; }
ctags --version 2>/dev/null | grep -q 'Universal Ctags' ||
    { echo "check-function-length: needs Universal Ctags, not $(command -v ctags)" >&2; exit 2; }

# One line per function definition: "file start end scope::name".
ctags -R -o - --languages=C++ --langmap=C++:+.h --kinds-C++=f --fields=+ne --extras=-F "$@" |
    awk -F '\t' -v limit="$LIMIT" '
    {
        start = 0; end = 0; scope = ""
        for (i = 4; i <= NF; i++) {
            if ($i ~ /^line:/) start = substr($i, 6)
            else if ($i ~ /^end:/) end = substr($i, 5)
            else if ($i ~ /^(class|struct|namespace|function):/) { scope = $i; sub(/^[a-z]+:/, "", scope) }
        }
        if (start == 0 || end == 0) next
        n = end - start + 1
        if (n > limit) {
            name = (scope == "" ? $1 : scope "::" $1)
            printf "%s:%d: %s is %d lines (limit %d)\n", $2, start, name, n, limit
            bad++
        }
        total++
    }
    END {
        if (total == 0) { print "check-function-length: ctags found no functions" > "/dev/stderr"; exit 2 }
        if (bad > 0) { printf "%d of %d functions are longer than %d lines\n", bad, total, limit; exit 1 }
        printf "%d functions, none longer than %d lines\n", total, limit
    }'
