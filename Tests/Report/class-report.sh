#!/usr/bin/env bash
# Builds a session of 30 students on rent-arrears-intake (best paths, random paths, missing students, a forged
# file, names with HTML and a spreadsheet formula), grades it, and renders results/report.html with headless
# Chromium: a screenshot of the top of the page and a PDF (to see how it prints). Not part of `swift test`:
# it needs Chromium (apt-get install chromium). Look at the pictures: that is the check.
#
#   bash Tests/Report/class-report.sh [OUT-DIR]      (default /tmp/practicum-class-report)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/practicum-class-report}"
rm -rf "$out" && mkdir -p "$out" && cd "$out"
swift build --package-path "$root" >/dev/null
practicum="$root/.build/debug/practicum"
export PRACTICUM_CONTENT="$root/Content" PRACTICUM_SCENARIOS="$root/Scenarios"

python3 - <<'PY'
first = ["Sri", "Budi", "Ana", "Dewi", "Rizky", "Putri", "Agus", "Maria", "Joko", "Siti", "Marcus", "Lena", "Tomás", "Aisha",
         "Wei", "Nadia", "Fajar", "Intan", "Yusuf", "Kartika", "Dimas", "Rina", "Bayu", "Lestari", "Eko", "Ayu", "Hendra",
         "Mega", "Samuel", "Zahra"]
last = ["Wahyuni", "Santoso", "Okafor", "Lestari", "Pratama", "Halim", "Nugroho", "Silva", "Widodo", "Rahma", "Brown", "Kim",
        "García", "Bello", "Chen", "Putri", "Hidayat", "Sari", "Ibrahim", "Dewi", "Saputra", "Wulan", "Aji", "Utami",
        "Prasetyo", "Anggraini", "Gunawan", "Sukma", "Tan", "Ali"]
rows = ["id,name,email"]
for i in range(30):
    name = f"{first[i]} {last[i]}"
    if i == 7: name = '=HYPERLINK(""http://evil"",""click"")'
    if i == 12: name = "<script>alert(1)</script> Tomás"
    rows.append(f'23015{i:02d},"{name}",{first[i].lower()}@kampus.ac.id')
open("class.csv", "w").write("\n".join(rows) + "\n")
PY

"$practicum" session new --scenario rent-arrears-intake --roster class.csv --out week3 --attempts 2 --due 2026-12-01
best="walk-in#4,his-story#3,the-papers#3,landlord-calls#1,he-returns#1,a-pause#4,sunday#1,asking#4,what-holds#1"
best+=",the-plan#3,the-rest#1,first-steps#2,a-week-later#2,keisha-calls#4,hearing-day#1,last-meeting#3"
for i in $(seq 0 29); do
    id=$(printf "23015%02d" "$i")
    case $((i % 6)) in
    0) "$practicum" play --session week3 --student "$id" --choices "$best" >/dev/null ;;
    5) ;;  # missing
    *) python3 -c "import random; random.seed($i); print('\n'.join(str(random.randint(1, 4)) for _ in range(300)))" 2>/dev/null \
        | "$practicum" play --session week3 --student "$id" >/dev/null || true ;;
    esac
done
# A forged file: another student's path with a step that was never on offer.
sed 's/walk-in#4/walk-in#9/; s/"student":"2301500"/"student":"2301529"/; s/"id":"[^"]*"/"id":"forged-1"/' \
    week3/attempts/2301500--rent-arrears-intake--1.jsonl >week3/attempts/2301529--rent-arrears-intake--1.jsonl
"$practicum" grade week3

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
    --screenshot="$out/report.png" week3/results/report.html 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/report.pdf" \
    week3/results/report.html 2>/dev/null
echo "Look at $out/report.png and $out/report.pdf"
