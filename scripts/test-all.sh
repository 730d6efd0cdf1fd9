#!/usr/bin/env bash
# The one command that installs everything and runs every test, on a fresh Debian machine or a dev box:
#   npm run test:all
# System packages (Prometheus), the Node 24 runtime we ship, npm packages, Go modules for the conformance
# harness and a docker compose client are installed here; nothing has to be set up by hand first.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/steps.sh

required_step "system packages" bash scripts/install-system-deps.sh

# Run everything on the Node version we bundle in the backend executables.
NODE24="$(node scripts/node-runtime.mjs x64)" || { echo "could not fetch the Node 24 runtime" >&2; exit 1; }
export PATH="$(dirname "$NODE24"):$PATH"
echo "node $(node --version) from $(command -v node)"

required_step "npm ci" npm ci --no-audit --no-fund
step "lint" npm run lint
step "format" npx prettier --check .
step "typecheck" npm run typecheck
step "unit tests" bash scripts/unit-tests.sh
required_step "build" npm run build
step "integration tests" npm run test:integration
step "conformance" npm run test:conformance
step "browser tests" bash scripts/e2e.sh
step "compose config" bash scripts/check-compose.sh

summary
[ ${#FAILED_STEPS[@]} -eq 0 ]
