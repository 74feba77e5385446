#!/usr/bin/env bash
# Tests the reverse-proxy configurations of docs/serve.md for real: the nginx server block (and the Caddyfile,
# when Caddy is installed) is read from the page itself, given a self-signed certificate (Caddy: its internal
# one) and a free port on 127.0.0.1, and started with its pid, logs and temporary files in a temporary folder
# (never the system's service). `practicum serve SESSION --secure-cookies --behind-proxy` runs behind it, and
# curl, through the proxy only:
#   - signs a student in and makes a choice (and the choice is in the attempt file);
#   - checks every cookie is Secure, HttpOnly and SameSite=Strict;
#   - checks that X-Forwarded-For reaches the sign-in limit as the client's address: ten wrong codes from one
#     client address (127.0.0.2, each claiming another address in its own X-Forwarded-For) lock that client
#     out (429), while a student from another address (127.0.0.3) still signs in.
# Skips (exit 0, with a message) when nginx is not installed; fails (exit 1, a line saying what) otherwise.
#
#   bash Tests/Web/proxy-check.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! command -v nginx >/dev/null; then
    echo "proxy-check: SKIPPED: nginx is not installed (Debian, Ubuntu: apt-get install nginx)"
    exit 0
fi
for tool in curl openssl python3; do
    command -v "$tool" >/dev/null || { echo "proxy-check: $tool is not installed" >&2; exit 1; }
done

work="$(mktemp -d /tmp/practicum-proxy-check.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "proxy-check: FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# The first fenced block of this kind (nginx, caddy) in docs/serve.md.
doc_block() { awk -v fence="\`\`\`$1" '$0 == fence { on = 1; next } on && /^```/ { exit } on { print }' "$root/docs/serve.md"; }

echo "==> building practicum"
swift build --package-path "$root" --product practicum >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; exit 1; }
practicum="$root/.build/debug/practicum"
export PRACTICUM_CONTENT="$root/Content" PRACTICUM_SCENARIOS="$root/Scenarios"

case_id="rent-arrears-intake"
printf 'id,name\n2301501,Sri Wahyuni\n2301502,Marcus Okafor\n2301503,Ana Silva\n2301504,Budi Santoso\n' >"$work/class.csv"
"$practicum" session new --scenario "$case_id" --roster "$work/class.csv" --out "$work/week5" --id week5 >/dev/null
"$practicum" session codes "$work/week5" >"$work/codes.txt" 2>/dev/null
code_of() { awk -v id="$1" '$1 == id { print $NF }' "$work/codes.txt"; }
[ -n "$(code_of 2301501)" ] || fail "session codes printed no code for 2301501"

echo "==> practicum serve --secure-cookies --behind-proxy (127.0.0.1)"
"$practicum" serve "$work/week5" --port 0 --secure-cookies --behind-proxy >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
serve_url=""
for _ in $(seq 1 100); do
    serve_url="$(awk '/^Students open/ { getline; print $1; exit }' "$work/serve.out")"
    [ -n "$serve_url" ] && break
    sleep 0.1
done
[ -n "$serve_url" ] || fail "serve printed no address: $(cat "$work/serve.err")"
serve_port="${serve_url##*:}"; serve_port="${serve_port%/}"

# ---- The checks, through one proxy at BASE (curl resolves its host to 127.0.0.1).
# A page's CSRF token.
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
# curl through the proxy from a client address: client ADDRESS JAR [curl options...]; writes $work/body and
# $work/headers, prints the status.
client() {
    local from="$1" jar="$2"; shift 2
    curl -sk --interface "$from" --resolve "$host:$port:127.0.0.1" -b "$jar" -c "$jar" -o "$work/body" -D "$work/headers" \
        -w '%{http_code}' --max-time 20 "$@"
}
header() { grep -i "^$1:" "$work/headers" | tr -d '\r' | sed 's/^[^:]*: //'; }
check_cookies() {
    local what="$1" line
    while IFS= read -r line; do
        case "$line" in *"; Secure"*) ;; *) fail "$what: a cookie without Secure: $line" ;; esac
        case "$line" in *Max-Age=0*) continue ;; esac
        case "$line" in practicum_lang=*) ;; *"HttpOnly"*"SameSite=Strict"*) ;; *) fail "$what: $line" ;; esac
    done < <(header set-cookie)
}

check_proxy() {
    local name="$1" a="$2" b="$3" student="$4" other="$5"
    base="https://$host:$port"
    echo "==> $name: a student signs in and makes a choice, from $a"
    local jar="$work/jar-$name-student"
    [ "$(client "$a" "$jar" "$base/signin")" = 200 ] || fail "$name: GET /signin: $(head -c 300 "$work/body")"
    header set-cookie | grep -q '^practicum_session=' || fail "$name: no session cookie on the sign-in page"
    check_cookies "$name: the sign-in page"
    local csrf; csrf="$(csrf_of "$work/body")"
    [ "$(client "$a" "$jar" -X POST --data-urlencode "csrf=$csrf" --data-urlencode "id=$student" \
        --data-urlencode "code=$(code_of "$student")" "$base/signin")" = 303 ] || fail "$name: signing in: $(head -c 300 "$work/body")"
    [ "$(header location)" = /cases ] || fail "$name: signing in went to '$(header location)', not /cases"
    check_cookies "$name: signing in"
    header set-cookie | grep -q '^practicum_session=.*; Secure' || fail "$name: signing in set no Secure session cookie"
    echo "    signed in as $student; every cookie Secure, HttpOnly, SameSite=Strict"
    [ "$(client "$a" "$jar" "$base/cases/$case_id")" = 200 ] || fail "$name: the case's page"
    csrf="$(csrf_of "$work/body")"
    [ "$(client "$a" "$jar" -X POST --data-urlencode "csrf=$csrf" "$base/cases/$case_id/start")" = 303 ] || fail "$name: starting the case"
    [ "$(client "$a" "$jar" "$base/cases/$case_id/play")" = 200 ] || fail "$name: the play page"
    local step choice
    step="$(grep -o 'name="step" value="[0-9]*"' "$work/body" | grep -o '[0-9]*"$' | tr -d '"')"
    choice="$(grep -o 'name="choice" value="[^"]*"' "$work/body" | head -1 | sed 's/.*value="//; s/"$//')"
    [ -n "$step" ] && [ -n "$choice" ] || fail "$name: the play page offers no choice"
    [ "$(client "$a" "$jar" -X POST --data-urlencode "csrf=$csrf" --data-urlencode "step=$step" \
        --data-urlencode "choice=$choice" "$base/cases/$case_id/choose")" = 303 ] || fail "$name: choosing $choice"
    [ "$(client "$a" "$jar" "$base/cases/$case_id/play")" = 200 ] && grep -q "Your choice is saved." "$work/body" \
        || fail "$name: the page after the choice does not say it is saved"
    grep -q "\"$choice\"" "$work/week5/attempts/$student--$case_id--1.jsonl" || fail "$name: $choice is not in the attempt file"
    echo "    chose $choice at step $((step + 1)); it is in the attempt file"

    echo "==> $name: ten wrong codes from $a (each claiming another X-Forwarded-For) lock $a out, not $b"
    local bad="$work/jar-$name-bad" status
    client "$a" "$bad" "$base/signin" >/dev/null
    csrf="$(csrf_of "$work/body")"
    for i in $(seq 1 10); do
        status="$(client "$a" "$bad" -H "X-Forwarded-For: 198.51.100.$i" -X POST --data-urlencode "csrf=$csrf" \
            --data-urlencode "id=nobody-$name-$i" --data-urlencode "code=wrong" "$base/signin")"
        [ "$status" = 200 ] || fail "$name: wrong code $i got $status, expected the form again (200)"
    done
    status="$(client "$a" "$bad" -H "X-Forwarded-For: 203.0.113.9" -X POST --data-urlencode "csrf=$csrf" \
        --data-urlencode "id=$other" --data-urlencode "code=$(code_of "$other")" "$base/signin")"
    [ "$status" = 429 ] || fail "$name: the 11th try from $a got $status, expected 429 (the limit did not count the client's address)"
    local jar2="$work/jar-$name-other"
    client "$b" "$jar2" "$base/signin" >/dev/null
    csrf="$(csrf_of "$work/body")"
    status="$(client "$b" "$jar2" -X POST --data-urlencode "csrf=$csrf" --data-urlencode "id=$other" \
        --data-urlencode "code=$(code_of "$other")" "$base/signin")"
    [ "$status" = 303 ] || fail "$name: $other from $b got $status, expected 303 (locked out with $a: the proxy's address was counted)"
    echo "    $a: 429 after ten wrong codes; $other from $b: signed in"
}

# ---- nginx, with the server block of docs/serve.md.
port="$(free_port)" host="127.0.0.1"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
doc_block nginx >"$work/server.conf"
grep -q 'proxy_pass http://127.0.0.1:8080;' "$work/server.conf" || fail "docs/serve.md has no nginx block with proxy_pass to 127.0.0.1:8080"
sed -i -e "s|listen 443 ssl;|listen 127.0.0.1:$port ssl;|" -e '/listen \[::\]:443 ssl;/d' \
    -e "s|ssl_certificate .*;|ssl_certificate $work/cert.pem;|" -e "s|ssl_certificate_key .*;|ssl_certificate_key $work/key.pem;|" \
    -e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass http://127.0.0.1:$serve_port;|" "$work/server.conf"
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/server.conf;
}
EOF
nginx -t -p "$work/nginx" -c "$work/nginx.conf" >"$work/nginx-test.log" 2>&1 || fail "nginx -t: $(cat "$work/nginx-test.log")"
echo "==> nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on https://127.0.0.1:$port, with docs/serve.md's server block"
nginx -p "$work/nginx" -c "$work/nginx.conf" 2>>"$work/nginx/error.log" &
pids+=($!)
for _ in $(seq 1 50); do curl -sk -o /dev/null "https://127.0.0.1:$port/signin" && break; sleep 0.1; done
check_proxy nginx 127.0.0.2 127.0.0.3 2301501 2301502

# ---- Caddy, with the Caddyfile of docs/serve.md, when it is installed.
if command -v caddy >/dev/null; then
    port="$(free_port)" host="localhost"
    doc_block caddy >"$work/Caddyfile.site"
    grep -q 'reverse_proxy 127.0.0.1:8080' "$work/Caddyfile.site" || fail "docs/serve.md has no Caddyfile with reverse_proxy 127.0.0.1:8080"
    {
        printf '{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n\tstorage file_system %s\n}\n' "$work/caddy/storage"
        sed -e "s|^practicum.dept.example.edu {|https://localhost:$port {\n\tbind 127.0.0.1\n\ttls internal|" \
            -e "s|reverse_proxy 127.0.0.1:8080|reverse_proxy 127.0.0.1:$serve_port|" "$work/Caddyfile.site"
    } >"$work/Caddyfile"
    mkdir -p "$work/caddy"
    echo "==> Caddy $(caddy version | cut -d' ' -f1) on https://localhost:$port, with docs/serve.md's Caddyfile"
    HOME="$work/caddy" XDG_DATA_HOME="$work/caddy/data" XDG_CONFIG_HOME="$work/caddy/config" \
        caddy run --config "$work/Caddyfile" --adapter caddyfile >"$work/caddy/log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 100); do
        curl -sk --resolve "localhost:$port:127.0.0.1" -o /dev/null "https://localhost:$port/signin" && break
        sleep 0.1
    done
    check_proxy caddy 127.0.0.4 127.0.0.5 2301503 2301504
else
    echo "==> Caddy is not installed: its Caddyfile in docs/serve.md is not tested (apt-get install caddy)"
fi
echo "==> OK: behind the proxy, students sign in and play over HTTPS with Secure cookies, and the sign-in limit counts each client's own address"
