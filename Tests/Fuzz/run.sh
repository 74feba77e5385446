#!/usr/bin/env bash
# Builds Practicum's fuzz targets with libFuzzer and AddressSanitizer and runs each for a while.
#
#   bash Tests/Fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is how long each target runs; TARGETs are any of scenario-text, scenario-json, play,
# attempt, attempt-log, roster, http-request, visible-text (default: all eight, one after another). FUZZ_WORK=DIR puts the
# work somewhere other than .build-fuzz (two runs at once need two). With FUZZ_RUNS=N in the environment a target also stops
# after N executions, whichever comes first. `swift test` never builds this folder: the targets need
# `swiftc -sanitize=fuzzer,address` and run for minutes. docs/robustness.md explains what each target
# covers and records the last long run.
#
# Work goes to .build-fuzz/ (ignored by git): the instrumented libraries, the targets, each target's
# growing corpus (seeded from Tests/Fuzz/Seeds and the case library on first run) and any crash file.
# A crash stops the run with a non-zero exit and the input that caused it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(scenario-text scenario-json play attempt attempt-log roster http-request visible-text); fi
work="${FUZZ_WORK:-$root/.build-fuzz}"
mkdir -p "$work/lib"
flags=(-O -sanitize=fuzzer,address -parse-as-library -enable-testing -enable-bare-slash-regex -I "$work/lib" -L "$work/lib")

# Each module as an instrumented static library, rebuilt when one of its sources changed.
build_module() {
    local module="$1"
    shift
    local library="$work/lib/lib$module.a"
    local sources
    sources=$(find "$root/Sources/$module" -name '*.swift' | sort)
    if [ -f "$library" ] && [ -z "$(find "$root/Sources/$module" -name '*.swift' -newer "$library")" ]; then
        return
    fi
    echo "building $module (instrumented)..."
    # shellcheck disable=SC2086
    swiftc "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$work/lib/$module.swiftmodule" \
        -emit-library -static -o "$library" "$@" $sources
}
# In dependency order: PracticumCore uses PracticumTerminal ("did you mean").
build_module PracticumTerminal
build_module PracticumCore
build_module PracticumEngine
build_module PracticumScoring
build_module PracticumClassroom
build_module PracticumHTTP
build_module PracticumWeb
build_module PracticumApp

libraries=(-lPracticumApp -lPracticumWeb -lPracticumHTTP -lPracticumClassroom -lPracticumScoring -lPracticumEngine -lPracticumCore -lPracticumTerminal)
declare -A files=(
    [scenario-text]=ScenarioText.swift [scenario-json]=ScenarioJSON.swift [play]=Play.swift [attempt]=Attempt.swift
    [attempt-log]=AttemptLog.swift [roster]=Roster.swift [http-request]=HTTPRequest.swift
    [visible-text]=VisibleText.swift
)
declare -A dictionaries=(
    [scenario-text]=scenario.dict [scenario-json]=json.dict [play]="" [attempt]=json.dict [attempt-log]=json.dict
    [roster]="" [http-request]=http.dict [visible-text]=""
)

# Seeds: the hand-made hostile inputs, plus the library in the form each target reads.
seed_corpus() {
    local target="$1" corpus="$2"
    mkdir -p "$corpus"
    [ -n "$(ls -A "$corpus")" ] && return
    cp "$root/Tests/Fuzz/Seeds/$target/"* "$corpus/" 2>/dev/null || true
    local practicum="$root/.build/debug/practicum"
    for file in "$root"/Scenarios/*.scenario "$root"/Tests/PracticumAppTests/Fixtures/Library/*.scenario; do
        local name
        name=$(basename "$file" .scenario)
        case "$target" in
        scenario-text) cp "$file" "$corpus/$name.scenario" ;;
        scenario-json) [ -x "$practicum" ] && "$practicum" export "$file" >"$corpus/$name.json" || true ;;
        attempt) [ -x "$practicum" ] && PRACTICUM_SCENARIOS="$(dirname "$file")" "$practicum" play "$file" \
            --choices 1,1,1 --json >"$corpus/$name.json" 2>/dev/null || true ;;
        play) printf '\x00\x00\x01\x02\x01\x03\xff\x01\x01\x02' >"$corpus/$name-written" ;;
        esac
    done
}

status=0
for target in "${targets[@]}"; do
    file="${files[$target]:-}"
    if [ -z "$file" ]; then
        echo "unknown target '$target'; the targets are ${!files[*]}" >&2
        exit 64
    fi
    binary="$work/fuzz-$target"
    if [ ! -x "$binary" ] || [ -n "$(find "$root/Tests/Fuzz/Targets" "$work/lib" -newer "$binary" -type f)" ]; then
        echo "building fuzz-$target..."
        swiftc "${flags[@]}" -module-name "Fuzz${target//-/}" "$root/Tests/Fuzz/Targets/Support.swift" \
            "$root/Tests/Fuzz/Targets/$file" "${libraries[@]}" -o "$binary"
    fi
    corpus="$work/corpus/$target"
    seed_corpus "$target" "$corpus"
    mkdir -p "$work/crashes/$target"
    options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1
        -artifact_prefix="$work/crashes/$target/")
    [ -n "${FUZZ_RUNS:-}" ] && options+=(-runs="$FUZZ_RUNS")
    dictionary="${dictionaries[$target]}"
    [ -n "$dictionary" ] && options+=(-dict="$root/Tests/Fuzz/$dictionary")
    echo "fuzzing $target for ${seconds}s (corpus $corpus)"
    if ! PRACTICUM_ROOT="$root" ASAN_OPTIONS=detect_leaks=0 "$binary" "${options[@]}" "$corpus" \
        2>&1 | tee "$work/$target.log" | grep -E '^(#[0-9]+ +(DONE|pulse)|stat::|==[0-9]+==ERROR|SUMMARY)'; then
        :
    fi
    if grep -qE '==[0-9]+==ERROR|Test unit written|deadly signal' "$work/$target.log"; then
        echo "fuzz-$target found a problem: see $work/$target.log and $work/crashes/$target/" >&2
        status=1
    fi
done
exit $status
