#!/usr/bin/env bash
# Packed-tarball install test: what a user gets from `npm install`. Packs every public package,
# installs the tarballs into scratch projects in a temporary directory (third-party packages from
# the npm registry), compiles strict TypeScript programs against them in ESM and CommonJS
# (skipLibCheck: false), runs them, and runs the CLI from the tarballs. Needs `npm run build` first.
# Any failure stops the script with a non-zero exit.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fixtures="$repo/test/pack/fixtures"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/ecoledger-pack.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
npm_install=(npm install --prefer-offline --no-audit --no-fund --loglevel=error)
step() { printf '\n== pack test: %s\n' "$*"; }
fail() { printf 'pack test FAILED: %s\n' "$*" >&2; exit 1; }

step "pack the public packages into $scratch/tarballs"
mkdir -p "$scratch/tarballs"
for package in ledger products cli; do
  [ -f "$repo/packages/$package/dist/index.js" ] || fail "packages/$package is not built: run npm run build first"
  cmp -s "$repo/LICENSE" "$repo/packages/$package/LICENSE" || fail "packages/$package/LICENSE differs from the root LICENSE"
  (cd "$repo/packages/$package" && npm pack --silent --pack-destination "$scratch/tarballs" >/dev/null)
done
ledger_tgz="$(ls "$scratch"/tarballs/ecoledger-ledger-*.tgz)"
products_tgz="$(ls "$scratch"/tarballs/ecoledger-products-*.tgz)"
cli_tgz="$(ls "$scratch"/tarballs/ecoledger-cli-*.tgz)"

step "check the tarballs' contents and manifests"
node "$repo/test/pack/checkTarballs.mjs" "$repo" "$ledger_tgz" "$cli_tgz"

# A scratch project: package.json (CommonJS by default), the strict tsconfig and two programs.
project() {
  local dir="$scratch/$1"
  mkdir -p "$dir"
  cp "$fixtures/tsconfig.json" "$dir/"
  cp "$fixtures/$1"/*.mts "$fixtures/$1"/*.cts "$dir/"
  printf '{ "name": "scratch-%s", "private": true, "allowScripts": { "better-sqlite3": true } }\n' "$1" > "$dir/package.json"
}

step "memory-only user: npm install the ledger tarball alone (its peers fp-ts and io-ts come with it)"
project memory
(cd "$scratch/memory" && "${npm_install[@]}" "$ledger_tgz" typescript@~5.9.3 @types/node@^20.19.0)
for absent in better-sqlite3 pg @eventstore/db-client @grpc/grpc-js google-protobuf; do
  [ ! -e "$scratch/memory/node_modules/$absent" ] || fail "npm install @ecoledger/ledger pulled in $absent"
done
[ -z "$(find "$scratch/memory/node_modules" -name '*.node' -o -name binding.gyp | head -1)" ] || fail "npm install @ecoledger/ledger pulled in a native addon"
echo "no native addon and no gRPC stack installed"

step "memory-only user: compile strict ESM + CommonJS programs (skipLibCheck: false) and run them"
(cd "$scratch/memory" && npx tsc -p . && node out/esm.mjs && node out/cjs.cjs)

step "full user: the ledger, products and CLI tarballs with every driver and its types"
project full
# Where better-sqlite3's prebuilt binary cannot be downloaded (no access to github.com), npm
# compiles it from source; -O0 makes that compile several times faster, and this test's addon is
# only used by the scratch programs below.
(cd "$scratch/full" && CFLAGS="${CFLAGS:--O0}" CXXFLAGS="${CXXFLAGS:--O0}" "${npm_install[@]}" "$ledger_tgz" "$products_tgz" "$cli_tgz" typescript@~5.9.3 @types/node@^20.19.0 \
  better-sqlite3@^12.11.1 @types/better-sqlite3@^7.6.13 pg@^8.23.1 @types/pg@^8.23.1 @eventstore/db-client@^6.2.1)
[ ! -e "$scratch/full/node_modules/@ecoledger/cli/node_modules/@ecoledger" ] || fail "the CLI installed its own copy of an @ecoledger package"

step "full user: compile strict ESM + CommonJS programs using every subpath and /testing types, run them on SQLite"
(cd "$scratch/full" && npx tsc -p . && node out/esm.mjs "$scratch/esm.db" && node out/cjs.cjs "$scratch/cjs.db")

step "the CLI from the tarballs"
cd "$scratch/full"
npx --no-install ecoledger --help >/dev/null
echo "ecoledger --help: ok"
npx --no-install ecoledger demo >"$scratch/demo.out" || { cat "$scratch/demo.out"; fail "ecoledger demo"; }
# Every scenario the CLI lists ran and is ok in the summary table.
scenario_names="$(npx --no-install ecoledger scenario list --json | node -e 'let t = ""; process.stdin.on("data", (d) => (t += d)).on("end", () => console.log(JSON.parse(t).scenarios.map((s) => s.name).join(" ")))')"
[ -n "$scenario_names" ] || fail "ecoledger scenario list --json named no scenario"
for name in $scenario_names; do
  grep -Eq "^│ $name +│ ok +│" "$scratch/demo.out" || { cat "$scratch/demo.out"; fail "ecoledger demo: scenario $name is not ok in the summary"; }
done
grep -q '^All invariants hold in ' "$scratch/demo.out" || { cat "$scratch/demo.out"; fail "ecoledger demo: no closing line"; }
echo "ecoledger demo: ok ($scenario_names)"
npx --no-install ecoledger demo --store "sqlite:$scratch/demo.db" >"$scratch/demo-sqlite.out" || { cat "$scratch/demo-sqlite.out"; fail "ecoledger demo --store sqlite:"; }
echo "ecoledger demo --store sqlite:$scratch/demo.db: ok"
npx --no-install ecoledger verify --store "sqlite:$scratch/demo.db" >"$scratch/verify.out" || { cat "$scratch/verify.out"; fail "ecoledger verify --store sqlite:"; }
echo "ecoledger verify --store sqlite:$scratch/demo.db: ok"
npx --no-install ecoledger deposit quote --principal 10000 --annual-rate 5 --months 12 --compounding monthly --json >"$scratch/quote.out" || { cat "$scratch/quote.out"; fail "ecoledger deposit quote"; }
grep -q '"maturityAmount":"10511.62"' "$scratch/quote.out" || { cat "$scratch/quote.out"; fail "ecoledger deposit quote: wrong maturity amount"; }
echo "ecoledger deposit quote: ok"

step "passed"
