#!/usr/bin/env bash
# Every test on a fresh machine: lint, types, unit, integration (real control
# plane), browser (real Chromium against the running stack).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

say "Lint";          npm run --silent lint
say "Type check";    npm run --silent typecheck
say "Unit tests";    npm run --silent test:unit
say "Starting the stack"
# A second console that impersonates people, so the browser tests cover both ways of acting as a person.
export ATRIUM_STACK_IMPERSONATION_CONSOLE=true
# CI leaves nothing running behind it; on a workstation the stack stays up for a look.
if [ "${CI:-}" = "true" ]; then trap 'npm run --silent stack:down' EXIT; fi
npm run --silent stack:up
say "Integration tests (real kube-apiserver)"; npm run --silent test:integration
say "Acceptance: the Kiosk walkthrough, step by step (kubectl, helm)"; npm run --silent test:acceptance
say "Browser tests (Chromium)";               npm run --silent test:e2e
say "All tests passed"
