#!/usr/bin/env bash
# `tallinn serve --tls-cert --tls-key` (issue 8 item 7) against Debian's curl
# and openssl s_client: HTTPS with the certificate checked, HSTS, a Secure
# session cookie, the web application on the same origin, TLS 1.1 refused
# (with the server's OpenSSL configuration loosened to allow it, so the
# refusal is the server's own floor), plain HTTP refused, bad files named.
#   TALLINN=path/to/tallinn tls_test.sh
set -uo pipefail
tallinn="${TALLINN:?set TALLINN to the binary}"
for tool in openssl curl; do
  command -v "$tool" >/dev/null || { echo "$tool missing: scripts/install-deps.sh"; exit 1; }
done
source "$(dirname "$0")/../support/checks.sh"
scratch_with_server

# A throwaway self-signed certificate for localhost, and a second key that
# does not belong to it.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null || { echo "FAIL: openssl req"; exit 1; }
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out "$work/other-key.pem" 2>/dev/null
echo "not a certificate" >"$work/garbage.pem"

# An OpenSSL configuration that allows TLS 1.0 and 1.1 with legacy ciphers:
# under it only the server's own settings can refuse them.
cat >"$work/loose.cnf" <<'CNF'
openssl_conf = loose
[loose]
ssl_conf = loose_ssl
[loose_ssl]
system_default = loose_default
[loose_default]
MinProtocol = TLSv1
CipherString = DEFAULT@SECLEVEL=0
CNF

db="sqlite://$work/demo.db"
"$tallinn" demo --db "$db" >/dev/null || { echo "FAIL: demo"; exit 1; }

# Bad files stop the server before it listens, naming the flag.
refuse "missing certificate" "--tls-cert" "$tallinn" serve --db "$db" --listen 127.0.0.1:0 \
  --tls-cert "$work/none.pem" --tls-key "$work/key.pem"
refuse "garbage certificate" "--tls-cert" "$tallinn" serve --db "$db" --listen 127.0.0.1:0 \
  --tls-cert "$work/garbage.pem" --tls-key "$work/key.pem"
refuse "key of another certificate" "--tls-key" "$tallinn" serve --db "$db" --listen 127.0.0.1:0 \
  --tls-cert "$work/cert.pem" --tls-key "$work/other-key.pem"
refuse "certificate without key" "--tls-key" "$tallinn" serve --db "$db" --listen 127.0.0.1:0 \
  --tls-cert "$work/cert.pem"

# The web application beside the API: one origin.
mkdir -p "$work/web"
echo '<!doctype html><title>tallinn web over tls</title>' >"$work/web/index.html"
# The TLS files come from the config file (docs/operations.md), as in production.
cat >"$work/tls.conf" <<CONF
tls-cert = $work/cert.pem
tls-key = $work/key.pem
CONF
OPENSSL_CONF="$work/loose.cnf" "$tallinn" serve --db "$db" --listen 127.0.0.1:0 \
  --config "$work/tls.conf" --web-root "$work/web" >"$work/serve.log" 2>&1 &
server_pid=$!
port="$(logged_port "$work/serve.log" "serving [^ ]*")" || { echo "FAIL: no port"; cat "$work/serve.log"; exit 1; }
base="https://localhost:$port"
tls_curl() { curl -s --max-time 5 --cacert "$work/cert.pem" --resolve "localhost:$port:127.0.0.1" "$@"; }
for _ in $(seq 1 50); do tls_curl -f "$base/healthz" >/dev/null && break; sleep 0.1; done

check "healthz over https, certificate verified" tls_curl -f "$base/healthz"
tls_curl -D "$work/headers" -o /dev/null "$base/healthz"
check "HSTS over https" grep -qi '^Strict-Transport-Security: max-age=31536000; includeSubDomains' "$work/headers"
check "the web application over https" bash -c "curl -sf --max-time 5 --cacert '$work/cert.pem' \
  --resolve 'localhost:$port:127.0.0.1' '$base/' | grep -q 'tallinn web over tls'"
tls_curl -D "$work/signin" -o "$work/signin.json" -X POST "$base/api/v1/session" \
  -d '{"email":"back-office@demo.tallinn.example","password":"demo-password-2026"}'
check "sign-in over https" grep -q '"token"' "$work/signin.json"
check "the session cookie is __Host- and Secure over https" bash -c "grep -i '^Set-Cookie: __Host-tallinn_session=' '$work/signin' | grep -q 'Secure'"
cookie=$(grep -i '^Set-Cookie: __Host-tallinn_session=' "$work/signin" | sed 's/^[^:]*: //; s/;.*//')
check "the __Host- cookie is accepted over https" tls_curl -f -H "Cookie: $cookie" "$base/api/v1/session"
refuse "an unknown certificate authority" "certificate" curl -sS --max-time 5 \
  --resolve "localhost:$port:127.0.0.1" "$base/healthz"

# Protocols: 1.2 and 1.3 yes; 1.1 and 1.0 no, even for a client allowed to offer them.
# Control first: under the loosened configuration an ordinary OpenSSL server
# does accept TLS 1.1 from this client, so the refusal below is tallinn's.
OPENSSL_CONF="$work/loose.cnf" timeout 10 openssl s_server -accept 127.0.0.1:0 \
  -cert "$work/cert.pem" -key "$work/key.pem" -naccept 1 >"$work/control.log" 2>&1 </dev/null &
control_pid=$!
control_port=""
for _ in $(seq 1 50); do
  control_port="$(grep -o 'ACCEPT 127\.0\.0\.1:[0-9]*' "$work/control.log" | sed 's/.*://')"
  [ -n "$control_port" ] && break; sleep 0.1
done
check "control: a loosened OpenSSL server accepts this TLS 1.1 client" bash -c \
  "OPENSSL_CONF='$work/loose.cnf' openssl s_client -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' \
   -connect 127.0.0.1:$control_port </dev/null 2>&1 | grep -q 'Protocol *: TLSv1.1'"
kill "$control_pid" 2>/dev/null; wait "$control_pid" 2>/dev/null
for version in tls1_2 tls1_3; do
  check "openssl s_client -$version" bash -c "openssl s_client -$version -connect 127.0.0.1:$port \
    -servername localhost -CAfile '$work/cert.pem' -verify_return_error </dev/null 2>&1 |
    grep -q 'Verify return code: 0 (ok)'"
done
for version in tls1_1 tls1; do
  OPENSSL_CONF="$work/loose.cnf" openssl s_client -"$version" -cipher 'DEFAULT@SECLEVEL=0' \
    -connect "127.0.0.1:$port" -servername localhost </dev/null >"$work/$version.out" 2>&1
  code=$?
  if [ "$code" -ne 0 ] && ! grep -q 'Cipher is [^(]' "$work/$version.out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL: a -$version client was served"; head -20 "$work/$version.out"
  fi
done

# Plain HTTP to the TLS port: no answer in the clear, the connection closed.
curl -s --max-time 5 -o "$work/plain.out" -w '%{http_code}' "http://127.0.0.1:$port/healthz" >"$work/plain.code"
code=$?
# Not a timeout (28): the server closes at once.
expect "plain http to the https port fails" test "$code" -ne 0 -a "$code" -ne 28
expect "nothing served in the clear" test "$(cat "$work/plain.code")" = 000
check "still serving after the refusals" tls_curl -f "$base/healthz"

kill -TERM "$server_pid"
if wait "$server_pid"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: serve exits 0 on SIGTERM"; fi
server_pid=""
finish
