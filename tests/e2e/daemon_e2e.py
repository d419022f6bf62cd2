#!/usr/bin/env python3
"""End-to-end: the real gdprincidentd against a private Dovecot and SMTP server.

usage: daemon_e2e.py BUILD_DIR SOURCE_DIR

Scenario (the expected message classes come from tests/corpus/*.expected.json):
  1. every corpus mail delivered; `gdprincidentd --once`: one incident per
     report mail and none for auto-replies/bounces, every raw mail stored
     byte-identical, one acknowledgment per acknowledgeable report carrying
     its reference, all mails \\Seen;
  2. a second run finds nothing new;
  3. SMTP down: one more report is stored and its ack waits; SMTP up again and
     (with the clock moved past the retry backoff) exactly one ack for it;
  4. --check-config: exit 0 for the valid config, 78 with FILE:LINE for a broken one;
  5. a daemon without its parse worker refuses to check or to poll (72) and
     leaves the mails unread: an installation error, not 100 flagged mails.
"""
import email.header
import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD = SOURCE = None
ROBOT = re.compile(r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([-+._].*)?$", re.I)
REF = re.compile(r"PUI-\d{4}-\d{4,}")


def from_address(raw):
    msg = email.message_from_bytes(raw)
    return email.utils.parseaddr(str(msg.get("From", "")))[1].lower()


class DaemonE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.env = harness.MailEnv.create()
        cls.imap = cls.env.start_dovecot()
        cls.smtp = cls.env.start_smtp()
        cls.config = cls.env.write_config(reporter_domains=["kommun.example"])
        cls.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        corpus = os.path.join(SOURCE, "tests", "corpus")
        cls.mails = []
        for path in sorted(glob.glob(os.path.join(corpus, "*.eml"))):
            with open(path, "rb") as f:
                raw = f.read()
            with open(path[:-4] + ".expected.json", encoding="utf-8") as f:
                cls_name = json.load(f)["message_class"]
            cls.mails.append((os.path.basename(path), raw, cls_name))

    @classmethod
    def tearDownClass(cls):
        cls.env.stop()

    def run_daemon(self, *extra, expect=0):
        p = subprocess.run([self.daemon, "--config", self.config, "--once", *extra],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, expect, f"gdprincidentd exit {p.returncode}\n{p.stderr}")
        # An unexpected error in the log fails the run (warnings are expected: SMTP down).
        errors = [l for l in p.stderr.splitlines() if " error " in l or " critical " in l]
        self.assertEqual(errors, [], "errors in the daemon's log")
        return p.stderr

    def db(self):
        return sqlite3.connect(self.env.store)

    def acks(self):
        # Acknowledgments only: reminders and completion requests (the deadline
        # scheduler's mail, Auto-Submitted: auto-generated) are counted elsewhere.
        return [(env, msg) for env, msg, raw in self.smtp.received()
                if (msg.get("Auto-Submitted") or "").strip().lower() == "auto-replied"]

    def test_scenario(self):
        for i, (name, raw, _) in enumerate(self.mails):
            self.imap.deliver(raw, name=f"{1000 + i}.{name}")
        reports = [m for m in self.mails if m[2] == "report"]
        acknowledgeable = [m for m in reports if not ROBOT.match(from_address(m[1]).split("@")[0])]

        # 1. the first run
        log = self.run_daemon()
        with self.db() as db:
            incidents = db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
            stored = db.execute("SELECT raw, message_class, incident_id FROM messages").fetchall()
        self.assertEqual(incidents, len(reports), log)
        self.assertEqual(len(stored), len(self.mails))
        stored_raw = sorted(bytes(r[0]) for r in stored)
        self.assertTrue(stored_raw == sorted(m[1] for m in self.mails),
                        "stored raw mails differ from the delivered bytes")
        by_raw = {bytes(r[0]): (r[1], r[2]) for r in stored}
        for name, raw, expected_class in self.mails:
            got_class, incident_id = by_raw[raw]
            self.assertEqual(got_class, expected_class, name)
            self.assertEqual(incident_id is not None, expected_class == "report", name)

        acks = self.acks()
        self.assertEqual(len(acks), len(acknowledgeable),
                         [e["rcpt_tos"] for e, _ in acks])
        with self.db() as db:
            refs = dict(db.execute("SELECT reference, reporter_address FROM incidents").fetchall())
        seen_refs = set()
        for envelope, msg in acks:
            self.assertTrue(envelope["tls"] and envelope["authenticated"])
            subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
            found = REF.findall(subject)
            self.assertEqual(len(found), 1, subject)
            self.assertIn(found[0], refs)
            self.assertNotIn(found[0], seen_refs, "two acks for one incident")
            seen_refs.add(found[0])
            self.assertEqual(envelope["rcpt_tos"], [refs[found[0]]])
            self.assertEqual(msg["Auto-Submitted"], "auto-replied")
        for uid, flags, raw in self.imap.messages():
            self.assertIn("\\Seen", flags, f"uid {uid} not \\Seen")

        # 2. nothing new
        self.run_daemon()
        with self.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0], len(reports))
            self.assertEqual(db.execute("SELECT COUNT(*) FROM messages").fetchone()[0], len(self.mails))
        self.assertEqual(len(self.acks()), len(acknowledgeable))

        # 3. SMTP down, one more report, SMTP back
        self.smtp.stop()
        late = reports[-1][1].replace(b"Message-ID: <", b"Message-ID: <e2e-late-", 1)
        late = late.replace(b"Message-Id: <", b"Message-Id: <e2e-late-", 1)
        self.assertNotEqual(late, reports[-1][1])
        self.imap.deliver(late, name="2000.late")
        self.run_daemon()
        with self.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0], len(reports) + 1)
            waiting = db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND sent_at IS NULL AND "
                                 "next_attempt_at IS NOT NULL AND attempts = 1").fetchone()[0]
        self.assertEqual(waiting, 1, "the ack should wait for a retry")
        self.smtp.start()
        self.run_daemon("--clock-offset", "10m")  # past the store's first retry backoff
        acks = self.acks()
        self.assertEqual(len(acks), len(acknowledgeable) + 1)
        late_to = from_address(late)
        self.assertEqual(acks[-1][0]["rcpt_tos"], [late_to])
        self.run_daemon("--clock-offset", "2h")
        self.assertEqual(len(self.acks()), len(acknowledgeable) + 1, "the ack was sent twice")
        with self.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0], 0)

        # 4. replies continue their incident: by the reference in the subject,
        #    and by In-Reply-To the acknowledgment's Message-ID
        envelope, ack = acks[0]
        ref = REF.findall(str(email.header.make_header(email.header.decode_header(ack["Subject"]))))[0]
        reporter = envelope["rcpt_tos"][0]
        by_subject = (f"From: {reporter}\r\nTo: gdprincident@kommun.example\r\n"
                      f"Subject: SV: [{ref}] Mottagen\r\nMessage-ID: <e2e-reply-1@kommun.example>\r\n"
                      "Date: Tue, 01 Dec 2026 10:00:00 +0100\r\n\r\n"
                      "Komplettering: det var 14 personer, inte 12.\r\n").encode()
        by_thread = (f"From: {reporter}\r\nTo: gdprincident@kommun.example\r\n"
                     f"Subject: Re: incidenten\r\nMessage-ID: <e2e-reply-2@kommun.example>\r\n"
                     f"In-Reply-To: {ack['Message-ID']}\r\n"
                     "Date: Tue, 01 Dec 2026 10:05:00 +0100\r\n\r\nEn sak till.\r\n").encode()
        self.imap.deliver(by_subject, name="3000.reply")
        self.imap.deliver(by_thread, name="3001.reply")
        with self.db() as db:
            before = db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        sent_before = len(self.acks())
        self.run_daemon("--clock-offset", "2h")
        with self.db() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0], before)
            rows = db.execute("SELECT i.reference FROM messages m JOIN incidents i ON i.id = m.incident_id "
                              "WHERE m.role = 'followup'").fetchall()
        self.assertEqual([r[0] for r in rows], [ref, ref])
        self.assertEqual(len(self.acks()), sent_before, "a follow-up must not be acknowledged as new")
        # the supplement's new count is merged into the record, and logged
        with self.db() as db:
            rec = json.loads(db.execute("SELECT record_json FROM incidents WHERE reference = ?",
                                        (ref,)).fetchone()[0])
            merged = db.execute("SELECT COUNT(*) FROM events e JOIN incidents i ON i.id = e.incident_id "
                                "WHERE i.reference = ? AND e.kind = 'followup_merged'", (ref,)).fetchone()[0]
        self.assertEqual(rec["data_subjects"]["exact"], 14)
        self.assertGreaterEqual(merged, 1)

        # 5. a new UIDVALIDITY renumbers every mail: all are recognised by
        #    Message-ID + SHA-256, no incident or ack is created again
        self.imap.stop()
        self.imap.reset_uidvalidity()
        self.imap.start()
        # (Deadline reminders are not counted: the later clock may make one due.)
        tables = ("incidents", "messages", "outbox WHERE kind <> 'reminder'")
        with self.db() as db:
            counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables]
            old_validity = db.execute("SELECT uidvalidity FROM mailbox_state").fetchone()[0]
        log = self.run_daemon("--clock-offset", "3h")
        with self.db() as db:
            self.assertEqual([db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables],
                             counts, log)
            new_validity = db.execute("SELECT uidvalidity FROM mailbox_state").fetchone()[0]
        self.assertNotEqual(new_validity, old_validity)
        self.assertIn("outcome=duplicate", log)
        self.assertNotIn("outcome=created", log)
        self.assertEqual(len(self.acks()), sent_before)

    def test_daemon_reloads_and_stops_on_signals(self):
        import signal
        import time
        env = harness.MailEnv.create()
        try:
            imap = env.start_dovecot()
            env.start_smtp()
            config = env.write_config(reporter_domains=["kommun.example"], poll_interval="1s",
                                      store_path=os.path.join(env.root, "loop.sqlite"))
            log_path = os.path.join(env.root, "daemon.log")
            with open(log_path, "w") as log:
                proc = subprocess.Popen([self.daemon, "--config", config], stderr=log)
            try:
                def incidents():
                    if not os.path.exists(env.store):
                        return 0
                    try:
                        with sqlite3.connect(env.store) as db:
                            return db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
                    except sqlite3.OperationalError:  # the daemon is still creating it
                        return 0

                def wait_for(n):
                    deadline = time.time() + 30
                    while time.time() < deadline and incidents() < n:
                        time.sleep(0.2)
                    self.assertEqual(incidents(), n, open(log_path).read())

                reports = [m for m in self.mails if m[2] == "report"]
                imap.deliver(reports[0][1], name="1.a")
                wait_for(1)
                # a broken config on SIGHUP: logged, the old one keeps running
                with open(config) as f:
                    good = f.read()
                with open(config, "w") as f:
                    f.write(good.replace('poll_interval = "1s"', 'poll_interval = "never"'))
                proc.send_signal(signal.SIGHUP)
                time.sleep(1.5)
                imap.deliver(reports[1][1], name="2.b")
                wait_for(2)
                self.assertIn("reload failed", open(log_path).read())
                # a good config on SIGHUP is taken
                with open(config, "w") as f:
                    f.write(good)
                proc.send_signal(signal.SIGHUP)
                time.sleep(1.5)
                self.assertIn("configuration reloaded", open(log_path).read())
                proc.send_signal(signal.SIGTERM)
                self.assertEqual(proc.wait(30), 0, open(log_path).read())
                self.assertIn("gdprincidentd stopped", open(log_path).read())
                self.assertNotIn(harness.IMAP_PASSWORD, open(log_path).read())
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        finally:
            env.stop()

    def test_check_config(self):
        ok = subprocess.run([self.daemon, "--config", self.config, "--check-config"],
                            capture_output=True, text=True)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        broken = os.path.join(self.env.root, "broken.toml")
        with open(self.config) as f, open(broken, "w") as g:
            g.write(f.read().replace('poll_interval = "60s"', 'poll_interval = "soon"\nbogus = 1'))
        bad = subprocess.run([self.daemon, "--config", broken, "--check-config"],
                             capture_output=True, text=True)
        self.assertEqual(bad.returncode, 78)
        lines = bad.stderr.strip().splitlines()
        self.assertEqual(len(lines), 2, bad.stderr)
        self.assertRegex(lines[0], r"^" + re.escape(broken) + r":\d+: poll_interval 'soon'")
        self.assertRegex(lines[1], r"^" + re.escape(broken) + r":\d+: unknown key 'bogus' in \[mailbox\]")
        self.assertNotIn(harness.IMAP_PASSWORD, bad.stderr + ok.stderr)

    def test_check_config_runs_the_parse_worker(self):
        ok = subprocess.run([self.daemon, "--config", self.config, "--check-config"],
                            capture_output=True, text=True)
        worker = os.path.join(os.path.dirname(os.path.realpath(self.daemon)), "gdprincident-parse")
        self.assertIn(f"{worker}: parse worker works (confined)", ok.stderr)

    def test_daemon_without_its_parse_worker_refuses_to_start(self):
        # A copy of the daemon in a folder of its own: no worker beside it, none
        # in ../libexec/gdprincidentd, none installed where the build says.
        bindir = os.path.join(self.env.root, "lonely", "sbin")
        os.makedirs(bindir, exist_ok=True)
        lonely = os.path.join(bindir, "gdprincidentd")
        shutil.copy(self.daemon, lonely)
        installed = "/usr/local/libexec/gdprincidentd/gdprincident-parse"
        if os.path.exists(installed) or os.path.exists("/usr/libexec/gdprincidentd/gdprincident-parse"):
            self.skipTest("a parse worker is installed on this machine")
        check = subprocess.run([lonely, "--config", self.config, "--check-config"], capture_output=True, text=True)
        self.assertEqual(check.returncode, 72, check.stderr)
        self.assertIn("parse worker could not be started", check.stderr)
        once = subprocess.run([lonely, "--config", self.config, "--once"], capture_output=True, text=True, timeout=120)
        self.assertEqual(once.returncode, 72, once.stderr)
        self.assertIn("reinstall gdprincidentd", once.stderr)
        self.assertNotIn("uid=", once.stderr)  # no mail was touched

    def test_once_fails_when_the_mailbox_is_unreachable(self):
        dead = os.path.join(self.env.root, "dead.toml")
        with open(self.config) as f, open(dead, "w") as g:
            g.write(f.read().replace(self.imap.url, f"imaps://127.0.0.1:{harness.free_port()}/INBOX")
                    .replace(self.env.store, os.path.join(self.env.root, "dead.sqlite")))
        p = subprocess.run([self.daemon, "--config", dead, "--once"], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(p.returncode, 69, p.stderr)
        self.assertIn("poll failed", p.stderr)


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
