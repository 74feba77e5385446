#!/usr/bin/env bash
# Builds the self-contained Practicum an instructor installs (docs/install.md) and checks it the way a
# department machine without Swift would run it.
#
#   bash Tests/Install/static-build.sh [OUT-DIR]        (default: .build/install)
#
# On Linux: `swift build -c release --static-swift-stdlib --product practicum`, then the folder
# practicum-VERSION-linux-ARCH/ (practicum, Content/, Scenarios/, README.txt) and its .tar.gz in OUT-DIR.
# Then, from a copy unpacked from that archive into a fresh temporary folder, run with a minimal environment
# (env -i PATH=/usr/bin:/bin HOME=<temporary>, the working directory elsewhere, no Swift toolchain on PATH):
# no Swift library in `ldd`, --help, list, check, a scripted play to an ending, a session made, played and
# graded, and, when the build has `serve`, `serve --library` answering its first page. Any failure stops the
# script with a message saying which check failed, and exit 1. Not part of `swift test`: it takes minutes.
# On macOS the Swift runtime is part of the system, so no static build is needed: it builds normally and stops.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/.build/install}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

step() { printf '==> %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

if [ "$(uname -s)" = Darwin ]; then
    step "macOS: the Swift runtime ships with the system, so --static-swift-stdlib is not needed (nor supported)."
    swift build --package-path "$root" -c release --product practicum
    step "built $root/.build/release/practicum; copy it with Content/ and Scenarios/ beside it (docs/install.md)."
    exit 0
fi
[ "$(uname -s)" = Linux ] || fail "this script knows Linux and macOS, not $(uname -s)"
command -v swift >/dev/null || fail "no swift on PATH: the build needs the Swift toolchain (the machine that runs it does not)"

# --- 1. Build -------------------------------------------------------------------------------------------------
step "building (release, static Swift standard library and Foundation); this takes several minutes"
swift build --package-path "$root" -c release --static-swift-stdlib --product practicum \
    || fail "swift build -c release --static-swift-stdlib failed (output above)"
binary="$(swift build --package-path "$root" -c release --static-swift-stdlib --show-bin-path)/practicum"
[ -x "$binary" ] || fail "the build left no executable at $binary"

# The name: the release tag when HEAD has one, else the program's version and the commit (git describe).
program_version="$("$binary" --version | awk '{print $2}')"
[ -n "$program_version" ] || fail "practicum --version printed no version"
if describe="$(git -C "$root" describe --tags --dirty 2>/dev/null)"; then
    version="$describe"
elif describe="$(git -C "$root" describe --always --dirty 2>/dev/null)"; then
    version="$program_version-$describe"
else
    version="$program_version"
fi
arch="$(uname -m)"

# What the machine that runs it needs: the newest glibc and libstdc++ symbol versions the program uses.
needs="glibc and libstdc++ (every desktop or server Linux has them)"
if command -v objdump >/dev/null; then
    glibc="$(objdump -T "$binary" | grep -Eo 'GLIBC_[0-9.]+' | sort -uV | tail -n 1 | cut -d_ -f2)"
    glibcxx="$(objdump -T "$binary" | grep -Eo 'GLIBCXX_[0-9.]+' | sort -uV | tail -n 1)"
    needs="glibc ${glibc:-?} or later${glibcxx:+ and a libstdc++ with $glibcxx}"
fi
name="practicum-$version-linux-$arch"

# --- 2. Assemble ----------------------------------------------------------------------------------------------
step "assembling $out/$name"
folder="$out/$name"
rm -rf "$folder" "$folder.tar.gz"
mkdir -p "$folder"
cp "$binary" "$folder/practicum"
strip "$folder/practicum" 2>/dev/null || true
cp -R "$root/Content" "$folder/Content"
cp -R "$root/Scenarios" "$folder/Scenarios"
cat > "$folder/README.txt" <<README
Practicum $version for Linux ($arch)

A training simulator for social work students: they play client cases and a
scoring model explains every point. This folder is the whole program:

  practicum     the program (needs no Swift installed)
  Content/      the scoring rubric, lifecycle, ethics and interface strings
  Scenarios/    the case library (add or replace .scenario files here;
                a case's tests, ID.test beside it, run with 'practicum test')

It needs $needs.

Keep the three together. Run it from anywhere:

  ./practicum --help
  ./practicum list
  ./practicum play rent-arrears-intake

Students' own attempts are kept in ~/.local/state/practicum/attempts/
(or \$XDG_STATE_HOME/practicum/attempts/). A class session is a folder made
by 'practicum session new ... --out DIR', wherever you run it; back it up
like any folder of files.

Installing, updating the library, backups and uninstalling are explained in
docs/install.md of the Practicum source. 'practicum COMMAND --help' explains
every command.
README
tar -C "$out" -czf "$folder.tar.gz" "$name"
step "wrote $folder.tar.gz ($(du -h "$folder.tar.gz" | cut -f1)); it needs $needs"

# --- 3. Check, from a copy on a "machine without Swift" -------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/practicum-install-check.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/opt" "$tmp/work"
tar -C "$tmp/opt" -xzf "$folder.tar.gz"
installed="$tmp/opt/$name/practicum"
toolchain="$(dirname "$(dirname "$(command -v swift)")")"

# Runs the installed practicum in the minimal environment, from the work folder, and keeps its output.
run() {
    (cd "$tmp/work" && env -i PATH=/usr/bin:/bin HOME="$tmp" "$installed" "$@")
}
check() {  # check "what" command...: runs it, shows its last lines on failure
    local what="$1"; shift
    if ! "$@" >"$tmp/out.txt" 2>"$tmp/err.txt"; then
        tail -n 15 "$tmp/out.txt" "$tmp/err.txt" >&2
        fail "$what"
    fi
}

step "checking from a copy in $tmp (env -i PATH=/usr/bin:/bin HOME=$tmp, working directory $tmp/work)"
(cd "$tmp/work" && env -i PATH=/usr/bin:/bin sh -c 'command -v swift' >/dev/null 2>&1) \
    && fail "swift is on PATH=/usr/bin:/bin here, so this check cannot show that the build runs without it"

libraries="$(ldd "$installed" 2>&1 || true)"
if echo "$libraries" | grep -Eq 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found'; then
    echo "$libraries" >&2
    fail "ldd: the executable still needs a Swift library (or one is missing)"
fi
if echo "$libraries" | grep -Fq "$toolchain"; then
    echo "$libraries" >&2
    fail "ldd: the executable loads a library from the toolchain at $toolchain"
fi
step "ldd: $(echo "$libraries" | awk '{print $1}' | tr '\n' ' ')"

check "practicum --help" run --help
grep -q "play" "$tmp/out.txt" || fail "practicum --help does not list play"
cp "$tmp/out.txt" "$tmp/help.txt"

check "practicum list (Content/ and Scenarios/ beside the executable)" run list --json
cases="$(grep -Ec '^ *"id" *:' "$tmp/out.txt" || true)"
shipped="$(ls "$tmp/opt/$name/Scenarios" | grep -c '\.scenario$' || true)"
[ "$cases" = "$shipped" ] || fail "practicum list shows $cases cases; the folder has $shipped .scenario files"
grep -q "$tmp/opt/$name/Scenarios/" "$tmp/out.txt" || fail "practicum list did not read the Scenarios/ beside the executable"
step "list: $cases cases, read from the folder beside the executable"

# Installed as docs/install.md suggests: a symbolic link on PATH to the program in its folder.
mkdir -p "$tmp/bin"
ln -s "$installed" "$tmp/bin/practicum"
if ! (cd "$tmp/work" && env -i PATH="$tmp/bin:/usr/bin:/bin" HOME="$tmp" practicum list --json) >"$tmp/out.txt" 2>"$tmp/err.txt" \
    || ! grep -q "$tmp/opt/$name/Scenarios/" "$tmp/out.txt"; then
    tail -n 15 "$tmp/err.txt" >&2
    fail "run through a symbolic link on PATH, practicum did not find the Scenarios/ beside the real executable"
fi
step "list through a symbolic link on PATH: the same library"

check "practicum panduan (the guide in Indonesian)" run panduan
[ -s "$tmp/out.txt" ] || fail "practicum panduan printed nothing"

check "practicum check on a bundled case" run check "$tmp/opt/$name/Scenarios/rent-arrears-intake.scenario"
step "check: $(tail -n 1 "$tmp/out.txt")"

check "practicum test (the shipped library's case tests)" run test
step "test: $(tail -n 1 "$tmp/out.txt")"

best="walk-in#4,his-story#3,the-papers#3,landlord-calls#1,he-returns#1,a-pause#4,sunday#1,asking#4,what-holds#1"
best+=",the-plan#3,the-rest#1,first-steps#2,a-week-later#2,keisha-calls#4,hearing-day#1,last-meeting#3"
check "scripted play to an ending" run play rent-arrears-intake --choices "$best" --json
grep -Eq '"complete" *: *true' "$tmp/out.txt" || fail "the scripted play did not reach an ending"
step "play: the scripted play of rent-arrears-intake reached an ending"

printf 'id,name\n2301551,Sri Wahyuni\n2301552,Budi Santoso\n' >"$tmp/work/class.csv"
check "session new" run session new --scenario rent-arrears-intake --roster class.csv --out week3 \
    --due 2099-12-01T17:00+07:00
[ -f "$tmp/work/week3/session.json" ] || fail "session new made no week3/session.json in the working directory"
check "session play" run play --session week3 --student 2301551 --choices "$best"
ls "$tmp/work/week3/attempts/"*.jsonl >/dev/null 2>&1 || fail "session play wrote no attempt file in week3/attempts"
check "grade" run grade week3
[ -f "$tmp/work/week3/results/gradebook.csv" ] || fail "grade wrote no week3/results/gradebook.csv"
grep -q "2301551" "$tmp/work/week3/results/gradebook.csv" || fail "the gradebook has no row for the student who played"
step "session: made, played and graded ($(grep 2301551 "$tmp/work/week3/results/gradebook.csv" | head -n 1 | cut -c1-70))"

if grep -q serve "$tmp/help.txt"; then
    step "serve: starting serve --library --port 0 on 127.0.0.1 (stopped after 20 s at most)"
    # timeout ends it at 20 s whatever happens (KILL 2 s later if TERM is not enough); normally it is
    # stopped as soon as the page has been fetched.
    (cd "$tmp/work" && exec timeout --kill-after=2 20 env -i PATH=/usr/bin:/bin HOME="$tmp" \
        "$installed" serve --library --host 127.0.0.1 --port 0) >"$tmp/serve.out" 2>"$tmp/serve.err" &
    server_pid=$!
    url=""
    for _ in $(seq 1 100); do
        url="$(cat "$tmp/serve.out" "$tmp/serve.err" 2>/dev/null | grep -Eo 'http://127\.0\.0\.1:[0-9]+[^ ]*' \
            | head -n 1 | sed 's/[.,;)]*$//' || true)"
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.2
    done
    if [ -z "$url" ]; then
        cat "$tmp/serve.out" "$tmp/serve.err" >&2
        fail "serve printed no http://127.0.0.1:PORT URL within 20 s"
    fi
    status="$(curl --silent --location --max-time 5 --output "$tmp/page.html" --write-out '%{http_code}' "$url" || true)"
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
    server_pid=""
    [ "$status" = 200 ] || fail "GET $url answered $status, not 200"
    grep -qi '<html' "$tmp/page.html" || fail "GET $url answered 200 but not an HTML page"
    step "serve: GET $url answered 200 with $(wc -c <"$tmp/page.html") bytes of HTML"
else
    step "serve: not in this build (practicum --help does not list it); skipped"
fi

step "OK: $folder.tar.gz runs on a machine without Swift"
