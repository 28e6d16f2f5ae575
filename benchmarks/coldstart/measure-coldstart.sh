#!/usr/bin/env bash
# Cold start of AdminCenter beside an empty Blazor Server app (issue 17, part 2), both published Release in this run.
#
# For each app, RUNS times (default 3): start the process on a free loopback port with a fresh data directory and poll
# the sign-in page (AdminCenter: /Account/Login; the empty app: /) until the first 200, recording the milliseconds from
# process start. AdminCenter is then started RUNS more times on the database its last fresh run left (a restart).
# Configuration is the README's: Bootstrap__AdminPassword set, everything else default (SQLite in the data directory).
# Prints every run, the medians and the ratios to the empty app.
#
#   benchmarks/coldstart/measure-coldstart.sh            # publish both, then measure
#   RUNS=5 SKIP_PUBLISH=1 benchmarks/coldstart/measure-coldstart.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${COLDSTART_WORK:-/tmp/admincenter-coldstart}"
app="${ADMINCENTER_DIR:-$work/admincenter}"
runs="${RUNS:-3}"
mkdir -p "$work"

if [ -z "${SKIP_PUBLISH:-}" ]; then
  echo "== Publishing AdminCenter (Release) and an empty Blazor Server app to $work"
  rm -rf "$work/admincenter" "$work/empty"
  dotnet publish "$repo/AdminCenter/AdminCenter.csproj" -c Release -o "$work/admincenter" --nologo -v quiet
  if [ ! -f "$work/EmptyBlazor/EmptyBlazor.csproj" ]; then
    # Outside the repository, so none of its build settings apply to the baseline.
    dotnet new blazor --interactivity Server --empty -o "$work/EmptyBlazor" --force >/dev/null
  fi
  dotnet publish "$work/EmptyBlazor/EmptyBlazor.csproj" -c Release -o "$work/empty" --nologo -v quiet
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# start_and_time <dir> <dll> <path> <data dir>: prints ms from process start to the first 200 on <path>.
start_and_time() {
  local dir="$1" dll="$2" path="$3" data="$4" port pid start code elapsed cpu
  port="$(free_port)"
  mkdir -p "$data"
  start="$(now_ms)"
  (cd "$dir" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" \
      ConnectionStrings__AdminCenter="Data Source=$data/admincenter.db" \
      Bootstrap__AdminPassword='choose-a-long-passphrase' \
      dotnet "$dll" >"$data/stdout.log" 2>"$data/stderr.log") &
  pid=$!
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$path" || true)"
    if [ "$code" = "200" ]; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "process exited before answering; see $data" >&2; return 1; fi
    sleep 0.02
  done
  elapsed=$(( $(now_ms) - start ))
  # CPU the process used until then (user + system, in clock ticks): less at the mercy of other load than wall time.
  cpu=$(( $(awk '{print $14 + $15}' "/proc/$pid/stat") * 1000 / $(getconf CLK_TCK) ))
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$elapsed $cpu"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

declare -A wall cpu
record() { # record <series> "<wall> <cpu>"
  wall[$1]+="${2% *} "; cpu[$1]+="${2#* } "
}
for i in $(seq "$runs"); do
  record empty "$(start_and_time "$work/empty" EmptyBlazor.dll / "$work/data/empty-$i")"
  record fresh "$(start_and_time "$app" AdminCenter.dll /Account/Login "$work/data/fresh-$i")"
done
for i in $(seq "$runs"); do
  record restart "$(start_and_time "$app" AdminCenter.dll /Account/Login "$work/data/fresh-$runs")"
done
rm -rf "$work/data"

base_wall="$(median ${wall[empty]})"; base_cpu="$(median ${cpu[empty]})"
for series in empty fresh restart; do
  label=$(case $series in empty) echo "Empty Blazor Server app";; fresh) echo "AdminCenter, fresh database";; restart) echo "AdminCenter, existing database";; esac)
  m_wall="$(median ${wall[$series]})"; m_cpu="$(median ${cpu[$series]})"
  printf '%-31s wall ms: %-17s median %5d (%.2fx)   CPU ms: %-17s median %5d (%.2fx)\n' "$label" "${wall[$series]}" "$m_wall" \
    "$(awk "BEGIN {print $m_wall/$base_wall}")" "${cpu[$series]}" "$m_cpu" "$(awk "BEGIN {print $m_cpu/$base_cpu}")"
done
