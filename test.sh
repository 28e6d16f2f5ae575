#!/usr/bin/env bash
# Runs every test: Core unit tests, bUnit component tests, and Playwright end-to-end tests in Debian's Chromium.
# Installs what a fresh machine lacks (Chromium via apt-get, NuGet packages, the local dotnet-ef tool).
set -euo pipefail
cd "$(dirname "$0")"

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

echo "== The model and the migrations agree"
dotnet ef migrations has-pending-model-changes --project AdminCenter.Core --no-build

echo "== Unit and component tests"
dotnet test AdminCenter.Tests --no-build --nologo

echo "== End-to-end tests"
dotnet test e2e --no-build --nologo

# The same suite as a remote admin sees it (100 ms each way) and on a machine whose every core is busy: typed text,
# clicks and waits must hold on state, not on timing.
echo "== End-to-end tests through a latency proxy (100 ms each way)"
E2E_PROXY_DELAY_MS=100 dotnet test e2e --no-build --nologo

echo "== End-to-end tests with every core busy"
E2E_CPU_BURNERS=cores dotnet test e2e --no-build --nologo
