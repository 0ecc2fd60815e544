#!/usr/bin/env python3
"""A read-only OCI/Docker Registry HTTP API v2 serving one OCI image layout, for tests only.

Usage: oci_registry.py LAYOUT_DIR REPOSITORY [PORT]
Serves LAYOUT_DIR (an OCI image layout: oci-layout, index.json, blobs/sha256/...) as REPOSITORY on 127.0.0.1 over
plain HTTP; the tags are the index's org.opencontainers.image.ref.name annotations. Prints "listening PORT" once ready.
Endpoints: GET/HEAD /v2/, /v2/REPOSITORY/manifests/{tag|digest}, /v2/REPOSITORY/blobs/{digest}. Nothing can be pushed.
"""
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

layout, repository = sys.argv[1], sys.argv[2]
port = int(sys.argv[3]) if len(sys.argv) > 3 else 0

with open(os.path.join(layout, "index.json"), encoding="utf-8") as f:
    index = json.load(f)
tags = {}  # tag -> descriptor
manifests = {}  # digest -> descriptor
for descriptor in index["manifests"]:
    manifests[descriptor["digest"]] = descriptor
    tag = descriptor.get("annotations", {}).get("org.opencontainers.image.ref.name")
    if tag:
        tags[tag] = descriptor

route = re.compile(r"^/v2/(?P<name>.+)/(?P<kind>manifests|blobs)/(?P<reference>[^/]+)$")
digest_pattern = re.compile(r"^sha256:[0-9a-f]{64}$")


def blob_path(digest):
    return os.path.join(layout, "blobs", "sha256", digest.split(":", 1)[1])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("[oci_registry] %s %s\n" % (self.address_string(), fmt % args))

    def send_error_json(self, status, code, message):
        body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_file(self, path, content_type, digest):
        size = os.path.getsize(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("Docker-Content-Digest", digest)
        self.send_header("ETag", '"%s"' % digest)
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        self.end_headers()
        if self.command == "HEAD":
            return
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                self.wfile.write(chunk)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/v2", "/v2/"):
            body = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Docker-Distribution-API-Version", "registry/2.0")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        match = route.match(path)
        if not match:
            return self.send_error_json(404, "UNSUPPORTED", "not found")
        if match["name"] != repository:
            return self.send_error_json(404, "NAME_UNKNOWN", "repository name not known to registry")
        reference = match["reference"]
        if match["kind"] == "manifests":
            descriptor = tags.get(reference) or manifests.get(reference)
            if descriptor is None:
                return self.send_error_json(404, "MANIFEST_UNKNOWN", "manifest unknown")
            return self.send_file(blob_path(descriptor["digest"]), descriptor["mediaType"], descriptor["digest"])
        if not digest_pattern.match(reference) or not os.path.isfile(blob_path(reference)):
            return self.send_error_json(404, "BLOB_UNKNOWN", "blob unknown to registry")
        return self.send_file(blob_path(reference), "application/octet-stream", reference)

    do_HEAD = do_GET


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
print("listening %d" % server.server_address[1], flush=True)
server.serve_forever()
