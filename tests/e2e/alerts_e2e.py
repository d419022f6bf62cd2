#!/usr/bin/env python3
"""End-to-end: self-monitoring alert mails ([alerts]) with the real daemon.

usage: alerts_e2e.py BUILD_DIR SOURCE_DIR

- IMAP down: `gdprincidentd --once` at increasing --clock-offset (each run a
  restart) sends nothing before 30 minutes, exactly one alert to the admin
  after, nothing more while the outage lasts, and one recovery mail once the
  IMAP server is back.
- The same with the long-running daemon on a fast clock (--clock-scale).
- SMTP down: the outbox-stuck alert is queued while SMTP is down (logged at
  error level) and arrives, with the stuck acknowledgment and a recovery
  mail, once SMTP is back.
"""
import email.header
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD = SOURCE = None
ADMIN = "drift@kommun.example"
ALERTS = f"""
[alerts]
admins = ["{ADMIN}"]
poll_failure_after = "30m"
outbox_stuck_after = "30m"
"""


def report_mail(tag):
    return (f"From: Anna Andersson <anna@kommun.example>\r\n"
            f"To: gdprincident@kommun.example\r\n"
            f"Subject: Personuppgiftsincident {tag}: fel mottagare\r\n"
            f"Message-ID: <alerts-{tag}@kommun.example>\r\n"
            f"Date: Tue, 01 Dec 2026 08:00:00 +0100\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hej, ett mejl med personnummer skickades till fel mottagare i morse.\r\nMvh Anna\r\n").encode()


def subject_of(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


class AlertsE2E(unittest.TestCase):
    def setUp(self):
        self.env = harness.MailEnv.create()
        self.imap = self.env.start_dovecot()
        self.smtp = self.env.start_smtp()
        self.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        self.proc = None
        self.log = None
        self.log_path = os.path.join(self.env.root, "daemon.log")

    def tearDown(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.log:
            self.log.close()
        self.env.stop()

    def once(self, offset=None, expect=0):
        args = [self.daemon, "--config", self.config, "--once"]
        if offset:
            args += ["--clock-offset", offset]
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, expect, f"gdprincidentd --once {offset}: exit {p.returncode}\n{p.stderr}")
        return p.stderr

    def admin_mails(self):
        """[(subject, message)] of mails to the admin, in arrival order."""
        return [(subject_of(msg), msg) for env, msg, raw in self.smtp.received() if env["rcpt_tos"] == [ADMIN]]

    def body(self, msg):
        return msg.get_payload(decode=True).decode("utf-8")

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_until(self, predicate, what, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if predicate():
                return
            if self.proc is not None and self.proc.poll() is not None:
                self.fail(f"the daemon exited while waiting for {what}\n{self.log_text()}")
            time.sleep(0.2)
        self.fail(f"timed out waiting for {what}\n{self.admin_mails()}\n{self.log_text()}")

    def test_imap_outage_alert_once_across_restarts_then_recovery(self):
        self.config = self.env.write_config(reporter_domains=["kommun.example"], extra=ALERTS)
        self.once()  # the store exists, the mailbox is fine
        self.imap.stop()

        log = self.once(None, expect=69)
        self.assertIn("began", log)
        for offset in ("10m", "29m"):
            self.once(offset, expect=69)
        self.assertEqual(self.admin_mails(), [], "alerted before 30 minutes")

        log = self.once("31m", expect=69)
        self.assertRegex(log, r" error alerts: polling .* has failed since")
        mails = self.admin_mails()
        self.assertEqual(len(mails), 1, mails)
        subject, msg = mails[0]
        self.assertTrue(subject.startswith("[gdprincidentd] LARM: incidentbrevlådan kan inte läsas sedan "), subject)
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        body = self.body(msg)
        self.assertIn(self.imap.url, body)
        self.assertIn("journalctl -u gdprincidentd", body)
        self.assertIn(f"gdprincidentctl --config {self.config} status", body)
        self.assertIn("-- In English --", body)

        for offset in ("40m", "2h"):
            self.once(offset, expect=69)
        self.assertEqual(len(self.admin_mails()), 1, "a second alert in the same episode")

        self.imap.start()
        self.once("2h5m")
        mails = self.admin_mails()
        self.assertEqual(len(mails), 2, mails)
        subject, msg = mails[1]
        self.assertEqual(subject, "[gdprincidentd] Åtgärdat: incidentbrevlådan kan läsas igen")
        self.assertRegex(self.body(msg), r"varade 2 h [56] min")
        self.once("2h10m")
        self.once("3h")
        self.assertEqual(len(self.admin_mails()), 2, "mails after the recovery")
        with sqlite3.connect(self.env.store) as db:
            episodes = db.execute("SELECT alerted_at IS NOT NULL, ended_at IS NOT NULL, recovery_sent "
                                  "FROM admin_alert_episodes").fetchall()
        self.assertEqual(episodes, [(1, 1, 1)])

    def test_long_running_daemon_alerts_and_recovers(self):
        self.config = self.env.write_config(reporter_domains=["kommun.example"], poll_interval="1s", extra=ALERTS)
        self.imap.stop()
        self.log = open(self.log_path, "a")
        # 10 simulated minutes per real second: the backoff's 2 s + 4 s are an hour.
        self.proc = subprocess.Popen([self.daemon, "--config", self.config, "--clock-scale", "600"], stderr=self.log)
        self.wait_until(lambda: len(self.admin_mails()) == 1, "the alert")
        self.assertIn("LARM", self.admin_mails()[0][0])
        self.imap.start()
        self.wait_until(lambda: len(self.admin_mails()) == 2, "the recovery mail")
        self.assertIn("Åtgärdat", self.admin_mails()[1][0])
        time.sleep(3)
        self.assertEqual(len(self.admin_mails()), 2, self.admin_mails())
        self.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.proc.wait(20), 0)

    def test_smtp_outage_alert_is_queued_and_arrives_when_smtp_is_back(self):
        self.config = self.env.write_config(reporter_domains=["kommun.example"], extra=ALERTS)
        self.smtp.stop()
        self.imap.deliver(report_mail("smtp-1"), name="1.report")
        self.once()
        log = self.once("31m")
        self.assertRegex(log, r" error alerts: the outbox is stuck .* leaves only when SMTP works again")
        with sqlite3.connect(self.env.store) as db:
            queued = db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'admin_alert' AND sent_at IS NULL").fetchone()[0]
        self.assertEqual(queued, 1)
        self.once("40m")  # still down: no second alert queued
        self.smtp.start()
        self.once("45m")
        mails = self.admin_mails()
        self.assertEqual([s.split(":")[0] for s, _ in mails],
                         ["[gdprincidentd] LARM", "[gdprincidentd] Åtgärdat"], [s for s, _ in mails])
        self.assertIn("samma SMTP-server", self.body(mails[0][1]))
        acks = [1 for env, msg, raw in self.smtp.received() if env["rcpt_tos"] == ["anna@kommun.example"]]
        self.assertEqual(len(acks), 1)
        self.once("50m")
        self.assertEqual(len(self.admin_mails()), 2)


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
