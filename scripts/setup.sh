#!/usr/bin/env bash
# Installs what Atrium's demo and tests need on a fresh Debian machine of this
# kind: Debian packages, npm dependencies (Node 24 comes from npm itself).
# Idempotent; sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

# Go lives in /usr/local/go on these machines; the devcluster is built with it.
export PATH="/usr/local/go/bin:$PATH"
export GOTOOLCHAIN=local NEXT_TELEMETRY_DISABLED=1

# bubblewrap: the run-as-image test runs the images' filesystems read-only, as a non-root uid (test/images).
apt_packages=(chromium openssl ca-certificates postgresql bubblewrap)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null; then
  echo "Go is required to build the dev control plane (expected at /usr/local/go/bin/go)." >&2
  exit 1
fi

# Reinstall npm dependencies only when the lockfile changed since the last install.
stamp=node_modules/.atrium-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# The Prisma client is generated from prisma/schema.prisma into prisma/generated/ (git-ignored), again whenever the
# schema or the Prisma version changes.
schema_stamp=prisma/generated/.atrium-schema-hash
want_schema=$(cat prisma/schema.prisma package-lock.json | sha256sum | cut -d' ' -f1)
if [ ! -f "$schema_stamp" ] || [ "$(cat "$schema_stamp")" != "$want_schema" ]; then
  say "Generating the Prisma client (prisma/generated)"
  out=$(npm run --silent db:generate 2>&1) || { echo "$out" >&2; exit 1; }
  echo "$want_schema" > "$schema_stamp"
fi

# From here on every npm script runs on Node 24 from node_modules/.bin.
export PATH="$PWD/node_modules/.bin:$PATH"
