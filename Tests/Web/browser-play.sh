#!/usr/bin/env bash
# Plays a `practicum serve` session in headless Chromium, as two students would (one on a 360x800 phone with
# touch, one on a 1280x900 desktop) and as the instructor would, and saves screenshots of each page kind.
#
# It builds practicum (debug), makes a temporary practice session of jordan-after-lunch (a content warning, a
# reflection, feedback after each choice and the debrief at the end) for two students with sign-in codes,
# starts `practicum serve DIR --port 0` on 127.0.0.1, and runs Tests/Web/browser-play.mjs (node 20 with its
# built-in WebSocket, speaking the Chrome DevTools Protocol to /usr/bin/chromium; no npm package). Each
# student signs in by typing into the labelled fields, reads the content warning, starts, plays to the ending
# (one step by keyboard only: Tab to the choice, then Space or Enter, every focused element showing its focus
# ring; a reflection typed where the case asks), sees the debrief and signs out; the instructor signs in with
# the token printed by serve and sees the class. It fails (exit 1, a line saying where) when a step does not
# find what it expects, when a page scrolls sideways at 360 px, when the console shows an error or a CSP
# violation, or when a focused element shows no outline. Not part of `swift test`: it needs Chromium and node.
# Look at the pictures too.
#
#   bash Tests/Web/browser-play.sh [OUT-DIR]      (default docs/images/serve)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/docs/images/serve}" && cd "${1:-$root/docs/images/serve}" && pwd)"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
for tool in node "$chromium_bin"; do
    command -v "$tool" >/dev/null || { echo "browser-play: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/practicum-browser-play.XXXXXX)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> building practicum"
swift build --package-path "$root" --product practicum >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
practicum="$root/.build/debug/practicum"
export PRACTICUM_CONTENT="$root/Content" PRACTICUM_SCENARIOS="$root/Scenarios"

case_id="jordan-after-lunch"
echo "==> a practice session of $case_id for two students"
printf 'id,name,email\n2301501,Sri Wahyuni,sri@kampus.ac.id\n2301502,Marcus Okafor,marcus@kampus.ac.id\n' >"$work/class.csv"
"$practicum" session new --scenario "$case_id" --roster "$work/class.csv" --out "$work/week5" --id week5 \
    --mode practice --feedback immediate --attempts 2 >/dev/null
"$practicum" session codes "$work/week5" >"$work/codes.txt" 2>"$work/codes.err"
# `session codes` prints a table: id name... code (the code is the last word of a student's line).
students_json="$(awk '$1 ~ /^23015/ { printf "%s{\"id\":\"%s\",\"code\":\"%s\"}", (n++ ? "," : ""), $1, $NF }' "$work/codes.txt")"
[ "$(grep -c '^23015' "$work/codes.txt")" = 2 ] || { echo "browser-play: session codes printed no code for each student:" >&2; cat "$work/codes.txt" >&2; exit 1; }

# A strong path through the case, as choice ids (scene#n): the students pick these where they are on offer.
path_ids="$("$practicum" play "$case_id" --choices 3,1,4,2,3,4,2,2,1,2,2,2,2 --mode graded --json 2>/dev/null \
    | grep -o '"[a-z0-9-]*#[0-9]*"' | sort -u | paste -sd, -)"
[ -n "$path_ids" ] || { echo "browser-play: no choice ids from 'practicum play --json'" >&2; exit 1; }

echo "==> practicum serve (127.0.0.1, a free port)"
"$practicum" serve "$work/week5" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
url="" token=""
for _ in $(seq 1 100); do
    url="$(awk '/^Students open/ { getline; print $1; exit }' "$work/serve.out")"
    token="$(awk '$1 == "token:" { print $2; exit }' "$work/serve.out")"
    [ -n "$url" ] && [ -n "$token" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "browser-play: serve stopped:" >&2; cat "$work/serve.err" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] && [ -n "$token" ] || { echo "browser-play: serve printed no URL and token in 10 s" >&2; exit 1; }
case "$url" in http://127.0.0.1:*) ;; *) echo "browser-play: serve listens on $url, not 127.0.0.1" >&2; exit 1 ;; esac
echo "    $url"

cat >"$work/config.json" <<EOF
{ "url": "$url", "token": "$token", "students": [$students_json], "outDir": "$out",
  "preferred": [$path_ids],
  "reflection": "Her child's safety: that Jordan thought of dying today, the pills, and the plan we made. Jordan's gender identity is theirs to tell, when and if they choose.",
  "chromium": "$chromium_bin" }
EOF
echo "==> headless Chromium"
timeout 180 node --experimental-websocket --no-warnings "$root/Tests/Web/browser-play.mjs" "$work/config.json"

# Keep the pictures small for the repository: a 64-colour palette is plenty for text on flat colours.
if command -v pngquant >/dev/null; then
    pngquant --force --skip-if-larger --strip --speed 1 --ext .png 64 "$out"/*.png || true
else
    echo "    (pngquant is not installed: the screenshots are kept as Chromium made them, larger)"
fi
du -ch "$out"/*.png | tail -1 | sed 's/total/in all/; s/^/    screenshots: /'
echo "==> OK: look at the screenshots in $out"
