#!/usr/bin/env python3
"""Crash consistency: the real gdprincidentd SIGKILLed at every step, many times.

usage: crash_e2e.py BUILD_DIR SOURCE_DIR [KILLS]

The daemon is run with --once against a private Dovecot and SMTP server
(harness.py). Mails arrive in batches; for each batch the daemon is started
again and again with GDPRD_FAULT=<step>:<n> (daemon/fault_injection.hpp), so
it kills itself at a chosen step of a chosen mail:

  fetched         after the fetch, before anything is stored
  in_transaction  inside the ingest transaction (while composing the ack)
  ingested        after a mail's ingest, before its follow-up merge and the
                  batch's commit (all in one transaction)
  committed       after the batch's commit, before the \\Seen flag
  smtp_sent       after the SMTP server accepted the ack, before it is marked sent

and, in between, at a random moment from outside (SIGKILL after a random
delay). When the target number of kills is reached, clean runs finish the work.
Then:
  - every delivered mail is stored exactly once, byte-identical;
  - every report has exactly one incident;
  - every incident got its acknowledgment, exactly once, except at most one
    duplicate per kill that could fall between SMTP acceptance and the
    database's "sent" mark (smtp_sent kills and the random ones);
  - every mail is \\Seen on the server: one killed between commit and flag
    is flagged by the next poll (stored, so not fetched again);
  - PRAGMA integrity_check says ok.
"""
import collections
import email
import email.header
import os
import random
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
KILLS = 200
BATCH = 8
STEPS = ("fetched", "in_transaction", "ingested", "committed", "smtp_sent")
REF = re.compile(r"PUI-\d{4}-\d{4,}")


def report_mail(i):
    """A plain report from an acknowledgeable reporter; unique Message-ID and text."""
    return (f"From: Rapportör {i} <reporter{i}@kommun.example>\r\n"
            "To: gdprincident@kommun.example\r\n"
            f"Subject: Personuppgiftsincident nummer {i}\r\n"
            "Date: Tue, 10 Nov 2026 08:47:12 +0100\r\n"
            f"Message-ID: <crash-{i}@kommun.example>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
            f"Hej!\r\n\r\nIgår skickade jag av misstag elevlista {i} med vårdnadshavares "
            "telefonnummer till fel mottagare. Jag upptäckte felet i morse.\r\n\r\n"
            f"Hälsningar\r\nRapportör {i}\r\n").encode("utf-8")


class CrashE2E(unittest.TestCase):
    def setUp(self):
        self.env = harness.MailEnv.create()
        self.imap = self.env.start_dovecot()
        self.smtp = self.env.start_smtp()
        self.config = self.env.write_config(reporter_domains=["kommun.example"])
        self.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")
        self.rng = random.Random(int(os.environ.get("GDPRD_CRASH_SEED", "7")))
        self.kills = collections.Counter()

    def tearDown(self):
        self.env.stop()

    def run_once(self, fault=None, kill_after=None):
        """One --once run. Returns 'killed' or 'done'; any other exit fails the test."""
        env = dict(os.environ)
        env.pop("GDPRD_FAULT", None)
        if fault:
            env["GDPRD_FAULT"] = fault
        args = [self.daemon, "--config", self.config, "--once"]
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if kill_after is not None:
            try:
                proc.wait(kill_after)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
        if proc.returncode == -signal.SIGKILL:
            return "killed"
        self.assertEqual(proc.returncode, 0, f"{fault or 'random kill'}: exit {proc.returncode}\n{err}")
        return "done"

    def total_kills(self):
        return sum(self.kills.values())

    def test_sigkill_at_every_step(self):
        delivered = []
        i = 0
        rounds_without_kill = 0
        while self.total_kills() < KILLS:
            for _ in range(BATCH):
                raw = report_mail(i)
                self.imap.deliver(raw, name=f"{10000 + i}.crash")
                delivered.append(raw)
                i += 1
            # Kill at chosen steps until a run gets through a whole pass.
            for _ in range(4 * BATCH):
                step = self.rng.choice(STEPS + ("random",))
                if step == "random":
                    outcome = self.run_once(kill_after=self.rng.uniform(0.0, 0.6))
                else:
                    outcome = self.run_once(fault=f"{step}:{self.rng.randint(1, 3)}")
                if outcome == "killed":
                    self.kills[step] += 1
                    rounds_without_kill = 0
                else:
                    rounds_without_kill += 1
                    if rounds_without_kill >= 3:
                        break
            self.assertLess(len(delivered), 100 * BATCH, f"kills do not happen: {self.kills}")
        # Clean runs: everything left (unflagged mails, unsent acks) is finished.
        for _ in range(3):
            self.assertEqual(self.run_once(), "done")
        print(f"kills per step: {dict(self.kills)}, total {self.total_kills()}, mails {len(delivered)}",
              file=sys.stderr)

        with sqlite3.connect(self.env.store) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            stored = [bytes(r[0]) for r in db.execute("SELECT raw FROM messages")]
            incidents = db.execute("SELECT reference, reporter_address FROM incidents").fetchall()
            unsent = db.execute("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
        # every mail stored once, byte-identical
        self.assertEqual(len(stored), len(delivered))
        self.assertEqual(sorted(stored), sorted(delivered), "stored raw mails differ from the delivered ones")
        # every report one incident, one reporter each
        self.assertEqual(len(incidents), len(delivered))
        self.assertEqual(len({r[1] for r in incidents}), len(delivered))
        self.assertEqual(unsent, 0)
        # acknowledgments: each incident at least once; duplicates only where
        # a kill could fall between SMTP acceptance and the "sent" mark
        per_ref = collections.Counter()
        reporters = {r[1] for r in incidents}
        for envelope, msg, _ in self.smtp.received():
            if envelope["rcpt_tos"][0] not in reporters:
                continue  # not an acknowledgment
            subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
            refs = REF.findall(subject)
            self.assertEqual(len(refs), 1, subject)
            per_ref[refs[0]] += 1
        self.assertEqual(set(per_ref), {r[0] for r in incidents}, "an incident without acknowledgment")
        duplicates = sum(n - 1 for n in per_ref.values())
        self.assertLessEqual(duplicates, self.kills["smtp_sent"] + self.kills["random"],
                             f"duplicates {duplicates} with kills {dict(self.kills)}")
        # \Seen: every mail, also those whose run was killed between the
        # commit and the flag (the next poll flags what is stored but unseen).
        unflagged = [uid for uid, flags, _ in self.imap.messages() if "\\Seen" not in flags]
        self.assertEqual(unflagged, [], f"stored but not \\Seen, kills {dict(self.kills)}")
        self.assertGreaterEqual(self.total_kills(), KILLS)
        for step in STEPS:
            self.assertGreater(self.kills[step], 0, f"no kill at {step}")


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        KILLS = int(sys.argv[3])
    unittest.main(argv=[sys.argv[0], "-v"])
