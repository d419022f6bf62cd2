"""A small OAuth2 authorization server on 127.0.0.1 for the e2e tests.

One HTTPS server (the harness's test CA signs its certificate) with:
  POST /token       RFC 6749 §4.4 client credentials -> a random bearer token
                    with `lifetime` seconds of expires_in (401 invalid_client on
                    wrong credentials, or while `refuse` is set)
  POST /introspect  RFC 7662 for Dovecot's `passdb oauth2` (introspection_mode
                    = post): active while the token was issued here, is not
                    expired and not revoked.
The test drives it through the attributes: lifetime, refuse, revoke_all().

OAuth2Smtp(server, cert, key): an SMTP server (aiosmtpd, STARTTLS required)
that accepts only AUTH XOAUTH2 with a token active at that server.

use_oauth2_passdb(dovecot, server, ca) turns the harness's Dovecot into one that accepts
XOAUTH2/OAUTHBEARER logins validated by this server (its own dovecot.conf
variant: passdb oauth2 first, then the harness's passwd-file for the tests'
own IMAP client).
"""
import http.server
import json
import os
import secrets
import ssl
import threading
import time
import logging
import urllib.parse

# aiosmtpd 1.4 logs a deprecation warning for its own Session.login_data
# after every custom AUTH mechanism.
logging.getLogger("mail.log").setLevel(logging.ERROR)


class OAuth2Server:
    def __init__(self, cert, key, client_id, client_secret, username, lifetime=3600, client_certificate=None):
        """client_certificate: a PEM file; when given, clients must authenticate
        with an RFC 7523 client_assertion signed by its key instead of the secret."""
        self.client_id, self.client_secret, self.username = client_id, client_secret, username
        self.client_certificate = client_certificate
        self.assertion_claims = []  # verified JWT claims, in order
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
                try:
                    self.wfile.write(data)
                except (ConnectionError, ssl.SSLError):
                    pass  # the client gave up reading (the /huge case)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                first = {k: v[0] for k, v in form.items()}
                if self.path == "/token":
                    self._reply(*server._token(first))
                elif self.path == "/introspect":
                    self._reply(*server._introspect(first))
                elif self.path == "/huge":  # a hostile endpoint: 1 MiB of "token"
                    self._reply(200, {"access_token": "A" * (1 << 20), "token_type": "Bearer"})
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
            if self.client_certificate is not None:
                authenticated = self._assertion_ok(form)
            else:
                authenticated = form.get("client_secret") == self.client_secret
            if self.refuse or form.get("client_id") != self.client_id or not authenticated:
                return 401, {"error": "invalid_client",
                             "error_description": "AADSTS7000215: Invalid client secret provided."}
            token = secrets.token_urlsafe(32)
            self.tokens[token] = time.time() + self.lifetime
            return 200, {"token_type": "Bearer", "expires_in": self.lifetime, "access_token": token}

    def _assertion_ok(self, form):
        """Checks the JWT as Entra ID does: type, RS256 signature by the
        registered certificate, its x5t thumbprint, aud/iss/sub, exp."""
        import base64
        import hashlib
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        from cryptography.hazmat.primitives.serialization import Encoding

        if form.get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer":
            return False
        if "client_secret" in form:
            return False

        def unb64(part):
            return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))

        try:
            head, body, sig = form.get("client_assertion", "").split(".")
            header, claims = json.loads(unb64(head)), json.loads(unb64(body))
            with open(self.client_certificate, "rb") as f:
                cert = x509.load_pem_x509_certificate(f.read())
            cert.public_key().verify(unb64(sig), f"{head}.{body}".encode(), padding.PKCS1v15(), hashes.SHA256())
        except Exception:  # noqa: BLE001 - any malformed or forged assertion is a refusal
            return False
        thumbprint = base64.urlsafe_b64encode(hashlib.sha1(cert.public_bytes(Encoding.DER)).digest()).rstrip(b"=")
        ok = (header.get("alg") == "RS256" and header.get("x5t") == thumbprint.decode()
              and claims.get("aud") == self.token_url and claims.get("iss") == self.client_id
              and claims.get("sub") == self.client_id and claims.get("nbf", 0) <= time.time() + 60
              and claims.get("exp", 0) > time.time() and claims.get("exp", 0) <= time.time() + 3600)
        if ok:
            self.assertion_claims.append(claims)
        return ok

    def active(self, token):
        """Issued here, not expired, not revoked."""
        with self.lock:
            expiry = self.tokens.get(token)
            return expiry is not None and expiry > time.time() and token not in self.revoked

    def _introspect(self, form):
        token = form.get("token", "")
        active = self.active(token)
        with self.lock:
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


class OAuth2Smtp:
    """aiosmtpd on 127.0.0.1 (STARTTLS, AUTH required) accepting only XOAUTH2
    for server.username with a token that SERVER says is active. Records
    every AUTH attempt as (token, accepted) and every mail as raw bytes."""

    def __init__(self, server, cert, key):
        import base64
        import socket
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.received = []
        self.auth_attempts = []
        outer = self

        class Handler:
            async def handle_DATA(self, srv, session, envelope):
                outer.received.append(envelope.original_content)
                return "250 OK queued"

            async def auth_XOAUTH2(self, srv, args):
                try:
                    if len(args) > 1:
                        answer = base64.b64decode(args[1], validate=True)
                    else:
                        answer = await srv.challenge_auth("", encode_to_b64=False)
                        if not isinstance(answer, bytes):
                            return AuthResult(success=False, handled=True)
                    fields = answer.decode().split("\x01")
                except ValueError:
                    return AuthResult(success=False, handled=False)
                user = next((f[5:] for f in fields if f.startswith("user=")), None)
                token = next((f[12:] for f in fields if f.startswith("auth=Bearer ")), "")
                ok = user == server.username and server.active(token)
                outer.auth_attempts.append((token, ok))
                return AuthResult(success=ok, handled=False, auth_data=user)

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, decode_data=False,
                                     tls_context=ctx, require_starttls=True, auth_required=True,
                                     auth_require_tls=True)
        self.controller.start()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def stop(self):
        self.controller.stop()
