#!/usr/bin/env bash
# Outbox mail delivery per second beside a plain MailKit loop over one connection, both to the same real SMTP sink
# (Debian's python3-aiosmtpd, the one the tests use). Usage: bench/mail-throughput.sh [COUNT] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-2000}"
work="$(mktemp -d /tmp/consultdesk-bench-mail.XXXXXX)"
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
PYTHONUNBUFFERED=1 /usr/bin/python3 "$root/tests/tools/smtp_sink.py" 127.0.0.1 "$port" "$work/sink" >"$work/sink.log" 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/sink.log" 2>/dev/null && break; sleep 0.1; done
dotnet run -c Release --project "$root/bench/ConsultDesk.Bench" -- mail --smtp-host 127.0.0.1 --smtp-port "$port" --count "$count" --rounds "${2:-3}" --data "$work/data"
