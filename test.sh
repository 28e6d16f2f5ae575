#!/usr/bin/env bash
# Runs every test: Core unit tests, bUnit component tests, and Playwright end-to-end tests in Debian's Chromium; the
# Core and API tests again on a throwaway PostgreSQL, and two app instances on one PostgreSQL database.
# Installs what a fresh machine lacks (Chromium and PostgreSQL via apt-get, NuGet packages, the local dotnet-ef tool).
set -euo pipefail
cd "$(dirname "$0")"

# The throwaway PostgreSQL cluster is stopped and deleted however the script ends (a failed step, Ctrl+C).
source ./throwaway-postgres.sh
trap throwaway_postgres_stop EXIT
trap 'exit 130' INT TERM HUP

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  echo "== Installing Debian's chromium for the end-to-end tests"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
"$chromium_path" --version

echo "== Restore and build"
dotnet tool restore
dotnet build AdminCenter.sln --nologo -v quiet

echo "== The model and the migrations agree (SQLite and PostgreSQL)"
dotnet ef migrations has-pending-model-changes --project AdminCenter.Core --no-build --context AdminCenterDbContext
dotnet ef migrations has-pending-model-changes --project AdminCenter.Core --no-build --context PostgreSqlAdminCenterDbContext

echo "== The compiled EF models are current (regenerated in place; any difference fails)"
for context in AdminCenterDbContext:Sqlite PostgreSqlAdminCenterDbContext:PostgreSql; do
  dotnet ef dbcontext optimize --project AdminCenter.Core --no-build --context "${context%%:*}" \
    --output-dir "Persistence/CompiledModels/${context##*:}" --namespace "AdminCenter.Core.Persistence.CompiledModels.${context##*:}" >/dev/null
done
# Each generation draws a new random modelId: only that line may differ.
compiled=AdminCenter.Core/Persistence/CompiledModels
if ! git diff --quiet -I 'modelId: new Guid' -- "$compiled" || [ -n "$(git ls-files --others --exclude-standard -- "$compiled")" ]; then
  echo "The compiled models were stale and have been regenerated: rebuild and commit $compiled." >&2
  exit 1
fi
git checkout -- "$compiled"

echo "== The migration scripts a fresh database runs are current (regenerated in place; any difference fails)"
scripts=AdminCenter.Core/Persistence/MigrationScripts
for context in AdminCenterDbContext:Sqlite PostgreSqlAdminCenterDbContext:PostgreSql; do
  dotnet ef migrations script --project AdminCenter.Core --no-build --context "${context%%:*}" -o "$scripts/${context##*:}.sql" >/dev/null
done
if ! git diff --quiet -- "$scripts" || [ -n "$(git ls-files --others --exclude-standard -- "$scripts")" ]; then
  echo "The migration scripts were stale and have been regenerated: rebuild and commit $scripts." >&2
  exit 1
fi

echo "== Unit and component tests"
dotnet test AdminCenter.Tests --no-build --nologo

throwaway_postgres_start

echo "== Core and API tests on PostgreSQL"
ADMINCENTER_TEST_PROVIDER=PostgreSQL ADMINCENTER_TEST_POSTGRES="$ADMINCENTER_TEST_POSTGRES" \
  dotnet test AdminCenter.Tests --no-build --nologo \
  --filter "FullyQualifiedName~AdminCenter.Tests.Core.|FullyQualifiedName~AdminCenter.Tests.Api."

echo "== Two instances on one PostgreSQL database"
ADMINCENTER_TEST_POSTGRES="$ADMINCENTER_TEST_POSTGRES" dotnet test e2e --no-build --nologo --filter "Category=TwoInstances"

# Not needed by the runs below: give its memory and cores back to them.
throwaway_postgres_stop

echo "== End-to-end tests"
dotnet test e2e --no-build --nologo --filter "Category!=TwoInstances"

# The same suite as a remote admin sees it (100 ms each way) and on a machine whose every core is busy: typed text,
# clicks and waits must hold on state, not on timing.
echo "== End-to-end tests through a latency proxy (100 ms each way)"
E2E_PROXY_DELAY_MS=100 dotnet test e2e --no-build --nologo --filter "Category!=TwoInstances"

echo "== End-to-end tests with every core busy"
E2E_CPU_BURNERS=cores dotnet test e2e --no-build --nologo --filter "Category!=TwoInstances"
