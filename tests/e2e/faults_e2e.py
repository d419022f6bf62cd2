#!/usr/bin/env python3
"""Faults around a running gdprincidentd (private Dovecot + SMTP, harness.py).

usage: faults_e2e.py BUILD_DIR SOURCE_DIR

  - the IMAP server stops mid-run and comes back: the daemon keeps running
    and later ingests everything that arrived meanwhile;
  - SMTP down, then up: acknowledgments wait in the outbox, then go (once);
  - disk full (RLIMIT_FSIZE, SIGXFSZ ignored so writes fail with EFBIG): no
    mail is flagged \\Seen without being stored, and a later run stores it;
  - the database held by a long exclusive transaction (another client):
    the daemon waits or retries and loses nothing;
  - a config broken on SIGHUP: the old one stays in force (log line).
"""
import email.utils
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD = SOURCE = None


def report_mail(tag, padding=0):
    body = (f"Hej!\r\n\r\nIgår skickade jag av misstag lista {tag} med vårdnadshavares "
            "telefonnummer till fel mottagare. Jag upptäckte felet i morse.\r\n")
    body += ("Bilaga: " + "x" * 70 + "\r\n") * (padding // 80)
    return (f"From: Rapportör <reporter-{tag}@kommun.example>\r\nTo: gdprincident@kommun.example\r\n"
            f"Subject: Personuppgiftsincident {tag}\r\nDate: Tue, 10 Nov 2026 08:47:12 +0100\r\n"
            f"Message-ID: <fault-{tag}@kommun.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + body).encode("utf-8")


class FaultsE2E(unittest.TestCase):
    def setUp(self):
        self.env = harness.MailEnv.create()
        self.imap = self.env.start_dovecot()
        self.smtp = self.env.start_smtp()
        self.config = self.env.write_config(reporter_domains=["kommun.example"], poll_interval="1s")
        self.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        self.log_path = os.path.join(self.env.root, "daemon.log")
        self.proc = None
        self.log = None

    def tearDown(self):
        if getattr(self, "log", None):
            self.log.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.env.stop()

    def start_loop(self, *extra):
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen([self.daemon, "--config", self.config, *extra], stderr=self.log)

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def count(self, sql):
        if not os.path.exists(self.env.store):
            return 0
        try:
            db = sqlite3.connect(self.env.store, timeout=0.2)
            try:
                return db.execute(sql).fetchone()[0]
            finally:
                db.close()
        except sqlite3.OperationalError:  # not created yet, or locked by the daemon
            return None

    def wait_for(self, sql, n, timeout=40):
        deadline = time.time() + timeout
        got = None
        while time.time() < deadline:
            got = self.count(sql)
            if got == n:
                return
            time.sleep(0.2)
        self.fail(f"{sql}: {got}, wanted {n}\n{self.log_text()}")

    def acks(self):
        return len(self.smtp.received())

    def assert_running(self):
        self.assertIsNone(self.proc.poll(), "the daemon exited\n" + self.log_text())

    def test_imap_server_restart_mid_run(self):
        self.start_loop()
        self.imap.deliver(report_mail("imap-1"), name="1.a")
        self.wait_for("SELECT COUNT(*) FROM incidents", 1)
        self.imap.stop()
        self.imap.kill_sessions()  # the master's SIGTERM leaves open sessions running
        self.imap.deliver(report_mail("imap-2"), name="2.b")  # arrives while the server is down
        time.sleep(3)
        self.assert_running()
        self.imap.start()
        self.imap.deliver(report_mail("imap-3"), name="3.c")
        self.wait_for("SELECT COUNT(*) FROM incidents", 3, timeout=90)
        self.assert_running()
        self.assertIn("poll failed", self.log_text())
        for uid, flags, _ in self.imap.messages():
            self.assertIn("\\Seen", flags)

    def test_smtp_down_then_up(self):
        self.smtp.stop()
        # an hour per minute: the outbox's 1-minute retry comes due in about a second
        self.start_loop("--clock-scale", "60")
        self.imap.deliver(report_mail("smtp-1"), name="1.a")
        self.wait_for("SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND sent_at IS NULL AND attempts >= 1", 1)
        self.assertEqual(self.acks(), 0)
        self.smtp.start()
        self.wait_for("SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND sent_at IS NOT NULL", 1, timeout=60)
        time.sleep(2)
        acks = [e for e, m, r in self.smtp.received() if e["rcpt_tos"] == ["reporter-smtp-1@kommun.example"]]
        self.assertEqual(len(acks), 1, "the waiting ack went out once")
        self.assert_running()

    def test_disk_full_never_flags_an_unstored_mail(self):
        # First a normal run creates the database; then the file may not grow.
        self.imap.deliver(report_mail("disk-0"), name="0.a")
        subprocess.run([self.daemon, "--config", self.config, "--once"], check=True, capture_output=True)
        limit = os.path.getsize(self.env.store) + 4096

        def no_growth():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        for i in range(3):
            self.imap.deliver(report_mail(f"disk-{i + 1}", padding=200_000), name=f"{i + 1}.big")
        p = subprocess.run([self.daemon, "--config", self.config, "--once"], preexec_fn=no_growth,
                           capture_output=True, text=True, timeout=120)
        self.assertNotEqual(p.returncode, 0, "a full disk must not look like success")
        with sqlite3.connect(self.env.store) as db:
            stored = {bytes(r[0]) for r in db.execute("SELECT raw FROM messages")}
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        for uid, flags, raw in self.imap.messages():
            if "\\Seen" in flags:
                self.assertIn(raw, stored, f"uid {uid} is \\Seen but not stored\n{p.stderr}")
        # Space again: everything is stored and flagged.
        subprocess.run([self.daemon, "--config", self.config, "--once"], check=True, capture_output=True)
        self.assertEqual(self.count("SELECT COUNT(*) FROM incidents"), 4)
        for uid, flags, _ in self.imap.messages():
            self.assertIn("\\Seen", flags)

    def test_database_locked_by_a_long_transaction(self):
        self.start_loop()
        self.imap.deliver(report_mail("lock-1"), name="1.a")
        self.wait_for("SELECT COUNT(*) FROM incidents", 1)
        holder = sqlite3.connect(self.env.store, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        self.imap.deliver(report_mail("lock-2"), name="2.b")
        self.imap.deliver(report_mail("lock-3"), name="3.c")
        time.sleep(8)  # longer than any busy timeout: the daemon must give up and retry later
        self.assert_running()
        holder.execute("ROLLBACK")
        holder.close()
        self.wait_for("SELECT COUNT(*) FROM incidents", 3, timeout=60)
        self.wait_for("SELECT COUNT(*) FROM messages", 3)
        self.assert_running()
        for uid, flags, _ in self.imap.messages():
            self.assertIn("\\Seen", flags)

    def test_broken_config_on_sighup_keeps_the_old_one(self):
        self.start_loop()
        self.imap.deliver(report_mail("hup-1"), name="1.a")
        self.wait_for("SELECT COUNT(*) FROM incidents", 1)
        with open(self.config) as f:
            good = f.read()
        with open(self.config, "w") as f:
            f.write(good.replace("[store]", "[store]\nbroken = = =", 1))
        self.proc.send_signal(signal.SIGHUP)
        time.sleep(1.5)
        self.assert_running()
        self.imap.deliver(report_mail("hup-2"), name="2.b")
        self.wait_for("SELECT COUNT(*) FROM incidents", 2)
        self.assertIn("reload failed", self.log_text())
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(30), 0, self.log_text())


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
