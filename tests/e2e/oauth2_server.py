"""A small OAuth2 authorization server on 127.0.0.1 for the e2e tests.

One HTTPS server (the harness's test CA signs its certificate) with:
  POST /token       RFC 6749 §4.4 client credentials -> a random bearer token
                    with `lifetime` seconds of expires_in (401 invalid_client on
                    wrong credentials, or while `refuse` is set)
  POST /introspect  RFC 7662 for Dovecot's `passdb oauth2` (introspection_mode
                    = post): active while the token was issued here, is not
                    expired and not revoked.
The test drives it through the attributes: lifetime, refuse, revoke_all().

use_oauth2_passdb(dovecot, server, ca) turns the harness's Dovecot into one that accepts
XOAUTH2/OAUTHBEARER logins validated by this server (its own dovecot.conf
variant: passdb oauth2 first, then the harness's passwd-file for the tests'
own IMAP client).
"""
import http.server
import json
import os
import secrets
import signal
import ssl
import threading
import time
import urllib.parse


class OAuth2Server:
    def __init__(self, cert, key, client_id, client_secret, username, lifetime=3600):
        self.client_id, self.client_secret, self.username = client_id, client_secret, username
        self.lifetime = lifetime
        self.refuse = False
        self.tokens = {}  # token -> expiry (epoch seconds)
        self.revoked = set()
        self.token_requests = []  # parsed bodies of /token requests
        self.introspections = []  # (token, active)
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                first = {k: v[0] for k, v in form.items()}
                if self.path == "/token":
                    self._reply(*server._token(first))
                elif self.path == "/introspect":
                    self._reply(*server._introspect(first))
                else:
                    self._reply(404, {"error": "not_found"})

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def token_url(self):
        return f"https://127.0.0.1:{self.port}/token"

    @property
    def introspection_url(self):
        return f"https://127.0.0.1:{self.port}/introspect"

    def _token(self, form):
        with self.lock:
            self.token_requests.append(form)
            if form.get("grant_type") != "client_credentials":
                return 400, {"error": "unsupported_grant_type"}
            if (self.refuse or form.get("client_id") != self.client_id
                    or form.get("client_secret") != self.client_secret):
                return 401, {"error": "invalid_client",
                             "error_description": "AADSTS7000215: Invalid client secret provided."}
            token = secrets.token_urlsafe(32)
            self.tokens[token] = time.time() + self.lifetime
            return 200, {"token_type": "Bearer", "expires_in": self.lifetime, "access_token": token}

    def _introspect(self, form):
        token = form.get("token", "")
        with self.lock:
            expiry = self.tokens.get(token)
            active = expiry is not None and expiry > time.time() and token not in self.revoked
            self.introspections.append((token, active))
        if not active:
            return 200, {"active": False}
        return 200, {"active": True, "username": self.username, "client_id": self.client_id}

    def revoke_all(self):
        with self.lock:
            self.revoked.update(self.tokens)

    def issued(self):
        with self.lock:
            return len(self.tokens)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def use_oauth2_passdb(dovecot, server, ca):
    """Rewrites the harness Dovecot's config to validate bearer tokens through
    SERVER, then restarts it on the same ports."""
    ext = os.path.join(dovecot.root, "dovecot-oauth2.conf.ext")
    with open(ext, "w") as f:
        f.write(f"""introspection_mode = post
introspection_url = {server.introspection_url}
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
tls_ca_cert_file = {ca}
""")
    with open(dovecot.conf) as f:
        conf = f.read()
    conf = conf.replace("auth_mechanisms = plain login", "auth_mechanisms = plain login xoauth2 oauthbearer")
    conf = conf.replace("passdb {", f"""passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {ext}
}}
passdb {{""", 1)
    with open(dovecot.conf, "w") as f:
        f.write(conf)
    if os.geteuid() == 0:
        os.chown(ext, dovecot.uid, dovecot.gid)
    dovecot.stop()
    dovecot.start()


def drop_sessions(dovecot):
    """Ends every IMAP session of this Dovecot instance (the master's SIGTERM
    leaves open sessions running), so that clients must log in again."""
    tag = f"gdprd-test-{dovecot.port}".encode()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if cmd.startswith(b"dovecot-" + tag + b"/imap"):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass
