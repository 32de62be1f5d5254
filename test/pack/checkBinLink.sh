#!/usr/bin/env bash
# After `npm ci` in a clone: node_modules/.bin/ecoledger must be the workspace CLI's committed
# bin shim, so the README's `npx ecoledger ...` runs the local CLI rather than falling through to
# the public registry. Before the build the shim must say so (exit 2); after it, it must run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
link="$repo/node_modules/.bin/ecoledger"
expected="$repo/packages/cli/bin/ecoledger.js"
[ -e "$link" ] || { echo "bin link FAILED: $link is missing after npm install" >&2; exit 1; }
[ "$(readlink -f "$link")" = "$(readlink -f "$expected")" ] || { echo "bin link FAILED: $link -> $(readlink -f "$link"), not $expected" >&2; exit 1; }
if [ -f "$repo/packages/cli/dist/bin.js" ]; then
  (cd "$repo" && npx --no-install ecoledger --help >/dev/null) || { echo "bin link FAILED: npx ecoledger --help" >&2; exit 1; }
  echo "bin link ok: npx ecoledger runs packages/cli (built)"
else
  set +e
  message="$(cd "$repo" && npx --no-install ecoledger --help 2>&1)"
  status=$?
  set -e
  [ "$status" -eq 2 ] && [[ "$message" == *"npm run build"* ]] || { echo "bin link FAILED: before the build npx ecoledger said (exit $status): $message" >&2; exit 1; }
  echo "bin link ok: npx ecoledger runs packages/cli (not built yet: it says to run npm run build)"
fi
