#!/usr/bin/env bash
# The full demo on a fresh machine: installs what is missing, builds and starts
# everything in the background, and prints where to go.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
npm run --silent stack:up
