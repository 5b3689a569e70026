#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs what the tests need, then runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

# Browser tests drive Debian's Chromium through Playwright (browsers cannot be downloaded here); the cluster tests
# start a redis-server of their own on a free loopback port unless MODELOPS_TEST_REDIS names one (.ci/run does).
if ! command -v chromium >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium redis-server >/dev/null
fi

# The OpenAPI document is linted by the pinned npm tools of tests/ModelOps.GeneratedClient.Tests/lint (Node.js from apt when absent).
if ! command -v npm >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --prefix tests/ModelOps.GeneratedClient.Tests/lint --no-audit --no-fund --loglevel=error >/dev/null
dotnet tool restore >/dev/null  # Kiota (.config/dotnet-tools.json), which a generated-client test runs

# One test assembly at a time: the browser tests need the cores that the cluster tests would otherwise take.
dotnet test ModelOpsVision.sln --nologo -m:1 "$@"
