#!/usr/bin/env python3
"""A stand-in for the part of GitHub's REST API that the Action uses: issue comments.

    fake_github.py PORT_FILE LOG_FILE

Listens on a free local port (written to PORT_FILE), keeps comments in memory, and logs one line
per request to LOG_FILE: `METHOD PATH BODY_LENGTH`. With the file `PORT_FILE.forbidden` present,
writes answer 403 as they do for a pull request from a fork.
"""
import json
import os
import re
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port_file, log_file = sys.argv[1], sys.argv[2]
comments = {}  # id -> {"id", "body", "issue"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def record(self, body=b""):
        with open(log_file, "a") as log:
            log.write(f"{self.command} {self.path} {len(body.decode())}\n")

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def authorized(self):
        return self.headers.get("Authorization") == "Bearer test-token"

    def do_GET(self):
        self.record()
        match = re.fullmatch(r"/repos/o/r/issues/(\d+)/comments\?per_page=100&page=(\d+)", self.path)
        if not match or not self.authorized():
            return self.answer(404, {"message": "Not Found"})
        issue, page = int(match.group(1)), int(match.group(2))
        listed = [c for c in comments.values() if c["issue"] == issue]
        self.answer(200, listed[(page - 1) * 100 : page * 100])

    def write(self, create):
        body = self.body()
        self.record(body)
        if os.path.exists(port_file + ".forbidden"):
            return self.answer(403, {"message": "Resource not accessible by integration"})
        text = json.loads(body)["body"]
        if create:
            issue = int(re.fullmatch(r"/repos/o/r/issues/(\d+)/comments", self.path).group(1))
            comment = {"id": 1000 + len(comments), "body": text, "issue": issue}
            comments[comment["id"]] = comment
            return self.answer(201, comment)
        comment_id = int(re.fullmatch(r"/repos/o/r/issues/comments/(\d+)", self.path).group(1))
        comments[comment_id]["body"] = text
        self.answer(200, comments[comment_id])

    def do_POST(self):
        self.write(create=True)

    def do_PATCH(self):
        self.write(create=False)


server = HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_port))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
