#!/usr/bin/env python3
"""End-to-end: the deadline ladders with the real binaries and private servers.

usage: test_deadlines_e2e.py BUILD_DIR SOURCE_DIR

A report arrives; `gdprincidentd --once --clock-offset X` runs at increasing
offsets and the expected reminders arrive at the SMTP server in order,
exactly once (a rerun at the same offset, as after a kill -9 between two
steps, sends nothing new and loses nothing). A reply-mail decision from an
unknown sender is refused with a reply and changes nothing; the same from a
configured decider carrying the token stops the IMY ladder. A second
incident is decided with `gdprincidentctl decide` and its ladder stops too.
"""
import email
import email.header
import os
import re
import sqlite3
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD = SOURCE = None
REF = re.compile(r"\[(PUI-\d{4}-\d{4,})(?: #([0-9a-f]+))?\]")

RECIPIENTS = """
[deadlines]
office_hours_roles = []

[recipients]
ciso = ["ciso@kommun.example"]
deputy = ["deputy@kommun.example"]
dpo = ["dpo@kommun.example"]
forvaltningschef = ["chef@kommun.example"]
oncall = ["jour@kommun.example"]

[deciders]
addresses = ["ciso@kommun.example", "dpo@kommun.example"]
"""


def report(n, sender="anna@kommun.example"):
    return (f"From: Anna Andersson <{sender}>\r\n"
            f"To: gdprincident@kommun.example\r\n"
            f"Subject: Personuppgiftsincident {n}: fel mottagare\r\n"
            f"Message-ID: <dl-report-{n}@kommun.example>\r\n"
            f"Date: Mon, 30 Nov 2026 10:00:00 +0100\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hej, ett brev med uppgifter om en elev skickades till fel vårdnadshavare idag.\r\n"
            f"Mvh Anna\r\n").encode()


def decision_mail(n, sender, subject, body):
    return (f"From: <{sender}>\r\nTo: gdprincident@kommun.example\r\nSubject: {subject}\r\n"
            f"Message-ID: <dl-decision-{n}@kommun.example>\r\n"
            f"Date: Mon, 30 Nov 2026 12:00:00 +0100\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}").encode()


def subject_of(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


class DeadlinesE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.env = harness.MailEnv.create()
        cls.imap = cls.env.start_dovecot()
        cls.smtp = cls.env.start_smtp()
        cls.config = cls.env.write_config(reporter_domains=["kommun.example"], extra=RECIPIENTS)
        cls.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        cls.ctl = os.path.join(BUILD, "daemon", "gdprincidentctl")

    @classmethod
    def tearDownClass(cls):
        cls.env.stop()

    def run_daemon(self, offset):
        args = [self.daemon, "--config", self.config, "--once"]
        if offset:
            args += ["--clock-offset", offset]
        p = subprocess.run(args, capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, f"gdprincidentd exit {p.returncode}\n{p.stderr}")
        errors = [l for l in p.stderr.splitlines() if " error " in l or " critical " in l]
        self.assertEqual(errors, [], p.stderr)
        return p.stderr

    def ctl_run(self, *args, expect=0):
        p = subprocess.run([self.ctl, "--config", self.config, *args], capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, expect, f"gdprincidentctl {args}: {p.returncode}\n{p.stdout}\n{p.stderr}")
        return p.stdout

    def mails(self):
        """[(rcpt_tos, subject, msg)] in arrival order."""
        return [(env["rcpt_tos"], subject_of(msg), msg) for env, msg, raw in self.smtp.received()]

    def reminders(self, ref):
        return [(to, s, m) for to, s, m in self.mails()
                if m["Auto-Submitted"] == "auto-generated" and ref in s and "Komplettering" not in s]

    def db(self):
        return sqlite3.connect(self.env.store)

    def test_ladder_reply_decisions_and_cli(self):
        self.imap.deliver(report(1), name="1.report")
        self.run_daemon(None)
        with self.db() as db:
            ref, token = db.execute("SELECT reference, decision_token FROM incidents").fetchone()
        self.assertEqual(self.reminders(ref), [])

        # The internal ladder, step by step, each run twice (a rerun = a restart after kill -9).
        expected = []
        for offset, to in (("4h10m", ["ciso@kommun.example"]),
                           ("12h10m", ["ciso@kommun.example", "deputy@kommun.example"])):
            self.run_daemon(offset)
            self.run_daemon(offset)
            expected.append(to)
            got = self.reminders(ref)
            self.assertEqual([sorted(t) for t, _, _ in got], [sorted(t) for t in expected])
        to, subject, msg = self.reminders(ref)[-1]
        m = REF.search(subject)
        self.assertEqual((m.group(1), m.group(2)), (ref, token), subject)
        self.assertEqual(msg["In-Reply-To"], "<dl-report-1@kommun.example>")
        body = msg.get_payload(decode=True).decode("utf-8")
        self.assertIn("gdprincidentctl", body)
        self.assertIn("BESLUT: ANMÄLD", body)

        # A decision from an unknown sender, even with the token: refused, with a reply.
        self.imap.deliver(decision_mail(1, "mallory@example.com", f"Re: [{ref} #{token}] Påminnelse",
                                        "BESLUT: EJ ANMÄLAN: ingen risk\r\n"), name="2.decision")
        self.run_daemon("13h")
        refusals = [(t, s) for t, s, m in self.mails() if t == ["mallory@example.com"]]
        self.assertEqual(len(refusals), 1, self.mails())
        self.assertIn("ej registrerat", refusals[0][1])
        with self.db() as db:
            self.assertIsNone(db.execute("SELECT decision FROM incidents WHERE reference = ?", (ref,)).fetchone()[0])
            n_incidents = db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
            refused = db.execute("SELECT COUNT(*) FROM events WHERE kind = 'decision_mail_refused'").fetchone()[0]
        self.assertEqual(n_incidents, 1, "a decision mail must not open an incident")
        self.assertEqual(refused, 1)

        # A decider without the token: refused as well.
        self.imap.deliver(decision_mail(2, "ciso@kommun.example", f"Re: [{ref}] Påminnelse",
                                        "BESLUT: ANMÄLD DI-2026-1234\r\n"), name="3.decision")
        self.run_daemon("13h5m")
        self.assertEqual(len([1 for t, s, m in self.mails() if t == ["ciso@kommun.example"] and "ej registrerat" in s]), 1)

        self.run_daemon("24h10m")
        self.assertEqual(len(self.reminders(ref)), 3)
        self.assertIn("imy-24h", self.reminders(ref)[-1][2].get_payload(decode=True).decode())

        # The decider with the token: applied, confirmed, and the IMY ladder stops.
        self.imap.deliver(decision_mail(3, "ciso@kommun.example", f"SV: [{ref} #{token}] Påminnelse",
                                        "BESLUT: ANMÄLD DI-2026-1234\r\nKATEGORI 2 P2\r\n\r\n> BESLUT: EJ ANMÄLAN\r\n"),
                          name="4.decision")
        self.run_daemon("25h")
        confirmations = [s for t, s, m in self.mails() if t == ["ciso@kommun.example"] and "Beslut registrerat" in s]
        self.assertEqual(len(confirmations), 1, self.mails())
        with self.db() as db:
            row = db.execute("SELECT decision, imy_reference, decision_by, category, priority FROM incidents "
                             "WHERE reference = ?", (ref,)).fetchone()
        self.assertEqual(row, ("notified", "DI-2026-1234", "ciso@kommun.example", 2, "P2"))
        before = len(self.reminders(ref))
        for offset in ("48h10m", "72h10m", "90h"):
            self.run_daemon(offset)
        self.assertEqual(len(self.reminders(ref)), before, "reminders after the decision")

        # A second incident decided on the command line.
        self.imap.deliver(report(2), name="5.report")
        self.run_daemon(None)
        with self.db() as db:
            ref2 = db.execute("SELECT reference FROM incidents ORDER BY id DESC LIMIT 1").fetchone()[0]
        self.ctl_run("decide", ref2, "--not-notified", expect=64)  # motivation required
        self.ctl_run("assess", ref2, "--category", "1", "--priority", "P3")
        self.ctl_run("decide", ref2, "--not-notified", "--motivation", "Brevet återlämnat oöppnat.")
        for offset in ("4h10m", "24h10m", "73h"):
            self.run_daemon(offset)
        self.assertEqual(self.reminders(ref2), [])
        with self.db() as db:
            kinds = [k for (k,) in db.execute(
                "SELECT kind FROM events e JOIN incidents i ON i.id = e.incident_id WHERE i.reference = ?", (ref2,))]
        self.assertIn("assessment_recorded", kinds)
        self.assertIn("decision_recorded", kinds)
        # A late notification needs a reason for the delay (Art. 33(1)).
        self.ctl_run("decide", ref2, "--notified", "--imy-ref", "DI-2026-9", "--date",
                     "2030-01-01T10:00:00+01:00", expect=64)


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
