#!/usr/bin/env bash
# Serving cost per open tab (BENCHMARKS.md): live managed heap per idle Blazor Server circuit, after a full collection,
# for AdminCenter's Home, App protection status (50 rows of the demo tenant), a policy's Properties and the first step
# of each create wizard (policy, filter, app configuration, custom role), beside an empty Blazor Server app built and
# run in the same script.
# Usage: benchmarks/circuits/measure-circuits.sh [tabs per page, default 20] [driver options]
#   driver options: --only <page name prefixes, comma-separated> (e.g. --only Home, --only Empty,List), --types (the types
#   each circuit adds, by bytes), --more (also tenant status, a role, a connector, a user and a group: the other pages
#   that are not lists), --lists (also the users, groups, sign-in logs, wipe requests and audit logs lists at 50 rows,
#   each app first filled past 50 through its Import users pane and its MAM, Conditional Access and wipe API; pages
#   "List of ...", so --only List measures just them)
#   KEEP_WORK=1 keeps the work directory with its heap dumps (for dotnet-gcdump report or a closer look)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tabs="${1:-20}"
shift || true
work="$(mktemp -d -t circuits-XXXXXX)"
[ -n "${KEEP_WORK:-}" ] && echo "work directory kept: $work" || trap 'rm -rf "$work"' EXIT
cd "$root"

dotnet tool restore >/dev/null
dotnet publish AdminCenter/AdminCenter.csproj -c Release --nologo -v quiet -o "$work/app"
dotnet build benchmarks/AdminCenter.CircuitCost/AdminCenter.CircuitCost.csproj -c Release --nologo -v quiet -o "$work/driver"

# The empty app: the template with the same render mode as AdminCenter (interactive Server everywhere, so every tab is
# a circuit), and the layout's "interactive" marker the driver waits for, as AdminCenter's MainLayout renders it.
# Both are published (Release), so they serve their static assets as in production. Built outside the repository so the repository's Directory.Build.props and package pins do not apply to it.
dotnet new blazor --interactivity Server --all-interactive --empty -o "$work/empty/EmptyApp" >/dev/null
sed -i 's|@Body|<div data-interactive="@(RendererInfo.IsInteractive ? "true" : "false")">@Body</div>|' \
    "$work/empty/EmptyApp/Components/Layout/MainLayout.razor"
dotnet publish "$work/empty/EmptyApp/EmptyApp.csproj" -c Release --nologo -v quiet -o "$work/empty/out"

gcdump="$(command -v dotnet) tool run dotnet-gcdump"
dotnet "$work/driver/AdminCenter.CircuitCost.dll" --tabs "$tabs" --work "$work" --gcdump "$gcdump" \
    --empty "$work/empty/out/EmptyApp.dll" --app "$work/app/AdminCenter.dll" "$@"
