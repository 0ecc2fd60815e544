#!/usr/bin/env bash
# Runs every test on a real SQLite file, a throwaway PostgreSQL server, a real SMTP sink and Debian's Chromium.
# Installs what is missing with apt, starts the servers, runs `dotnet test`, stops what it started.
# Usage: tests/run.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Intake]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { printf '[tests/run.sh] %s\n' "$*"; }

# --- prerequisites -----------------------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A Japanese font: the browser layout checks measure Japanese text, and screenshots should be readable.
[ -n "$(fc-list :lang=ja 2>/dev/null)" ] || missing+=(fonts-ipafont-gothic)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
[ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
[ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work="$(mktemp -d /tmp/consultdesk-tests.XXXXXX)"
chmod 755 "$work"
pg_dir="$work/pg"
pg_port="$(free_port)"
smtp_port="$(free_port)"
smtp_dir="$work/smtp"
smtp_pid=""
clamd_pid=""

cleanup() {
  set +e
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null
  [ -n "$clamd_pid" ] && kill "$clamd_pid" 2>/dev/null
  # dovecot (started below) writes its master pid into its own base_dir.
  if [ -f "$work/imap/run/master.pid" ]; then
    imap_pid="$(cat "$work/imap/run/master.pid")"
    kill "$imap_pid" 2>/dev/null
    for _ in $(seq 30); do kill -0 "$imap_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 \
      || "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- PostgreSQL (throwaway cluster; fsync off is for tests only) --------------------------------------------------
mkdir -p "$pg_dir"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
else
  as_pg=()
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE ROLE consultdesk LOGIN PASSWORD 'consultdesk' CREATEDB" >/dev/null
# The tests drop their databases WITH (FORCE); an autovacuum worker still on one is not the role's own process.
psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "GRANT pg_signal_backend TO consultdesk" >/dev/null
log "PostgreSQL on 127.0.0.1:$pg_port"

# --- SMTP sink -------------------------------------------------------------------------------------------------------
PYTHONUNBUFFERED=1 /usr/bin/python3 "$root/tests/tools/smtp_sink.py" 127.0.0.1 "$smtp_port" "$smtp_dir" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 50); do grep -q listening "$work/smtp.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/smtp.log" || { log "SMTP sink did not start"; cat "$work/smtp.log"; exit 1; }
log "SMTP sink on 127.0.0.1:$smtp_port"

# --- IMAP (Debian's dovecot with its own config: loopback port, no TLS, one passwd-file user, maildir in $work) -------
imap_dir="$work/imap"
imap_port="$(free_port)"
imap_password="desk-imap-password"
mkdir -p "$imap_dir/run" "$imap_dir/state" "$imap_dir/mail"
if [ "$(id -u)" -eq 0 ]; then
  # dovecot refuses to run its login and mail processes as root; nobody/nogroup exist on every Debian.
  imap_user=nobody imap_group=nogroup
  chown nobody:nogroup "$imap_dir/mail"
else
  imap_user="$(id -un)" imap_group="$(id -gn)"
fi
printf 'desk:{PLAIN}%s::::::\n' "$imap_password" >"$imap_dir/users"
chmod 644 "$imap_dir/users"
cat >"$imap_dir/dovecot.conf" <<DOVECOT
protocols = imap
listen = 127.0.0.1
base_dir = $imap_dir/run
state_dir = $imap_dir/state
log_path = $imap_dir/dovecot.log
info_log_path = $imap_dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $imap_user
default_internal_group = $imap_group
default_login_user = $imap_user
mail_uid = $imap_user
mail_gid = $imap_group
mail_location = maildir:$imap_dir/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $imap_dir/users
}
userdb {
  driver = static
  args = uid=$imap_user gid=$imap_group home=$imap_dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
DOVECOT
/usr/sbin/dovecot -c "$imap_dir/dovecot.conf"
imap_ready() {
  /usr/bin/python3 -c 'import socket, sys; s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1); sys.exit(0 if s.recv(64).startswith(b"* OK") else 1)' \
    "$imap_port" 2>/dev/null
}
for _ in $(seq 50); do imap_ready && break; sleep 0.1; done
imap_ready || { log "dovecot did not start"; cat "$imap_dir/dovecot.log" 2>/dev/null; exit 1; }
log "IMAP (dovecot) on 127.0.0.1:$imap_port"
export CONSULTDESK_TEST_IMAP_HOST=127.0.0.1
export CONSULTDESK_TEST_IMAP_PORT="$imap_port"
export CONSULTDESK_TEST_IMAP_USER=desk
export CONSULTDESK_TEST_IMAP_PASSWORD="$imap_password"

# --- ClamAV, only for the ClamAV tests (the whole suite, or a filter naming ClamAv/Attachment) --------------------------
# Debian's clamd with a private signature database: there is no internet here for freshclam, and the package ships no
# database, so the tests write one that knows only the EICAR test file (by its MD5 and by its text inside any file).
case "$*" in
  ""|*ClamAv*|*Attachment*) start_clamd=1 ;;
  *) start_clamd=0 ;;
esac
if [ "$start_clamd" = 1 ]; then
  clamd_dir="$work/clamd"
  clamd_port="$(free_port)"
  mkdir -p "$clamd_dir/db"
  eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
  printf '44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n' >"$clamd_dir/db/eicar.hdb"
  printf 'Eicar-Test-Signature-Body:0:*:%s\n' "$(printf '%s' "$eicar" | od -An -tx1 | tr -d ' \n')" >"$clamd_dir/db/eicar.ndb"
  {
    echo "Foreground yes"
    echo "DatabaseDirectory $clamd_dir/db"
    echo "TCPSocket $clamd_port"
    echo "TCPAddr 127.0.0.1"
    echo "LogFile $clamd_dir/clamd.log"
    echo "StreamMaxLength 30M"
    [ "$(id -u)" -eq 0 ] && echo "User root"
  } >"$clamd_dir/clamd.conf"
  /usr/sbin/clamd -c "$clamd_dir/clamd.conf" >"$clamd_dir/out.log" 2>&1 &
  clamd_pid=$!
  clamd_ready() { /usr/bin/python3 -c 'import socket, sys; s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1); s.sendall(b"zPING\0"); sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)' "$clamd_port" 2>/dev/null; }
  for _ in $(seq 100); do clamd_ready && break; sleep 0.2; done
  clamd_ready || { log "clamd did not start"; cat "$clamd_dir/out.log" "$clamd_dir/clamd.log" 2>/dev/null; exit 1; }
  log "ClamAV (clamd, EICAR-only database) on 127.0.0.1:$clamd_port"
  export CONSULTDESK_TEST_CLAMD="tcp://127.0.0.1:$clamd_port"
fi

export CONSULTDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=consultdesk;Password=consultdesk;Database=postgres"
export CONSULTDESK_TEST_SMTP_HOST=127.0.0.1
export CONSULTDESK_TEST_SMTP_PORT="$smtp_port"
export CONSULTDESK_TEST_SMTP_DIR="$smtp_dir"
export CONSULTDESK_TEST_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- build, model check, tests ---------------------------------------------------------------------------------------
dotnet tool restore >/dev/null
dotnet build ConsultDesk.sln -c Release -nologo -v quiet
for provider in Sqlite PostgreSql; do
  project="migrations/ConsultDesk.Migrations.$provider"
  if ! dotnet ef migrations has-pending-model-changes --project "$project" --startup-project "$project" --configuration Release --no-build >/dev/null; then
    log "the $provider migrations are missing model changes: add a migration to both providers"
    exit 1
  fi
done
log "migrations match the model on both providers"
# The folder the deploy test runs (README "Deploy"); --no-build reuses the Release build above.
dotnet publish src/ConsultDesk.Web -c Release --no-build -nologo -v quiet -o "$work/publish" >/dev/null
export CONSULTDESK_TEST_PUBLISH_DIR="$work/publish"

set +e
# Waits for a step started in the background (pid, log, name; no pid: it was not started), prints its output, and
# keeps the first failure as the run's status.
collect_background() {
  [ -n "$1" ] || return 0
  wait "$1"
  local step_status=$?
  cat "$2"
  [ $step_status -eq 0 ] || log "$3 FAILED (exit $step_status)"
  [ $status -ne 0 ] || status=$step_status
}
# The container test's base image (debootstrap: mostly network waits) is made while the tests run; the archive itself
# is built and started after them.
container_base_pid=""
if [ "${CONSULTDESK_SKIP_CONTAINER:-0}" != 1 ]; then
  "$root/tests/tools/container_archive.sh" --base-only "$work/container-base" >"$work/container-base.log" 2>&1 &
  container_base_pid=$!
fi
# The benchmark suite at smoke size (1000 cases, 2-second phases, on the PostgreSQL above) so it cannot
# rot; a step that fails fails the run, a missed target does not. It runs in the background from the start of the tests
# (the integration tests run one collection at a time, so a core is mostly free), and its output follows theirs.
bench_pid=""
if [ "${CONSULTDESK_SKIP_BENCH:-0}" = 1 ]; then
  log "bench smoke skipped (CONSULTDESK_SKIP_BENCH=1)"
else
  log "bench smoke: bench/run.sh --smoke (in the background; its output follows the tests')"
  "$root/bench/run.sh" --smoke --no-build >"$work/bench-smoke.log" 2>&1 &
  bench_pid=$!
fi
# The whole suite runs as three test processes side by side: the tests that run the app as a child process (operations,
# crash and restart: mostly waiting on those processes) with the award tests, the browser tests with the admin tests,
# and the rest. A collection shared across the groups gets one fixture per process: the award tests stay apart from the
# browser's award journey, whose fixture (clock, admin sign-ins) they would otherwise share: its sign-in timed out so.
# The suite used under a third of the two cores with two processes (17.4 min, 10.6 min of CPU), so the third one
# shortens the longest. Hangfire's process-wide state keeps each process to one app host at a time. Extra arguments
# (a --filter) run one process as before.
side_pids=() side_names=()
if [ $# -eq 0 ] && [ "${CONSULTDESK_TESTS_ONE_PROCESS:-0}" != 1 ]; then
  main_filter=""
  for group in "children:Operations. Inquiries.CrashRecoveryTests Users.RestartTests FollowUps.FollowUpJourneyTests Award." \
               "browser:Browser. Admin."; do
    name="${group%%:*}" side_filter=""
    for prefix in ${group#*:}; do
      side_filter="${side_filter:+$side_filter|}FullyQualifiedName~ConsultDesk.IntegrationTests.$prefix"
      main_filter="${main_filter:+$main_filter&}FullyQualifiedName!~ConsultDesk.IntegrationTests.$prefix"
    done
    dotnet test tests/ConsultDesk.IntegrationTests/ConsultDesk.IntegrationTests.csproj -c Release --no-build --nologo \
      --logger "console;verbosity=normal" --logger trx --results-directory "$work/results/$name" --filter "$side_filter" >"$work/tests-$name.log" 2>&1 &
    side_pids+=($!) side_names+=("$name")
  done
  log "tests: three processes (${side_names[*]} tests beside the rest; their output follows)"
  dotnet test ConsultDesk.sln -c Release --no-build --nologo --logger "console;verbosity=normal" --logger trx --results-directory "$work/results/main" --filter "$main_filter"
  status=$?
  for i in "${!side_pids[@]}"; do
    wait "${side_pids[$i]}"
    side_status=$?
    cat "$work/tests-${side_names[$i]}.log"
    [ $status -ne 0 ] || status=$side_status
  done
else
  dotnet test ConsultDesk.sln -c Release --no-build --nologo --logger "console;verbosity=normal" --logger trx --results-directory "$work/results" "$@"
  status=$?
fi
# The PostgreSQL backup procedure (pg_dump, pg_restore, the keys): with the whole suite, or on request for a focused run.
# It runs beside the multi-node test below (its own database and data folder); its output follows that test's.
pg_backup_pid=""
if [ $# -eq 0 ] || [ "${CONSULTDESK_RUN_PG_BACKUP:-0}" = 1 ]; then
  log "PostgreSQL backup and restore: tests/tools/pg_backup_restore.sh (in the background)"
  "$root/tests/tools/pg_backup_restore.sh" "$pg_bin" "$pg_port" "$work/publish" >"$work/pg-backup.log" 2>&1 &
  pg_backup_pid=$!
fi
# Several nodes on one PostgreSQL (README "Running several nodes"), then kill -9 of a SQLite node: with the whole suite,
# or on request for a focused run (CONSULTDESK_RUN_MULTINODE=1).
if [ $# -eq 0 ] || [ "${CONSULTDESK_RUN_MULTINODE:-0}" = 1 ]; then
  log "several nodes: tests/tools/multinode.sh"
  multinode_started=$SECONDS
  "$root/tests/tools/multinode.sh" "$pg_bin" "$pg_port" "$work/publish" "$smtp_port" "$smtp_dir"
  multinode_status=$?
  if [ $multinode_status -eq 0 ]; then
    log "several nodes passed in $((SECONDS - multinode_started)) s"
  else
    log "several nodes FAILED (exit $multinode_status)"
  fi
  [ $status -ne 0 ] || status=$multinode_status
fi
collect_background "$pg_backup_pid" "$work/pg-backup.log" "PostgreSQL backup and restore"
# The container archive of README "Deploy", built by the SDK on a local stand-in for mcr.microsoft.com/dotnet/aspnet:10.0
# (this machine may not reach mcr) and started in a chroot as its entrypoint would be; a few minutes, mostly debootstrap.
if [ "${CONSULTDESK_SKIP_CONTAINER:-0}" = 1 ]; then
  log "container archive skipped (CONSULTDESK_SKIP_CONTAINER=1)"
else
  log "container archive: tests/tools/container_archive.sh"
  container_started=$SECONDS
  wait "$container_base_pid"
  container_status=$?
  cat "$work/container-base.log"
  if [ $container_status -eq 0 ]; then
    CONSULTDESK_CONTAINER_BASE="$work/container-base" "$root/tests/tools/container_archive.sh" --no-build
    container_status=$?
  fi
  if [ $container_status -eq 0 ]; then
    log "container archive built and answered in $((SECONDS - container_started)) s"
  else
    log "container archive FAILED (exit $container_status)"
  fi
  [ $status -ne 0 ] || status=$container_status
fi
collect_background "$bench_pid" "$work/bench-smoke.log" "bench smoke"
set -e
# One plain summary line over every test project's TRX file.
/usr/bin/python3 - "$work/results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    counters = root.find("{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    total, executed = int(counters.get("total", 0)), int(counters.get("executed", 0))
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += total - executed
    # Name each failed test with the first lines of its message, so the end of the log says what broke.
    for result in root.findall(".//{*}UnitTestResult"):
        if result.get("outcome") not in ("Passed", "NotExecuted"):
            message = result.find("{*}Output/{*}ErrorInfo/{*}Message")
            text = (message.text or "").strip().splitlines()[:6] if message is not None else []
            print(f"FAILED {result.get('testName')} ({result.get('duration')})")
            for line in text:
                print(f"    {line[:300]}")
# Where the suite's time goes (the suite must stay under 20 minutes): the slowest test classes, by summed duration.
def seconds(text):
    h, m, s = (text or "0:0:0").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
by_class = {}
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    names = {t.get("id"): t.find("{*}TestMethod").get("className") for t in root.findall(".//{*}UnitTest")}
    for result in root.findall(".//{*}UnitTestResult"):
        name = names.get(result.get("testId"), "?").split(",")[0]
        total, count = by_class.get(name, (0.0, 0))
        by_class[name] = (total + seconds(result.get("duration")), count + 1)
slowest = sorted(by_class.items(), key=lambda item: -item[1][0])[:15]
if slowest:
    print("slowest test classes (summed seconds, tests):")
    for name, (total, count) in slowest:
        print(f"  {total:7.1f} s {count:4d}  {name}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
