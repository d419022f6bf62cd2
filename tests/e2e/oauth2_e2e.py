#!/usr/bin/env python3
"""End-to-end: gdprincidentd with [mailbox] auth = "oauth2" against a private
Dovecot whose `passdb oauth2` validates bearer tokens through a local OAuth2
server (tests/e2e/oauth2_server.py: client-credentials token endpoint and
RFC 7662 introspection over HTTPS, both on 127.0.0.1).

usage: oauth2_e2e.py BUILD_DIR SOURCE_DIR

Also: certificate credentials (client_assertion JWTs the local server
verifies with the app's certificate) instead of the client secret.

One long-running daemon (poll every second), then:
  1. a report mail is ingested and acknowledged; one token was fetched and
     Dovecot saw it active; a second mail reuses the cached token;
  2. every token revoked server-side and IMAP sessions dropped (Dovecot
     restart): the login is refused once, the daemon fetches one new token
     and carries on;
  3. short-lived tokens (4 s): the daemon fetches new ones before they expire,
     so no login is refused for an expired token;
  4. the token endpoint refuses the client: one clear log line (endpoint,
     HTTP 401, invalid_client, the description), polling fails, the daemon
     keeps running, the secret is in no log line; once the endpoint accepts
     again, mail flows.
SMTP logs in with the same tokens (XOAUTH2) to a local aiosmtpd that checks
them with the same OAuth2 server (oauth2_server.OAuth2Smtp).
"""
import glob
import json
import os
import signal
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import oauth2_server  # noqa: E402

BUILD = SOURCE = None
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
CLIENT_SECRET = "e2e-client-secret-7Q~not-for-logs"


class OAuth2E2E(unittest.TestCase):
    def setUp(self):
        self.env = harness.MailEnv.create()
        self.imap = self.env.start_dovecot()
        self.smtp = self.env.start_smtp()
        # The app's certificate credential (for the certificate test): a key
        # and a self-signed certificate, as uploaded to an app registration.
        self.app_key = os.path.join(self.env.root, "app.key")
        self.app_cert = os.path.join(self.env.root, "app.crt")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=gdprincidentd", "-keyout", self.app_key, "-out", self.app_cert],
                       check=True, capture_output=True)
        certificate = self.app_cert if "certificate" in self._testMethodName else None
        self.server = oauth2_server.OAuth2Server(self.env.cert, self.env.key, CLIENT_ID, CLIENT_SECRET,
                                                 harness.IMAP_USER, client_certificate=certificate)
        oauth2_server.use_oauth2_passdb(self.imap, self.server, self.env.ca)
        self.smtp_oauth2 = oauth2_server.OAuth2Smtp(self.server, self.env.cert, self.env.key)
        secret = self.env.write_secret("oauth2-client-secret", CLIENT_SECRET)
        credential = (f'client_certificate_file = "{self.app_cert}"\nclient_key_file = "{self.app_key}"'
                      if certificate else f'client_secret_file = "{secret}"')
        config = self.env.write_config(reporter_domains=["kommun.example"], poll_interval="1s", extra=f"""
[oauth2]
token_url = "{self.server.token_url}"
client_id = "{CLIENT_ID}"
{credential}
ca_file = "{self.env.ca}"
scope = "https://outlook.office365.com/.default"
""")
        with open(config) as f:
            text = f.read()
        imap_pw_line = next(line for line in text.splitlines() if line.startswith("password_file"))
        # [mailbox] and [smtp] log in with tokens: no password file at all.
        # The IDLE test: pickup by IDLE alone (an hour between timed polls).
        idle = "idle" in self._testMethodName
        text = text.replace(imap_pw_line + "\n", f'auth = "oauth2"\nidle = {"true" if idle else "false"}\n', 1)
        if idle:
            text = text.replace('poll_interval = "1s"', 'poll_interval = "1h"', 1)
        smtp_section = text[text.index("[smtp]"):text.index("[store]")]
        smtp_pw_line = next(line for line in smtp_section.splitlines() if line.startswith("password_file"))
        oauth2_smtp = smtp_section.replace(smtp_pw_line + "\n", "").replace(self.smtp.url, self.smtp_oauth2.url)
        oauth2_smtp = oauth2_smtp.replace(f'user = "{harness.SMTP_USER}"', f'user = "{harness.IMAP_USER}"')
        text = text.replace(smtp_section, oauth2_smtp)
        with open(config, "w") as f:
            f.write(text)
        self.config = config
        corpus = os.path.join(SOURCE, "tests", "corpus")
        self.reports = []
        for path in sorted(glob.glob(os.path.join(corpus, "*.eml"))):
            with open(path[:-4] + ".expected.json", encoding="utf-8") as f:
                if json.load(f)["message_class"] != "report":
                    continue
            with open(path, "rb") as f:
                self.reports.append(f.read())
        self.log_path = os.path.join(self.env.root, "daemon.log")
        self.proc = None

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.smtp_oauth2.stop()
        self.server.stop()
        self.env.stop()

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def wait_until(self, what, predicate, timeout=40):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            self.assertIsNone(self.proc.poll(), "daemon exited:\n" + self.log())
            time.sleep(0.2)
        self.fail(f"timed out waiting for {what}\n--- daemon log ---\n{self.log()}\n--- dovecot log ---\n"
                  + open(self.imap.log, errors="replace").read()[-4000:])

    def deliver_and_wait(self, n):
        """Delivers report N (it gets UID N) and waits until it is stored and acknowledged."""
        self.imap.deliver(self.reports[n - 1], name=f"{n}.oauth2")
        self.wait_until(f"mail uid={n} stored", lambda: f" uid={n} ref=" in self.log())
        self.wait_until(f"acknowledgment {n}", lambda: self.log().count(" kind=ack ") >= n)
        self.assertGreaterEqual(len(self.smtp_oauth2.received), n)

    def refused_smtp_logins(self):
        return sum(1 for _, ok in self.smtp_oauth2.auth_attempts if not ok)

    def inactive_introspections(self):
        return sum(1 for _, active in self.server.introspections if not active)

    def start_daemon(self):
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen([os.path.join(BUILD, "daemon", "gdprincidentd"), "--config",
                                          self.config], stderr=log)

    def test_idle_connection_logs_in_with_the_token(self):
        # The IDLE connection (Asio + OpenSSL, not curl) sends AUTHENTICATE
        # XOAUTH2 with the same token source; with an hour between timed
        # polls, only IDLE can bring the mail in within seconds.
        self.start_daemon()
        self.wait_until("the IDLE connection logged in", lambda: "IMAP IDLE: waiting for new mail" in self.log())
        self.wait_until("both connections logged in with the token",
                        lambda: sum(1 for _, active in self.server.introspections if active) >= 2)
        time.sleep(1)  # the first (timed) pass is over: the next one is an hour away
        started = time.time()
        self.deliver_and_wait(1)
        self.assertLess(time.time() - started, 30, "picked up by IDLE, not the hourly poll")
        self.assertNotIn("login refused", self.log())
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(30), 0, self.log())
        self.assertNotIn(CLIENT_SECRET, self.log())

    def test_certificate_credentials_sign_each_token_request(self):
        self.start_daemon()
        self.deliver_and_wait(1)
        self.server.revoke_all()
        self.imap.kill_sessions("imap")
        self.deliver_and_wait(2)
        self.assertEqual(len(self.server.token_requests), 2, self.log())
        self.assertEqual(len(self.server.assertion_claims), 2, "every request carried a valid assertion")
        self.assertNotEqual(self.server.assertion_claims[0]["jti"], self.server.assertion_claims[1]["jti"])
        with open(self.app_key) as f:
            key_body = f.read().splitlines()[1]
        self.proc.terminate()
        self.assertEqual(self.proc.wait(30), 0, self.log())
        self.assertNotIn(key_body, self.log())

    def test_hostile_or_untrusted_token_endpoint_fails_the_poll_cleanly(self):
        daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        with open(self.config) as f:
            good = f.read()
        cases = [
            # a reply far beyond any token: refused while reading, not buffered
            (good.replace(self.server.token_url, self.server.token_url.replace("/token", "/huge")),
             "unreachable: response larger than 65536 bytes"),
            # the endpoint's certificate is not trusted without ca_file
            (good.replace(f'ca_file = "{self.env.ca}"\nscope', "scope"), "unreachable: SSL certificate problem"),
        ]
        for text, expected in cases:
            with open(self.config, "w") as f:
                f.write(text)
            p = subprocess.run([daemon, "--config", self.config, "--once"], capture_output=True, text=True,
                               timeout=120)
            self.assertNotEqual(p.returncode, 0, p.stderr)
            self.assertIn(expected, p.stderr)
            self.assertNotIn(CLIENT_SECRET, p.stderr)
        self.assertEqual(self.server.issued(), 0)

    def test_oauth2_login_refresh_and_failure(self):
        self.start_daemon()

        # 1. a token, used by Dovecot, cached for the next poll
        self.deliver_and_wait(1)
        self.assertEqual(len(self.server.token_requests), 1)
        request = self.server.token_requests[0]
        self.assertEqual(request["grant_type"], "client_credentials")
        self.assertEqual(request["scope"], "https://outlook.office365.com/.default")
        self.assertTrue(any(active for _, active in self.server.introspections))
        self.deliver_and_wait(2)
        self.assertEqual(len(self.server.token_requests), 1, "the cached token is reused")
        self.assertTrue(self.smtp_oauth2.auth_attempts)
        self.assertTrue(all(ok for _, ok in self.smtp_oauth2.auth_attempts), "SMTP took the same token")

        # 2. revoked server-side; the next login (new session) is refused once, then a new token works
        self.server.revoke_all()
        self.imap.kill_sessions("imap")
        self.deliver_and_wait(3)
        self.assertEqual(len(self.server.token_requests), 2, self.log())
        self.assertGreaterEqual(self.inactive_introspections() + self.refused_smtp_logins(), 1)

        # 3. short lifetimes: new tokens are fetched before the old ones expire
        self.server.lifetime = 4
        self.server.revoke_all()
        self.imap.kill_sessions("imap")
        self.deliver_and_wait(4)
        refused_before = self.inactive_introspections() + self.refused_smtp_logins()
        requests_before = len(self.server.token_requests)
        time.sleep(6)  # longer than a token lives
        self.imap.kill_sessions("imap")  # new sessions: logins with whatever token the daemon holds
        self.deliver_and_wait(5)
        self.assertGreaterEqual(len(self.server.token_requests) - requests_before, 2)
        self.assertEqual(self.inactive_introspections() + self.refused_smtp_logins(), refused_before,
                         "a login used an expired token: " + self.log())

        # 4. the endpoint refuses the client: a clear line, the daemon keeps running
        self.server.refuse = True
        self.server.revoke_all()
        self.imap.kill_sessions("imap")
        self.wait_until("the refusal in the log", lambda: "refused client" in self.log())
        time.sleep(2)
        self.assertIsNone(self.proc.poll())
        lines = [line for line in self.log().splitlines() if "refused client" in line]
        self.assertIn(f"oauth2: token endpoint {self.server.token_url} refused client {CLIENT_ID}: "
                      "HTTP 401 invalid_client: AADSTS7000215: Invalid client secret provided.", lines[0])
        self.assertIn("poll failed", self.log())
        self.server.refuse = False
        self.server.lifetime = 3600
        self.deliver_and_wait(6)

        self.proc.terminate()
        self.assertEqual(self.proc.wait(30), 0, self.log())
        self.assertNotIn(CLIENT_SECRET, self.log())
        for token in self.server.tokens:
            self.assertNotIn(token, self.log())


if __name__ == "__main__":
    BUILD, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=2)
