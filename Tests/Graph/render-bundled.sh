#!/bin/sh
# Draws every bundled case, and both starter cases of 'practicum new', with Graphviz: 'practicum graph' must
# write dot that 'dot -Tsvg' reads without an error or a warning. Needs Graphviz (apt-get install graphviz);
# the unit tests check the text's structure and never need it.
#
#   Tests/Graph/render-bundled.sh [path/to/practicum]
set -eu
cd "$(dirname "$0")/../.."
practicum=${1:-.build/debug/practicum}
command -v dot >/dev/null || { echo "render-bundled: Graphviz 'dot' is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$practicum" new starter-en --dir "$work" >/dev/null
"$practicum" new starter-id --lang id --dir "$work" >/dev/null
failed=0
for case in Scenarios/*.scenario "$work"/starter-en.scenario "$work"/starter-id.scenario; do
    name=$(basename "$case" .scenario)
    "$practicum" graph "$case" --output "$work/$name.dot" 2>/dev/null
    "$practicum" graph "$case" --path 1 --output "$work/$name-path.dot" 2>/dev/null
    for file in "$work/$name.dot" "$work/$name-path.dot"; do
        if ! dot -Tsvg "$file" -o "$file.svg" 2>"$work/dot.err" || [ -s "$work/dot.err" ]; then
            echo "render-bundled: $case: dot could not draw $(basename "$file"):" >&2
            cat "$work/dot.err" >&2
            failed=1
        fi
    done
done
[ "$failed" = 0 ] && echo "render-bundled: every case drawn"
exit "$failed"
