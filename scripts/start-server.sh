# Sourced by e2e.sh and bench.sh: starts the server binary $1 on a free port with a fresh
# temporary SQLite database and the repository's seed data; stops it (and removes the
# database) when the calling script exits, whether it succeeded or not.
# Runs with --dev: tests read SMS codes from the development outbox. Uploads go to the run's
# own temporary directory, and the per-address and per-phone limits are raised to fit a test
# run (every browser test logs in from 127.0.0.1); a caller may set them otherwise.
# Sets BASE_URL.
server_bin=$1
work=$(mktemp -d)
port=$(python3 scripts/free-port.py)
BASE_URL="http://127.0.0.1:${port}"
export LIANBAN_SMS_PER_ADDRESS_PER_DAY="${LIANBAN_SMS_PER_ADDRESS_PER_DAY:-100000}"
export LIANBAN_SMS_PER_PHONE_PER_DAY="${LIANBAN_SMS_PER_PHONE_PER_DAY:-100}"
export LIANBAN_SMS_PER_PHONE_PER_ADDRESS_PER_DAY="${LIANBAN_SMS_PER_PHONE_PER_ADDRESS_PER_DAY:-100}"
export LIANBAN_LOGIN_FAILURES_PER_ADDRESS="${LIANBAN_LOGIN_FAILURES_PER_ADDRESS:-100000}"
"$server_bin" --listen "127.0.0.1:${port}" --database "sqlite://${work}/lianban.db" \
  --static-dir dist --data-dir data --upload-dir "${work}/uploads" --dev >"${work}/server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  if curl -fsS "${BASE_URL}/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server did not start:"; cat "${work}/server.log"; exit 1
  fi
  sleep 0.1
done
curl -fsS "${BASE_URL}/healthz" >/dev/null
echo "server under test: ${BASE_URL}"
