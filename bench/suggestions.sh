#!/usr/bin/env bash
# Match suggestions for one company case over the generator's 2,000 municipalities × 5 offices on a SQLite file:
# p50/p95 of the whole handler (target ≤ 100 ms). Usage: bench/suggestions.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/consultdesk-bench-suggest.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project "$root/bench/ConsultDesk.Bench" -- suggestions --runs "${1:-200}" --data "$work/data"
