#!/usr/bin/env bash
# Fuzzes every operation of the served OpenAPI document with schemathesis, as an anonymous
# visitor and as a logged-in, verified citizen: no answer may be a 5xx, and every answer must
# conform to the document (status, content type, headers, body schema). Bounded in time; a
# fixed seed keeps a failure reproducible. Usage: scripts/schemathesis.sh path/to/lianban-server
set -euo pipefail
cd "$(dirname "$0")/.."
st=.tools/venv/bin/st
source scripts/start-server.sh "$1"
schema="${BASE_URL}/api/v1/openapi.json"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
common=(--checks "$checks" --seed 20261201 --max-examples "${SCHEMATHESIS_EXAMPLES:-25}"
  --workers 2 --phases examples,coverage,fuzzing --request-timeout 10
  --suppress-health-check all --warnings off --output-truncate true)
# The development SMS outbox is a dev-only convenience, not part of the platform's API.
exclude=(--exclude-path-regex '^/dev/')

echo "== schemathesis: anonymous"
"$st" run "$schema" "${common[@]}" "${exclude[@]}" --max-time "${SCHEMATHESIS_SECONDS:-120}"

echo "== schemathesis: a verified citizen"
phone=13900000077
curl -fsS -o /dev/null -H 'content-type: application/json' \
  -d "{\"phone\":\"$phone\"}" "${BASE_URL}/api/v1/auth/sms-codes"
code=$(curl -fsS "${BASE_URL}/api/v1/dev/sms-codes/latest?phone=$phone" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
jar="$work/cookies"
curl -fsS -o /dev/null -c "$jar" -H 'content-type: application/json' \
  -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" "${BASE_URL}/api/v1/auth/sessions"
token=$(awk '$6 == "lianban_session" { print $7 }' "$jar")
curl -fsS -o /dev/null -b "$jar" -X PUT -H 'content-type: application/json' \
  -d '{"name":"测试员","id_number":"11010519491231002X"}' "${BASE_URL}/api/v1/me/identity"
# Logging out would end the session the rest of the run uses.
"$st" run "$schema" "${common[@]}" "${exclude[@]}" --exclude-path /auth/sessions/current \
  --header "Cookie: lianban_session=${token}" --max-time "${SCHEMATHESIS_SECONDS:-120}"
