#!/usr/bin/env python3
"""gdprincidentctl's per-incident commands against a store the real daemon wrote.

usage: ctl_e2e.py BUILD_DIR SOURCE_DIR

raw (byte-identical), note, close (twice: the second says so), reopen,
imy-form, show (the note and the state change are in the event log), reparse
(through the parse worker: the daemon's record comes back unchanged; a record
altered in the store is restored, the old one kept in the event log), and an
unknown reference (one error line, non-zero exit, nothing on stdout).
"""
import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

RAW = ("From: Testa Testsson <testa@kommun.example>\r\nTo: gdprincident@kommun.example\r\n"
       "Subject: Personuppgiftsincident\r\nMessage-ID: <ctl-e2e@kommun.example>\r\n"
       "Date: Tue, 1 Dec 2026 08:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
       "Ett mejl med 12 elevers namn skickades till fel mottagare igår kl 14.\r\n").encode()


def main():
    build = sys.argv[1]
    env = harness.MailEnv.create()
    failures = []

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    try:
        env.start_dovecot().start()
        env.start_smtp().start()
        env.dovecot.deliver(RAW, name="1.ctl-e2e")
        config = env.write_config(["kommun.example"])
        once = subprocess.run([os.path.join(build, "daemon", "gdprincidentd"), "--config", config, "--once"],
                              capture_output=True, timeout=300)
        check("--once exits 0", once.returncode == 0)

        def ctl(*args):
            return subprocess.run([os.path.join(build, "daemon", "gdprincidentctl"), "--config", config, *args],
                                  capture_output=True, timeout=60)

        ref = "PUI-2026-0001"
        r = ctl("raw", ref)
        check("raw is byte-identical", r.returncode == 0 and r.stdout == RAW)
        r = ctl("note", ref, "ringde", "rektorn")
        check("note is added", r.returncode == 0 and b"note added" in r.stdout)
        r = ctl("close", ref)
        check("close closes", r.returncode == 0 and b"closed" in r.stdout)
        r = ctl("close", ref)
        check("a second close says it is already closed", r.returncode == 0 and b"already closed" in r.stdout)
        r = ctl("reopen", ref)
        check("reopen opens", r.returncode == 0 and r.stdout.strip().endswith(b"open"))
        r = ctl("imy-form", ref)
        check("imy-form prints the form", r.returncode == 0 and "Integritetsskyddsmyndigheten" in r.stdout.decode())
        r = ctl("show", ref)
        shown = r.stdout.decode()
        check("show has the note and the state changes", r.returncode == 0 and "ringde rektorn" in shown and "closed" in shown)
        r = ctl("reparse", ref)
        check("reparse of the daemon's own record: unchanged", r.returncode == 0 and r.stdout.strip().endswith(b"unchanged"))
        with sqlite3.connect(env.store) as db:
            before = db.execute("SELECT record_json FROM incidents WHERE reference = ?", (ref,)).fetchone()[0]
            db.execute("UPDATE incidents SET record_json = json_set(record_json, '$.description', 'ändrad') "
                       "WHERE reference = ?", (ref,))
        r = ctl("reparse", "--all", "--dry-run")
        check("reparse --all --dry-run sees the change", r.returncode == 0 and b"would change" in r.stdout)
        r = ctl("reparse", ref)
        with sqlite3.connect(env.store) as db:
            after = db.execute("SELECT record_json FROM incidents WHERE reference = ?", (ref,)).fetchone()[0]
        check("reparse restores the parser's record", r.returncode == 0 and b"reparsed" in r.stdout
              and json.loads(after) == json.loads(before))
        r = ctl("show", ref)
        check("the reparse is in the event log", r.returncode == 0 and "reparsed" in r.stdout.decode())
        for command in ("raw", "note", "close", "imy-form"):
            args = [command, "PUI-2026-9999"] + (["text"] if command == "note" else [])
            r = ctl(*args)
            check(f"{command} of an unknown reference: one error line, no output",
                  r.returncode != 0 and r.stdout == b"" and len(r.stderr.decode().strip().splitlines()) == 1)
    finally:
        env.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
