#!/usr/bin/env bash
# The benchmark suite in one command: seeds realistic cases at each size on SQLite and PostgreSQL, runs the built app
# (Release, Production) against each seeded database with SMTP pointed at a local sink, measures it over HTTP with
# concurrent clients, measures the floors of the same machine in the same run, and prints one table with targets.
#
# Usage: bench/run.sh [--sizes 10000,100000,1000000] [--db sqlite,postgres] [--duration SECONDS] [--declarations N] [--smoke] [--no-build] [--keep] [--only PARTS]
#   --sizes     case counts to seed and measure (default all three)
#   --db        databases (default both); postgres needs PostgreSQL binaries (apt-get install -y postgresql)
#   --duration  seconds per load phase: intake, queue, search, case detail and the raw-insert floors (default 20)
#   --declarations  accepted Action宣言 to seed for the public list figure (default 100000; 0 skips it)
#   --info-items    published policies to seed for the portal finder figure (default 10000; 0 skips it)
#   --smoke     one size of 1000 cases, 2-second phases, both databases when PostgreSQL is installed; exits non-zero if
#               any step fails, never because a target is missed (tests/run.sh runs this so the bench cannot rot)
#   --no-build  use the Release builds already there (tests/run.sh has just built the solution)
#   --keep      keep bench/work/<run>/ (databases, logs) afterwards
#   --only      parts to run, comma-separated (default all): floors, mail, suggestions, certificates, cases, declarations, info
# BENCH_PG_EXTRA adds server settings to the private PostgreSQL cluster, for diagnosis: e.g. "-c shared_preload_libraries=
# auto_explain,pg_stat_statements -c auto_explain.log_min_duration=25ms -c auto_explain.log_analyze=on" logs each slow plan.
# What it measures, per database and size: seeding time, intake throughput and p50/p95 (16 clients, POST
# /api/v1/inquiries, timed after the same load has run untimed for min(30, 3 × duration) s so the JIT has tiered up),
# queue page p95 (GET /api/v1/cases, several filters and sorts, keyset pages), search p95 (Japanese words, frequent and
# rare), exact lookup p95 (q = a seeded case's email, phone or reference), case detail p95, each
# manager report (n/a while the app answers 404), the app's peak RSS (VmHWM).
# Per database once: the public Action宣言 list p95 (GET /api/v1/public/declarations) at --declarations accepted
# declarations, bulk-loaded. Once per run: the raw insert floors (SQLite file with WAL and synchronous=FULL; PostgreSQL, one
# transaction per case+outbox pair), the HTTP floor per database (a minimal Kestrel endpoint parsing the intake JSON and
# inserting the same case+outbox rows per transaction at the same durability, under the same 16 intake clients), outbox mail delivery beside a plain MailKit loop, match suggestions over 2,000 × 5
# offices, and the 宣言書 certificate p95 per database (200 accepted declarations, 5 with --smoke; cold = each number drawn once).
# PostgreSQL: a private cluster (fsync on) in the work folder on a free port, unless CONSULTDESK_TEST_POSTGRES names a
# running server (tests/run.sh sets it; that cluster runs with fsync=off, which the table notes).
# Results: bench/results/<utc>-<dbs>.md and .json plus latest.md/latest.json (smoke runs: bench/results/smoke-latest.*).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
log() { printf '[bench/run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

sizes="10000,100000,1000000" dbs="sqlite,postgres" duration=20 smoke=0 build=1 keep=0 declarations=100000 info_items=10000 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --db) dbs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --declarations) declarations="$2"; shift 2 ;;
    --info-items) info_items="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --no-build) build=0; shift ;;
    --keep) keep=1; shift ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
mail_count=2000 mail_rounds=3 suggestion_runs=200 report_runs=5 read_clients=2 intake_clients=16
if [ "$smoke" -eq 1 ]; then
  sizes=1000 duration=2 mail_count=100 mail_rounds=1 suggestion_runs=5 report_runs=2 declarations=300 info_items=300
  if [ -z "${CONSULTDESK_TEST_POSTGRES:-}" ] && { [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; }; then
    dbs=sqlite
    log "PostgreSQL is not installed: smoke runs on SQLite only"
  fi
fi
case ",$dbs," in *,postgres,*)
  if [ -z "${CONSULTDESK_TEST_POSTGRES:-}" ] && { [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; }; then
    echo "PostgreSQL binaries not found (apt-get install -y postgresql) and CONSULTDESK_TEST_POSTGRES is not set" >&2; exit 1
  fi ;;
esac
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd is missing (apt-get install -y python3-aiosmtpd)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$root/bench/work/$stamp"
mkdir -p "$work"
chmod 755 "$work"
results="$work/results.jsonl"
: >"$results"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

app_pid="" smtp_pid="" pg_dir="" own_pg=0 pg_template_ready=0
stop_app() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
  fi
}
cleanup() {
  set +e
  stop_app
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null
  [ "$pg_template_ready" -eq 1 ] && pg_sql "DROP DATABASE IF EXISTS bench_template WITH (FORCE)"
  if [ "$own_pg" -eq 1 ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  fi
  if [ "$keep" -eq 0 ]; then rm -rf "$work"; else log "kept $work"; fi
}
trap cleanup EXIT

# --- build ------------------------------------------------------------------------------------------------------------
if [ "$build" -eq 1 ]; then
  log "building the app and the bench (Release)"
  dotnet build src/ConsultDesk.Web -c Release -nologo -v quiet >/dev/null
  dotnet build bench/ConsultDesk.Bench -c Release -nologo -v quiet >/dev/null
fi
web_out="$root/src/ConsultDesk.Web/bin/Release/net10.0"
bench_dll="$root/bench/ConsultDesk.Bench/bin/Release/net10.0/ConsultDesk.Bench.dll"
[ -f "$web_out/ConsultDesk.Web.dll" ] && [ -f "$bench_dll" ] || { echo "Release builds missing: run without --no-build" >&2; exit 1; }
bench() { dotnet "$bench_dll" "$@" --results "$results"; }

# --- SMTP sink (the tests' aiosmtpd sink: every message written to a folder) -------------------------------------------
smtp_port="$(free_port)"
PYTHONUNBUFFERED=1 /usr/bin/python3 "$root/tests/tools/smtp_sink.py" 127.0.0.1 "$smtp_port" "$work/smtp" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 50); do grep -q listening "$work/smtp.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/smtp.log" || { log "SMTP sink did not start"; cat "$work/smtp.log"; exit 1; }
log "SMTP sink on 127.0.0.1:$smtp_port"

# --- PostgreSQL ---------------------------------------------------------------------------------------------------------
pg_fsync=on
case ",$dbs," in *,postgres,*)
  if [ -n "${CONSULTDESK_TEST_POSTGRES:-}" ]; then
    pg_host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$CONSULTDESK_TEST_POSTGRES")"
    pg_port="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$CONSULTDESK_TEST_POSTGRES")"
    pg_fsync="$(PGPASSWORD=consultdesk psql -tA -h "$pg_host" -p "$pg_port" -U consultdesk -d postgres -c 'SHOW fsync')"
    log "reusing PostgreSQL on $pg_host:$pg_port (fsync=$pg_fsync)"
  else
    pg_dir="$work/pg" pg_host=127.0.0.1 pg_port="$(free_port)"
    mkdir -p "$pg_dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; as_pg=(runuser -u postgres --); else as_pg=(); fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # fsync stays on: a benchmark measures the durability the app is run with.
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c shared_buffers=256MB -c max_wal_size=4GB ${BENCH_PG_EXTRA:-}" start >/dev/null
    own_pg=1
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE ROLE consultdesk LOGIN PASSWORD 'consultdesk' CREATEDB" >/dev/null
    # Databases are dropped WITH (FORCE); an autovacuum worker on one is not the role's own process.
    psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "GRANT pg_signal_backend TO consultdesk" >/dev/null
    log "PostgreSQL on 127.0.0.1:$pg_port (private cluster, fsync on)"
  fi
  pg_sql() { PGPASSWORD=consultdesk psql -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U consultdesk -d postgres -c "$1" >/dev/null; }
  pg_cs() { echo "Host=$pg_host;Port=$pg_port;Username=consultdesk;Password=consultdesk;Database=$1"; }
  ;;
esac

# --- the app as its own process -------------------------------------------------------------------------------------------
admin_email=admin@bench.example.jp admin_password=Bench-Admin-2026
start_app() { # db data-directory [connection-string]
  local provider=Sqlite
  [ "$1" = postgres ] && provider=Postgres
  app_port="$(free_port)"
  (
    cd "$web_out"
    export ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production
    export ConsultDesk__DataDirectory="$2" ConsultDesk__Database__Provider="$provider"
    [ -n "${3:-}" ] && export ConnectionStrings__ConsultDesk="$3"
    export ConsultDesk__Mail__Transport=Smtp ConsultDesk__Mail__Smtp__Host=127.0.0.1 ConsultDesk__Mail__Smtp__Port="$smtp_port"
    # The limits protect a public desk from one address; the bench is one address sending thousands.
    export ConsultDesk__RateLimiting__Intake__PerIpPerMinute=100000000 ConsultDesk__RateLimiting__Intake__PerEmailPerDay=1000000
    export ConsultDesk__Auth__SignInsPerIpPerMinute=100000 ConsultDesk__RateLimiting__LookupsPerIpPerMinute=100000000
    export ConsultDesk__Bootstrap__AdminEmail="$admin_email" ConsultDesk__Bootstrap__AdminPassword="$admin_password"
    export Logging__LogLevel__Default=Warning
    # As the container image, the README's systemd unit and launchSettings.json run it.
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-4}"
    exec dotnet ConsultDesk.Web.dll
  ) >>"$work/app-$1.log" 2>&1 &
  app_pid=$!
  base_url="http://127.0.0.1:$app_port"
  for _ in $(seq 600); do
    kill -0 "$app_pid" 2>/dev/null || { log "the app exited during startup"; tail -n 40 "$work/app-$1.log"; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base_url/health/ready" || true)" = 200 ] && return 0
    sleep 0.2
  done
  log "the app did not become ready"; tail -n 40 "$work/app-$1.log"; exit 1
}
# A PostgreSQL database the app has already migrated (schema, Hangfire tables, sample content): a copy of a template the
# app migrates once per run, so each part does not wait for the app to migrate a fresh database (about 10 s each).
pg_create_migrated() { # name
  if [ "$pg_template_ready" -eq 0 ]; then
    pg_sql "DROP DATABASE IF EXISTS bench_template WITH (FORCE)"
    pg_sql "CREATE DATABASE bench_template"
    mkdir -p "$work/template"
    start_app postgres "$work/template" "$(pg_cs bench_template)"
    stop_app
    pg_template_ready=1
  fi
  pg_sql "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  pg_sql "CREATE DATABASE $1 TEMPLATE bench_template"
}
record() { # db size metric value unit
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"db":sys.argv[1],"size":sys.argv[2],"metric":sys.argv[3],"value":float(sys.argv[4]),"unit":sys.argv[5],"extra":None}))' "$@" >>"$results"
}

# --- floors, mail and suggestions (once per run) --------------------------------------------------------------------------
want floors && for db in ${dbs//,/ }; do
  log "raw insert floor on $db (${duration} s)"
  if [ "$db" = sqlite ]; then
    bench floor --provider sqlite --data "$work/floor" --duration "$duration" --db sqlite
  else
    pg_sql "CREATE DATABASE bench_floor"
    bench floor --provider postgres --connection "$(pg_cs bench_floor)" --clients "$intake_clients" --duration "$duration" --db postgres
    pg_sql "DROP DATABASE bench_floor WITH (FORCE)"
  fi
  # The HTTP floor: Kestrel answering the same intake JSON with one case+outbox transaction, driven by the intake client.
  log "HTTP floor on $db (${duration} s, $intake_clients clients)"
  floor_port="$(free_port)" floor_args=(--provider sqlite --data "$work/http-floor")
  if [ "$db" = postgres ]; then pg_sql "CREATE DATABASE bench_http_floor"; floor_args=(--provider postgres --connection "$(pg_cs bench_http_floor)"); fi
  dotnet "$bench_dll" http-floor "${floor_args[@]}" --port "$floor_port" >>"$work/http-floor-$db.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$floor_port/health/ready" || true)" = 200 ] && break; sleep 0.1; done
  bench intake --base-url "http://127.0.0.1:$floor_port" --metric "http floor" --clients "$intake_clients" --duration "$duration" --db "$db" \
    --app-pid "$app_pid" --sink-pid "$smtp_pid"
  stop_app
  if [ "$db" = postgres ]; then pg_sql "DROP DATABASE bench_http_floor WITH (FORCE)"; fi
done
want mail && log "outbox mail delivery beside a plain MailKit loop ($mail_count messages × $mail_rounds)"
want mail && bench mail --smtp-host 127.0.0.1 --smtp-port "$smtp_port" --count "$mail_count" --rounds "$mail_rounds" --data "$work/mail" --db sqlite
want suggestions && log "match suggestions over 2,000 municipalities × 5 offices ($suggestion_runs runs)"
want suggestions && bench suggestions --runs "$suggestion_runs" --data "$work/suggestions" --db sqlite
# 宣言書: per database, a fresh app and $cert_count accepted declarations; each certificate fetched once cold (first
# drawing of that number: the target reads this) and once warm (from the per-version cache).
cert_count=200
if [ "$smoke" -eq 1 ]; then cert_count=5; fi
want certificates && for db in ${dbs//,/ }; do
  log "certificate p95 on $db ($cert_count accepted declarations, cold then warm)"
  cert_data="$work/certificates-$db" cert_cs=""
  mkdir -p "$cert_data"
  if [ "$db" = postgres ]; then
    pg_create_migrated bench_certificates
    cert_cs="$(pg_cs bench_certificates)"
  fi
  start_app "$db" "$cert_data" "$cert_cs"
  bench certificates --provider "$db" --connection "${cert_cs:-Data Source=$cert_data/consultdesk.db}" --base-url "$base_url" --count "$cert_count" --db "$db"
  stop_app
  if [ "$db" = postgres ]; then pg_sql "DROP DATABASE IF EXISTS bench_certificates WITH (FORCE)"; fi
done

if [ "$smoke" -eq 1 ]; then prefix=smoke-; else prefix=""; fi
report() {
  /usr/bin/python3 "$root/bench/report.py" "$results" "$root/bench/results" --stamp "$stamp" --dbs "$dbs" --prefix "$prefix" \
    --note "PostgreSQL fsync=$pg_fsync; intake $intake_clients clients, reads $read_clients clients, ${duration} s phases; $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" "$@"
}

# --- per database and size: migrate, create consultants, seed, measure --------------------------------------------------
want cases && for db in ${dbs//,/ }; do
  for size in ${sizes//,/ }; do
    data="$work/$db-$size"
    mkdir -p "$data"
    cs=""
    if [ "$db" = postgres ]; then
      dbname="bench_$size"
      pg_create_migrated "$dbname"
      cs="$(pg_cs "$dbname")"
      seed_cs="$cs"
    else
      seed_cs="Data Source=$data/consultdesk.db"
    fi
    log "$db $size: migrating and creating 20 consultants"
    start_app "$db" "$data" "$cs"
    bench users --base-url "$base_url" --email "$admin_email" --password "$admin_password" --count 20 --out "$data/assignees.txt" --db "$db" --size "$size"
    stop_app
    log "$db $size: seeding"
    bench seed --provider "$db" --connection "$seed_cs" --count "$size" --assignees "$data/assignees.txt" --references-out "$data/references.txt" --db "$db" --size "$size"
    log "$db $size: measuring over HTTP (${duration} s phases)"
    start_app "$db" "$data" "$cs"
    bench http --base-url "$base_url" --email "$admin_email" --password "$admin_password" --references "$data/references.txt" \
      --assignees "$data/assignees.txt" --duration "$duration" --clients "$intake_clients" --read-clients "$read_clients" \
      --report-runs "$report_runs" --db "$db" --size "$size" --app-pid "$app_pid" --sink-pid "$smtp_pid"
    hwm_kb="$(awk '/VmHWM/ {print $2}' "/proc/$app_pid/status")"
    record "$db" "$size" "peak RSS (VmHWM)" "$(awk -v kb="$hwm_kb" 'BEGIN { print kb / 1024 }')" MB
    stop_app
    # --keep keeps the seeded database too (restart the kept cluster with pg_ctl -D bench/work/<run>/pg/data start).
    if [ "$db" = postgres ] && [ "$keep" -eq 0 ]; then pg_sql "DROP DATABASE IF EXISTS $dbname WITH (FORCE)"; fi
    [ "$keep" -eq 1 ] || rm -rf "$data"
    report >/dev/null
  done
done

# --- the public Action宣言 list: accepted declarations bulk-loaded per database, then the JSON list API under 2 readers ---------
if [ "$declarations" -gt 0 ] && want declarations; then
  for db in ${dbs//,/ }; do
    data="$work/$db-declarations"
    mkdir -p "$data"
    cs=""
    if [ "$db" = postgres ]; then
      pg_create_migrated bench_declarations
      cs="$(pg_cs bench_declarations)"
      seed_cs="$cs"
    else
      seed_cs="Data Source=$data/consultdesk.db"
    fi
    log "$db: migrating and seeding $declarations accepted declarations"
    # SQLite: the app migrates the new file; PostgreSQL: the copy of the template is migrated already.
    if [ "$db" = sqlite ]; then start_app "$db" "$data" "$cs"; stop_app; fi
    bench declarations-seed --provider "$db" --connection "$seed_cs" --count "$declarations" --db "$db"
    log "$db: measuring the public declaration list (${duration} s)"
    start_app "$db" "$data" "$cs"
    bench declarations-http --base-url "$base_url" --count "$declarations" --duration "$duration" --read-clients "$read_clients" --db "$db"
    stop_app
    if [ "$db" = postgres ]; then pg_sql "DROP DATABASE IF EXISTS bench_declarations WITH (FORCE)"; fi
    [ "$keep" -eq 1 ] || rm -rf "$data"
  done
fi

# --- the portal finder: published policies bulk-loaded per database, then the JSON finder (a word and two facets) -------
if [ "$info_items" -gt 0 ] && want info; then
  for db in ${dbs//,/ }; do
    data="$work/$db-info"
    mkdir -p "$data"
    cs=""
    if [ "$db" = postgres ]; then
      pg_create_migrated bench_info
      cs="$(pg_cs bench_info)"
      seed_cs="$cs"
    else
      seed_cs="Data Source=$data/consultdesk.db"
    fi
    log "$db: migrating and seeding $info_items published policies"
    # SQLite: the app migrates the new file; PostgreSQL: the copy of the template is migrated already.
    if [ "$db" = sqlite ]; then start_app "$db" "$data" "$cs"; stop_app; fi
    bench info-seed --provider "$db" --connection "$seed_cs" --count "$info_items" --db "$db"
    log "$db: measuring the portal finder (${duration} s)"
    start_app "$db" "$data" "$cs"
    bench info-http --base-url "$base_url" --count "$info_items" --duration "$duration" --read-clients "$read_clients" --db "$db"
    stop_app
    if [ "$db" = postgres ]; then pg_sql "DROP DATABASE IF EXISTS bench_info WITH (FORCE)"; fi
    [ "$keep" -eq 1 ] || rm -rf "$data"
  done
fi

# --- the table (written again after each size, so a long run that dies still leaves what it measured) ------------------
report
log "done"
