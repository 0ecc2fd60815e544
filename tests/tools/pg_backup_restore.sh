#!/usr/bin/env bash
# Proves the PostgreSQL backup procedure of README "Backup, restore and upgrade" on a throwaway server:
# the app takes three inquiries, `pg_dump -Fc` runs while it serves, `backup DIR` copies the keys, the dump is restored
# with `pg_restore` into a new database, `restore DIR` puts the keys into a fresh data directory, and the app started
# on both finds the three cases and still accepts a bearer token issued before the backup (the keys came back).
# Usage: tests/tools/pg_backup_restore.sh PG_BIN_DIR PG_PORT APP_DIR     (tests/run.sh runs it)
set -euo pipefail

pg_bin="$1" pg_port="$2" app_dir="$3"
work="$(mktemp -d /tmp/consultdesk-pgbackup.XXXXXX)"
app_pid=""
export PGPASSWORD=consultdesk PGHOST=127.0.0.1 PGPORT="$pg_port" PGUSER=consultdesk
suffix="$(date +%s)_$$"
source_db="consultdesk_backup_src_$suffix" target_db="consultdesk_backup_restored_$suffix"

log() { printf '[pg_backup_restore] %s\n' "$*"; }
cleanup() {
  set +e
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  "$pg_bin/psql" -q -d postgres -c "DROP DATABASE IF EXISTS \"$source_db\" WITH (FORCE)" >/dev/null 2>&1
  "$pg_bin/psql" -q -d postgres -c "DROP DATABASE IF EXISTS \"$target_db\" WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
app_env() { # data directory, database
  export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base"
  export ConsultDesk__DataDirectory="$1" ConsultDesk__Database__Provider=Postgres
  export ConnectionStrings__ConsultDesk="Host=127.0.0.1;Port=$pg_port;Username=consultdesk;Password=consultdesk;Database=$2"
  export ConsultDesk__Mail__Transport=Pickup ConsultDesk__Jobs__RunServer=false
  export ConsultDesk__Bootstrap__AdminEmail=admin@pgbackup.test ConsultDesk__Bootstrap__AdminPassword=PgBackup-Admin-2026
  export Logging__LogLevel__Default=Warning
}
start_app() {
  (cd "$app_dir" && exec dotnet ConsultDesk.Web.dll) >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do
    curl -sf "$base/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
  done
  log "the app did not become ready"; cat "$work/app.log"; exit 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
json_field() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

"$pg_bin/psql" -q -d postgres -c "CREATE DATABASE \"$source_db\"" >/dev/null
app_env "$work/data-live" "$source_db"
start_app
token="$(curl -sf "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@pgbackup.test","password":"PgBackup-Admin-2026"}' | json_field accessToken)"
references=()
for i in 1 2 3; do
  reference="$(curl -sf "$base/api/v1/inquiries" -H 'Content-Type: application/json' -d '{
    "inquirerType":"worker","prefectureCode":"47","topics":["relocation"],"preferredChannel":"email",
    "contact":{"familyName":"髙橋","givenName":"𠮷子","familyNameKana":"たかはし","givenNameKana":"ﾖｼｺ","email":"pg-backup-'"$i"'@example.jp"},
    "subject":"バックアップ確認 '"$i"'","message":"pg_dump and pg_restore","privacyConsent":true}' | json_field reference)"
  references+=("$reference")
done
log "submitted ${references[*]}"

# The procedure, while the app serves: the database with pg_dump, the keys (and pickup mail) with the app's command.
"$pg_bin/pg_dump" -Fc -d "$source_db" -f "$work/consultdesk.dump"
(cd "$app_dir" && dotnet ConsultDesk.Web.dll backup "$work/files")
stop_app

"$pg_bin/psql" -q -d postgres -c "CREATE DATABASE \"$target_db\"" >/dev/null
"$pg_bin/pg_restore" --no-owner --exit-on-error -d "$target_db" "$work/consultdesk.dump"
app_env "$work/data-restored" "$target_db"
(cd "$app_dir" && dotnet ConsultDesk.Web.dll restore "$work/files")
start_app
for reference in "${references[@]}"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/cases/$reference" -H "Authorization: Bearer $token")"
  [ "$status" = 200 ] || { log "case $reference: HTTP $status after the restore"; exit 1; }
done
count="$("$pg_bin/psql" -tA -d "$target_db" -c "SELECT count(*) FROM \"Cases\"")"
[ "$count" = 3 ] || { log "the restored database holds $count cases, not 3"; exit 1; }
stop_app
log "OK: pg_dump/pg_restore plus the keys brought back all 3 cases and the old bearer token works"
