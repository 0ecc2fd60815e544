#!/usr/bin/env bash
# Builds the container archive of README "Deploy" on a machine that cannot reach mcr.microsoft.com, and proves it.
#  1. A stand-in for mcr.microsoft.com/dotnet/aspnet:10.0: a minimal Debian bookworm (debootstrap --variant=minbase
#     from the configured apt mirror) with what the .NET runtime needs (ICU, OpenSSL, CA certificates, time zone data,
#     libstdc++, zlib), this machine's .NET and ASP.NET Core 10 runtimes at /usr/share/dotnet (/usr/bin/dotnet linked)
#     and the non-root user app (uid/gid 1654), packed as a one-layer OCI image.
#  2. A read-only registry on 127.0.0.1 (tests/tools/oci_registry.py) serves it as dotnet/aspnet:10.0.
#  3. `dotnet publish /t:PublishContainer` builds the app's image on it into a .tar.gz archive, exactly as README says,
#     with only ContainerBaseImage pointed at the local registry.
#  4. As root: the archive's layers are unpacked in order, the app is started in a chroot as the image's entrypoint
#     would start it (its user, working directory, environment), and /health/ready and the stylesheet must answer.
# Everything lives in a temporary directory that is removed at the end; nothing is cached.
# Usage: tests/tools/container_archive.sh [extra dotnet publish arguments]      (tests/run.sh runs it)
#        tests/tools/container_archive.sh --base-only DIR   step 1 only: the base image layout into DIR, then exit
#          (tests/run.sh runs this in the background while the tests run; debootstrap mostly waits on the network)
# Env: CONSULTDESK_CONTAINER_BASE=DIR  reuse a base image layout made by --base-only (skips step 1)
# Env: CONSULTDESK_DEBIAN_MIRROR (default: the first Debian mirror in the apt sources, else http://deb.debian.org/debian)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/tests/tools"
work="$(mktemp -d /tmp/consultdesk-container.XXXXXX)"
chmod 755 "$work"
registry_pid="" app_pid=""
started=$SECONDS

if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi

log() { printf '[container_archive] %s (%ss)\n' "$*" $((SECONDS - started)); }
cleanup() {
  set +e
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  # The chroot's /proc and /dev are mounted only inside the app's private mount namespace (gone with the app).
  $sudo rm -rf "$work"  # the root filesystem's files belong to root
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

base_only=""
if [ "${1:-}" = --base-only ]; then base_only="$2"; shift 2; fi
layout="${base_only:-$work/base-image}"
prepared="${CONSULTDESK_CONTAINER_BASE:-}"
if [ -n "$prepared" ] && [ -f "$prepared/index.json" ]; then
  layout="$prepared"
  log "base image prepared earlier: $layout"
else
# --- 1. the base image ---------------------------------------------------------------------------------------------
if ! command -v debootstrap >/dev/null && [ ! -x /usr/sbin/debootstrap ]; then
  log "installing: debootstrap"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
mirror="${CONSULTDESK_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$( (cat /etc/apt/sources.list.d/*.sources 2>/dev/null || true) \
    | awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}')"
  [ -n "$mirror" ] || mirror="$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true) \
    | awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}')"
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
fi

# .NET and ASP.NET Core runtimes of the app's major version (10), the newest installed, from this machine.
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ {print $2}' | sort -V | tail -n 1)"
[ -n "$runtime_version" ] || { log "no ASP.NET Core 10 runtime in 'dotnet --list-runtimes'"; exit 1; }
dotnet_root="$(dotnet --list-runtimes | awk -v v="$runtime_version" '$1 == "Microsoft.AspNetCore.App" && $2 == v {print $3}' \
  | tr -d '[]' | sed 's#/shared/Microsoft.AspNetCore.App$##')"
[ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" ] \
  || { log "no .NET runtime $runtime_version beside ASP.NET Core $runtime_version in $dotnet_root"; exit 1; }
fxr_version="$(ls "$dotnet_root/host/fxr" | grep '^10\.' | sort -V | tail -n 1)"

rootfs="$work/rootfs"
packages=libicu72,libssl3,ca-certificates,tzdata,libstdc++6,zlib1g,libgcc-s1,libc6
log "debootstrap --variant=minbase bookworm from $mirror (+ $packages)"
# Two stages so that dpkg can unpack with unsafe-io in between (no fsync per file: the tree is thrown away anyway);
# this halves the time of a plain debootstrap.
$sudo debootstrap --foreign --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { log "debootstrap (first stage) failed"; tail -n 30 "$work/debootstrap.log"; exit 1; }
echo force-unsafe-io | $sudo tee "$rootfs/etc/dpkg/dpkg.cfg.d/consultdesk-unsafe-io" >/dev/null
$sudo chroot "$rootfs" /debootstrap/debootstrap --second-stage >>"$work/debootstrap.log" 2>&1 \
  || { log "debootstrap (second stage) failed"; tail -n 30 "$work/debootstrap.log"; exit 1; }
$sudo rm -f "$rootfs/etc/dpkg/dpkg.cfg.d/consultdesk-unsafe-io"
log "Debian bookworm minbase ready"

# The user of mcr's aspnet images: app, uid/gid 1654, with a home directory (the image's data directory lives there).
$sudo chroot "$rootfs" groupadd --system --gid 1654 app
$sudo chroot "$rootfs" useradd -K SYS_UID_MAX=1654 -K SYS_GID_MAX=1654 --no-log-init --system --uid 1654 --gid app --create-home app
$sudo mkdir -p "$rootfs/usr/share/dotnet/host/fxr" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App" \
  "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
$sudo cp -a "$dotnet_root/dotnet" "$rootfs/usr/share/dotnet/"
for f in LICENSE.txt ThirdPartyNotices.txt; do
  [ ! -f "$dotnet_root/$f" ] || $sudo cp -a "$dotnet_root/$f" "$rootfs/usr/share/dotnet/"
done
$sudo cp -a "$dotnet_root/host/fxr/$fxr_version" "$rootfs/usr/share/dotnet/host/fxr/"
$sudo cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$rootfs/usr/share/dotnet/shared/Microsoft.NETCore.App/"
$sudo cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$runtime_version" "$rootfs/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
$sudo ln -s /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
# What a slim image leaves out: package caches and lists, documentation, logs; /dev, /proc and /sys come from the runtime.
$sudo rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/dev/*

# One-layer OCI image layout: the layer (gzip; its diff_id is the digest of the plain tar), the config, the manifest.
mkdir -p "$layout/blobs/sha256"
$sudo tar --numeric-owner --sort=name --xattrs -C "$rootfs" -cf "$work/layer.tar" .
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -1 "$work/layer.tar"
/usr/bin/python3 - "$layout" "$work/layer.tar.gz" "$diff_id" "$runtime_version" <<'PY'
import hashlib, json, os, shutil, sys
layout, layer, diff_id, version = sys.argv[1:5]
def blob(data=None, path=None):
    digest = hashlib.sha256()
    if path:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    else:
        digest.update(data)
    name = digest.hexdigest()
    target = os.path.join(layout, "blobs", "sha256", name)
    if path:
        shutil.move(path, target)
    else:
        with open(target, "wb") as f:
            f.write(data)
    return "sha256:" + name, os.path.getsize(target)
layer_digest, layer_size = blob(path=layer)
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "APP_UID=1654", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
        "DOTNET_VERSION=" + version, "ASPNET_VERSION=" + version]},
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
    "history": [{"created_by": "tests/tools/container_archive.sh: debootstrap bookworm minbase + .NET " + version}],
}
config_digest, config_size = blob(json.dumps(config, separators=(",", ":")).encode())
manifest = {
    "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer_size}],
}
manifest_digest, manifest_size = blob(json.dumps(manifest, separators=(",", ":")).encode())
with open(os.path.join(layout, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": manifest_size,
        "platform": {"architecture": "amd64", "os": "linux"},
        "annotations": {"org.opencontainers.image.ref.name": "10.0"}}]}, f)
with open(os.path.join(layout, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
print("layer %s (%.0f MB), manifest %s" % (layer_digest, layer_size / 1e6, manifest_digest))
PY
$sudo rm -rf "$rootfs"
log "base image packed (.NET $runtime_version, hostfxr $fxr_version)"
fi
[ -z "$base_only" ] || exit 0

# --- 2. the local registry -------------------------------------------------------------------------------------------
PYTHONUNBUFFERED=1 /usr/bin/python3 "$tools/oci_registry.py" "$layout" dotnet/aspnet >"$work/registry.out" 2>"$work/registry.log" &
registry_pid=$!
for _ in $(seq 200); do grep -q listening "$work/registry.out" 2>/dev/null && break; sleep 0.1; done
registry_port="$(awk '/^listening/ {print $2}' "$work/registry.out")"
[ -n "$registry_port" ] || { log "the registry did not start"; cat "$work/registry.log"; exit 1; }
registry="127.0.0.1:$registry_port"
log "registry on http://$registry serving dotnet/aspnet:10.0"

# --- 3. the app's container archive, as README "Deploy" builds it ---------------------------------------------------
archive="$work/consultdesk.tar.gz"
DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry" dotnet publish "$root/src/ConsultDesk.Web" -c Release -nologo -v quiet \
  /t:PublishContainer -p ContainerBaseImage="$registry/dotnet/aspnet:10.0" -p ContainerArchiveOutputPath="$archive" "$@" \
  || { log "dotnet publish /t:PublishContainer failed"; cat "$work/registry.log"; exit 1; }
[ -s "$archive" ] || { log "no archive at $archive"; exit 1; }
kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null || true; registry_pid=""
# The base came from the local registry: its manifest and its layer were served (the SDK copies base layers into the archive).
base_layer="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["layers"][0]["digest"])' \
  "$layout/blobs/sha256/$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["digest"][7:])' "$layout/index.json")")"
grep -q "\"GET /v2/dotnet/aspnet/manifests/[^ ]* HTTP/1.1\" 200" "$work/registry.log" \
  && grep -q "\"GET /v2/dotnet/aspnet/blobs/$base_layer HTTP/1.1\" 200" "$work/registry.log" \
  || { log "the SDK did not fetch the base image from the local registry"; cat "$work/registry.log"; exit 1; }
log "archive built: $(du -h "$archive" | cut -f1) $archive"

# --- 4. unpack the layers in order and run the entrypoint in a chroot ------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  log "not root: the archive is built, but starting it in a chroot needs root (skipped)"
  exit 0
fi
image="$work/image"
mkdir -p "$image"
# Prints the entrypoint's user, working directory, environment and arguments as shell-safe assignments.
/usr/bin/python3 - "$archive" "$image" >"$work/image.env" <<'PY'
import json, os, shlex, shutil, subprocess, sys, tarfile
archive, image = sys.argv[1:3]
outer = tarfile.open(archive, "r:*")
names = outer.getnames()
def read(name):
    return outer.extractfile(name.lstrip("./") if name.lstrip("./") in names else name).read()
if "manifest.json" in names:  # docker save format
    entry = json.loads(read("manifest.json"))[0]
    config = json.loads(read(entry["Config"]))
    layers = entry["Layers"]
else:  # OCI image layout
    index = json.loads(read("index.json"))
    manifest = json.loads(read("blobs/" + index["manifests"][0]["digest"].replace(":", "/")))
    config = json.loads(read("blobs/" + manifest["config"]["digest"].replace(":", "/")))
    layers = ["blobs/" + layer["digest"].replace(":", "/") for layer in manifest["layers"]]
for layer in layers:
    member = outer.extractfile(layer)
    data_path = os.path.join(image, "..", "layer.tmp")
    with open(data_path, "wb") as f:
        shutil.copyfileobj(member, f)
    # Whiteouts first (files the layer deletes from the layers below), then the layer itself.
    with tarfile.open(data_path, "r:*") as layer_tar:
        for name in layer_tar.getnames():
            base = os.path.basename(name)
            parent = os.path.join(image, os.path.dirname(name))
            if base == ".wh..wh..opq":
                for child in os.listdir(parent) if os.path.isdir(parent) else []:
                    shutil.rmtree(os.path.join(parent, child), ignore_errors=True)
            elif base.startswith(".wh."):
                target = os.path.join(parent, base[4:])
                if os.path.isdir(target) and not os.path.islink(target):
                    shutil.rmtree(target)
                elif os.path.lexists(target):
                    os.remove(target)
    subprocess.run(["tar", "--numeric-owner", "-xpf", data_path, "-C", image, "--exclude=*.wh.*"], check=True)
    os.remove(data_path)
c = config["config"]
print("image_layers=%d" % len(layers))
print("image_user=" + shlex.quote(c.get("User") or "root"))
print("image_workdir=" + shlex.quote(c.get("WorkingDir") or "/"))
print("image_env=(" + " ".join(shlex.quote(e) for e in c.get("Env") or []) + ")")
print("image_cmd=(" + " ".join(shlex.quote(a) for a in (c.get("Entrypoint") or []) + (c.get("Cmd") or [])) + ")")
PY
# shellcheck disable=SC1091
. "$work/image.env"
# The user as the runtime resolves it: a name or uid[:gid], looked up in the image's own /etc/passwd.
user="${image_user%%:*}"
uid="$(awk -F: -v u="$user" '$1 == u || $3 == u {print $3; exit}' "$image/etc/passwd")"
gid="$(awk -F: -v u="$user" '$1 == u || $3 == u {print $4; exit}' "$image/etc/passwd")"
[ -n "$uid" ] || { log "the image's user $image_user is not in its /etc/passwd"; exit 1; }
log "unpacked $image_layers layers; user $image_user ($uid:$gid), workdir $image_workdir, entrypoint ${image_cmd[*]}"

port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
# The image's environment, with only the port changed (the host's network is shared, 8080 may be taken) and the
# settings any production start needs; the data directory stays the image's own (/home/app/data, owned by app).
run_env=("${image_env[@]}" "ASPNETCORE_HTTP_PORTS=$port" "HOME=/home/app"
  ConsultDesk__Bootstrap__AdminEmail=admin@container.test ConsultDesk__Bootstrap__AdminPassword=Container-Admin-2026
  ConsultDesk__Jobs__RunServer=false ConsultDesk__Mail__Transport=Pickup)
# A private mount namespace: /proc and a minimal /dev exist for the app only and vanish with it.
unshare --mount --propagation private -- /bin/sh -c '
  set -e
  image="$1" userspec="$2"; shift 2
  mount -t proc proc "$image/proc"
  mount -t tmpfs -o mode=755,nosuid tmpfs "$image/dev"
  mknod -m 666 "$image/dev/null" c 1 3
  mknod -m 666 "$image/dev/zero" c 1 5
  mknod -m 666 "$image/dev/full" c 1 7
  mknod -m 666 "$image/dev/random" c 1 8
  mknod -m 666 "$image/dev/urandom" c 1 9
  mknod -m 666 "$image/dev/tty" c 5 0
  ln -s /proc/self/fd "$image/dev/fd"
  mkdir -p "$image/dev/shm" && mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$image/dev/shm"
  exec chroot --userspec="$userspec" "$image" "$@"
' sh "$image" "$uid:$gid" /usr/bin/env -i -C "$image_workdir" "${run_env[@]}" "${image_cmd[@]}" >"$work/app.log" 2>&1 &
app_pid=$!
ready=""
for _ in $(seq 120); do
  if curl -sf "$base/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$ready" ]; then log "the app in the chroot did not answer /health/ready"; cat "$work/app.log"; exit 1; fi
css="$(curl -sf "$base/" | grep -o 'href="/css/site\.css[^"]*"' | head -n 1 | cut -d'"' -f2)"
[ -n "$css" ] || css=/css/site.css
css_type="$(curl -sf -o "$work/site.css" -w '%{content_type}' "$base$css")" \
  || { log "the stylesheet $css did not answer"; cat "$work/app.log"; exit 1; }
case "$css_type" in text/css*) ;; *) log "the stylesheet $css came back as $css_type"; exit 1 ;; esac
[ -s "$work/site.css" ] || { log "the stylesheet $css is empty"; exit 1; }
# The app ran as uid 1654 and wrote its data where the image says (the SQLite file in /home/app/data).
owner="$(stat -c %u "$image/home/app/data" 2>/dev/null || echo none)"
[ "$owner" = "$uid" ] || { log "the data directory /home/app/data is not owned by $uid (got: $owner)"; exit 1; }
log "the app in the chroot (uid $uid) answered /health/ready and $css ($css_type); data in /home/app/data"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
log "done"
