#!/usr/bin/env bash
# Every figure issue 17 asks for, on one build, one after another (never two at once: they would measure each other):
# serving cost per open tab, cold start, the load scenarios (status report, re-evaluation, health-report batches) at
# 100,000 and 1,000,000 registrations on SQLite and on PostgreSQL, and the five-minute soak on both. Each part's whole
# output goes to its own log; the lines that carry the figures (each beside its goal or its same-run baseline) are
# gathered in summary.txt. About an hour on this 2-core machine (56 minutes on 2026-12-07), PostgreSQL at 1,000,000
# the longest.
#
#   benchmarks/measure-all.sh                      # every part
#   benchmarks/measure-all.sh sqlite-1m pg-1m      # some parts: circuits coldstart sqlite-100k sqlite-1m pg-100k pg-1m
#                                                  #   soak-sqlite soak-pg
#   OUT=/tmp/figures benchmarks/measure-all.sh     # where the logs go (default: a new directory under /tmp)
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$(mktemp -d -t admincenter-figures-XXXXXX)}"
mkdir -p "$out"
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(circuits coldstart sqlite-100k sqlite-1m pg-100k pg-1m soak-sqlite soak-pg)
cd "$repo"

bench="benchmarks/AdminCenter.Benchmarks/bin/Release/net10.0/AdminCenter.Benchmarks.dll"
dotnet build benchmarks/AdminCenter.Benchmarks -c Release --nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
echo "commit $(git rev-parse --short HEAD), logs in $out" | tee "$out/summary.txt"

load() { dotnet "$bench" load "$@"; }

# PostgreSQL parts run on a throwaway cluster of their own, stopped when the part ends, set up for memory as
# deploy/README.md says a server should be: shared buffers that hold a 1,000,000-registration tenant's searched tables
# (1 GB), in huge pages when this machine lets the script reserve them (as root; the reservation is given back after).
# Without huge pages each new connection faults in every shared buffer page it touches on first use: counting "57" at
# 1,000,000 took 65-90 ms on a connection's first run and 17-20 ms after, and the report's pooled connections take
# turns, so a p95 of 20 runs caught several first runs (107-129 ms against 63-88 with huge pages).
hugepages_needed=600 # 2 MB pages: 1 GB of buffers and PostgreSQL's other shared memory (about 1.06 GB in all)
on_postgres() {
  # shellcheck source=/dev/null
  source "$repo/throwaway-postgres.sh"
  local settings="-c shared_buffers=1GB" reserved=""
  if [ -w /proc/sys/vm/nr_hugepages ] && grep -q '^Hugepagesize: *2048 kB' /proc/meminfo; then
    reserved="$(cat /proc/sys/vm/nr_hugepages)"
    echo "$hugepages_needed" >/proc/sys/vm/nr_hugepages
    if [ "$(cat /proc/sys/vm/nr_hugepages)" -ge "$hugepages_needed" ]; then settings+=" -c huge_pages=on"; fi
  fi
  THROWAWAY_POSTGRES_SETTINGS="$settings" throwaway_postgres_start
  "$@" --provider PostgreSQL --connection "$ADMINCENTER_TEST_POSTGRES"
  local status=$?
  throwaway_postgres_stop
  [ -n "$reserved" ] && echo "$reserved" >/proc/sys/vm/nr_hugepages
  return $status
}

run_part() {
  case "$1" in
    circuits) benchmarks/circuits/measure-circuits.sh 20 --lists --more ;;
    coldstart) RUNS=5 COLDSTART_WORK="$out/coldstart" benchmarks/coldstart/measure-coldstart.sh ;;
    sqlite-100k) load --scenarios all --registrations 100000 ;;
    sqlite-1m) load --scenarios all --registrations 1000000 ;;
    pg-100k) on_postgres load --scenarios all --registrations 100000 ;;
    pg-1m) on_postgres load --scenarios all --registrations 1000000 ;;
    soak-sqlite) load --scenarios soak --minutes 5 ;;
    soak-pg) on_postgres load --scenarios soak --minutes 5 ;;
    *) echo "unknown part '$1'" >&2; return 2 ;;
  esac
}

for part in "${parts[@]}"; do
  started=$(date +%s)
  echo "== $part ($(date -u +%H:%M:%S) UTC)" | tee -a "$out/summary.txt"
  run_part "$part" >"$out/$part.log" 2>&1
  status=$?
  # The figure lines: the circuit table, the cold-start medians and ratios, the load runs' summaries and the soak's verdict.
  case "$part" in
    circuits) grep -E '^\|' "$out/$part.log" ;;
    coldstart) grep -E 'median' "$out/$part.log" ;;
    soak-*) sed -n '/^Machine:/,$p' "$out/$part.log" | grep -v '^\s*$' ;;
    *) sed -n '/^Summary/,$p' "$out/$part.log" | grep -v '^\s*$' ;;
  esac | tee -a "$out/summary.txt"
  echo "   (exit $status, $(( $(date +%s) - started )) s)" | tee -a "$out/summary.txt"
done
