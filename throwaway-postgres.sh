# A throwaway PostgreSQL cluster for the tests (spec 08): Debian's postgresql (installed when missing), a cluster in a
# temporary directory on a free port, run as an unprivileged user (PostgreSQL refuses root). Source this file, then:
#   throwaway_postgres_start   # exports ADMINCENTER_TEST_POSTGRES (an Npgsql connection string)
#   throwaway_postgres_stop    # stops the cluster and deletes its directory; safe to call twice
# THROWAWAY_POSTGRES_SETTINGS adds server settings ("-c name=value ...") to the start.
# Run on its own (`bash throwaway-postgres.sh`) it starts a cluster, prints the connection string and waits for Ctrl+C.

throwaway_postgres_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$initdb" ]; then
    echo "== Installing Debian's postgresql for the PostgreSQL tests" >&2
    local sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  fi
  dirname "$initdb"
}

throwaway_postgres_free_port() {
  # From a random start, so that two scripts starting together rarely try the same port.
  local port first=$((55432 + RANDOM % 1000))
  for port in $(seq "$first" $((first + 100))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port between $first and $((first + 100))" >&2
  return 1
}

throwaway_postgres_start() {
  local bin port as_user=()
  bin="$(throwaway_postgres_bin)"
  port="$(throwaway_postgres_free_port)"
  THROWAWAY_POSTGRES_DIR="$(mktemp -d /tmp/admincenter-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL will not run as root: the cluster belongs to nobody.
    chown nobody "$THROWAWAY_POSTGRES_DIR"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  fi
  THROWAWAY_POSTGRES_AS=("${as_user[@]}")
  THROWAWAY_POSTGRES_BIN="$bin"
  "${as_user[@]}" "$bin/initdb" -D "$THROWAWAY_POSTGRES_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Tests create a database each: many connections, and fsync off because the cluster is thrown away. Another cluster
  # may take the free port between the check and the start: then try another one.
  local attempt
  for attempt in 1 2 3 4 5; do
    if "${as_user[@]}" "$bin/pg_ctl" -D "$THROWAWAY_POSTGRES_DIR/data" -l "$THROWAWAY_POSTGRES_DIR/postgres.log" -w -t 60 \
      -o "-p $port -k $THROWAWAY_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c client_connection_check_interval=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${THROWAWAY_POSTGRES_SETTINGS:-}" \
      start >/dev/null; then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! grep -q "Address already in use" "$THROWAWAY_POSTGRES_DIR/postgres.log"; then
      echo "The throwaway PostgreSQL did not start; its log:" >&2
      cat "$THROWAWAY_POSTGRES_DIR/postgres.log" >&2 || true
      return 1
    fi
    port="$(throwaway_postgres_free_port)"
    : >"$THROWAWAY_POSTGRES_DIR/postgres.log"
  done
  export ADMINCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "== Throwaway PostgreSQL on port $port ($THROWAWAY_POSTGRES_DIR)"
}

throwaway_postgres_stop() {
  if [ -n "${THROWAWAY_POSTGRES_DIR:-}" ] && [ -d "$THROWAWAY_POSTGRES_DIR" ]; then
    "${THROWAWAY_POSTGRES_AS[@]}" "$THROWAWAY_POSTGRES_BIN/pg_ctl" -D "$THROWAWAY_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$THROWAWAY_POSTGRES_DIR"
  fi
  THROWAWAY_POSTGRES_DIR=""
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  trap throwaway_postgres_stop EXIT
  throwaway_postgres_start
  echo "$ADMINCENTER_TEST_POSTGRES"
  echo "Ctrl+C stops and deletes the cluster."
  while true; do sleep 3600; done
fi
