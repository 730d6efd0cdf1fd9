#!/usr/bin/env bash
# Jest (backend + frontend projects) with a JSON report, so test-all can print real test counts.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts/counts
npx jest --ci --maxWorkers 2 --json --outputFile artifacts/jest.json
status=$?
node -e '
  const r = require("./artifacts/jest.json");
  require("fs").writeFileSync("artifacts/counts/jest", `${r.numPassedTests} ${r.numFailedTests + r.numRuntimeErrorTestSuites}\n`);
' || echo "0 1" >artifacts/counts/jest
exit $status
