#!/usr/bin/env bash
# Installs bilateral as README says (cargo install --locked --path .) into a
# temporary root, then runs every example of README against that binary, and
# checks that each exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
cargo install --locked --path . --root "$root"
BILATERAL_BIN="$root/bin/bilateral" cargo test --locked --test it readme -- --nocapture
