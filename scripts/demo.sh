#!/usr/bin/env bash
# The full demo on a fresh machine: installs what is missing, builds and starts
# everything in the background, seeds the walkthrough's accounts, and prints
# where to go and how to sign in.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
npm run --silent stack:up
npm run --silent stack:seed
