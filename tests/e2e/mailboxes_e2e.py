#!/usr/bin/env python3
"""Several [[mailbox]] tables in one daemon (issue 8): one per nämnd or company.

usage: mailboxes_e2e.py BUILD_DIR SOURCE_DIR

Three mailboxes on the private Dovecot: "social" (INBOX, Swedish), "bolaget"
(folder Bolaget, English, its own organisation name) and "trasig" (a wrong
password: its every poll fails). Asserts:
  - --once stores each report in its own mailbox's store, acknowledges each
    in that organisation's name and language, and exits 69 for the failing
    mailbox without leaving the others unpolled;
  - the running daemon keeps taking mail from both good mailboxes (on IDLE and
    the timed poll) while the third keeps failing;
  - gdprincidentctl needs --mailbox NAME with several mailboxes, names them
    when it is missing, and refuses an unknown name.
"""
import email.header
import imaplib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def report(n, folder):
    return (f"From: Testa Testsson <testa{n}@kommun.example>\r\nTo: gdprincident@kommun.example\r\n"
            f"Subject: Incident {n} i {folder}\r\nMessage-ID: <mailboxes-{n}@kommun.example>\r\n"
            "Date: Tue, 1 Dec 2026 08:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Ett mejl med {n + 3} elevers namn skickades till fel mottagare igår kl 14.\r\n").encode()


def incidents(store):
    if not os.path.exists(store):
        return []
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return [r[0] for r in db.execute("SELECT reference FROM incidents ORDER BY id")]
    finally:
        db.close()


def mail_count(store):
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM messages").fetchone()[0]
    finally:
        db.close()


def decoded(header):
    return str(email.header.make_header(email.header.decode_header(header or "")))


def main():
    build = sys.argv[1]
    daemon = os.path.join(build, "daemon", "gdprincidentd")
    ctl_bin = os.path.join(build, "daemon", "gdprincidentctl")
    env = harness.MailEnv.create()
    failures = []

    def check(what, ok):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            failures.append(what)

    try:
        dovecot = env.start_dovecot()
        dovecot.start()
        env.start_smtp().start()
        c = dovecot.client()
        c.create("Bolaget")
        c.logout()
        dovecot.deliver(report(1, "INBOX"), name="1.mailboxes")
        dovecot.append(report(2, "Bolaget"), mailbox="Bolaget")

        imap_pw = env.write_secret("imap-password", harness.IMAP_PASSWORD)
        wrong_pw = env.write_secret("wrong-password", "not-the-password")
        smtp_pw = env.write_secret("smtp-password", harness.SMTP_PASSWORD)
        social_store = os.path.join(env.root, "social.sqlite")
        bolaget_store = os.path.join(env.root, "bolaget.sqlite")
        trasig_store = os.path.join(env.root, "trasig.sqlite")
        base = f"imaps://127.0.0.1:{dovecot.port}"

        def mailbox(name, folder, pw, store, organisation=""):
            return f"""[[mailbox]]
name = "{name}"
url = "{base}/{folder}"
user = "{harness.IMAP_USER}"
password_file = "{pw}"
ca_file = "{env.ca}"
poll_interval = "2s"

[mailbox.store]
path = "{store}"
{organisation}
"""
        config = os.path.join(env.root, "gdprincidentd.toml")
        with open(config, "w") as f:
            f.write(mailbox("social", "INBOX", imap_pw, social_store, """
[mailbox.organisation]
name = "Socialnamnden Testkommun"
reporter_domains = ["kommun.example"]
ciso = ["ciso-social@kommun.example"]
language = "sv"
"""))
            f.write(mailbox("bolaget", "Bolaget", imap_pw, bolaget_store, """
[mailbox.organisation]
name = "Testbolaget AB"
reporter_domains = ["kommun.example"]
ciso = ["ciso-bolaget@kommun.example"]
language = "en"
"""))
            f.write(mailbox("trasig", "Trasig", wrong_pw, trasig_store))
            f.write(f"""
[smtp]
url = "{env.smtp.url}"
user = "{harness.SMTP_USER}"
password_file = "{smtp_pw}"
ca_file = "{env.ca}"
from = "gdprincident@kommun.example"

[organisation]
name = "Testkommun"
reporter_domains = ["kommun.example"]
ciso = ["ciso@kommun.example"]
""")

        check_run = subprocess.run([daemon, "--config", config, "--check-config"], capture_output=True, timeout=60)
        check("--check-config accepts three mailboxes",
              check_run.returncode == 0 and b"3 mailboxes" in check_run.stderr)

        once = subprocess.run([daemon, "--config", config, "--once"], capture_output=True, timeout=300)
        log = once.stderr.decode(errors="replace")
        check("--once exits 69 while one mailbox cannot be polled", once.returncode == 69)
        check("the good mailboxes were polled anyway",
              len(incidents(social_store)) == 1 and len(incidents(bolaget_store)) == 1)
        check("each store holds only its own mailbox's mail",
              mail_count(social_store) == 1 and mail_count(bolaget_store) == 1)
        check("the failing mailbox's store exists and holds nothing", incidents(trasig_store) == [])
        check("the log names the failing mailbox", "trasig" in log)

        acks = {decoded(m["Subject"]): (envelope, m) for envelope, m, _ in env.smtp.received()}
        social_ack = [v for k, v in acks.items() if "Incident 1" in k]
        bolaget_ack = [v for k, v in acks.items() if "Incident 2" in k]
        check("social's acknowledgment is Swedish and in its organisation's name",
              len(social_ack) == 1 and "Mottagen" in decoded(social_ack[0][1]["Subject"])
              and "Socialnamnden Testkommun" in decoded(social_ack[0][1]["From"]))
        check("bolaget's acknowledgment is English and in its organisation's name",
              len(bolaget_ack) == 1 and "Received" in decoded(bolaget_ack[0][1]["Subject"])
              and "Testbolaget AB" in decoded(bolaget_ack[0][1]["From"]))

        # The running daemon: new mail in both good mailboxes is taken while
        # the third keeps failing (and backing off on its own).
        log_path = os.path.join(env.root, "daemon.log")
        with open(log_path, "wb") as log_file:
            proc = subprocess.Popen([daemon, "--config", config], stdout=log_file, stderr=log_file)
        try:
            time.sleep(1.5)
            dovecot.deliver(report(3, "INBOX"), name="3.mailboxes")
            dovecot.append(report(4, "Bolaget"), mailbox="Bolaget")
            deadline = time.time() + 60
            while time.time() < deadline:
                if len(incidents(social_store)) == 2 and len(incidents(bolaget_store)) == 2:
                    break
                time.sleep(0.3)
            check("the daemon takes new mail from both good mailboxes",
                  len(incidents(social_store)) == 2 and len(incidents(bolaget_store)) == 2)
            check("the daemon is still running", proc.poll() is None)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        with open(log_path, errors="replace") as f:
            daemon_log = f.read()
        check("the daemon stops cleanly on SIGTERM", proc.returncode == 0)
        check("the daemon logged the failing mailbox's polls", "trasig: " in daemon_log)

        def ctl(*args):
            return subprocess.run([ctl_bin, "--config", config, *args], capture_output=True, timeout=60)

        r = ctl("list")
        check("ctl without --mailbox refuses and names the mailboxes",
              r.returncode == 78 and b"--mailbox" in r.stderr and b"social, bolaget, trasig" in r.stderr)
        r = ctl("--mailbox", "bolaget", "list", "--json")
        listed = json.loads(r.stdout.decode())["incidents"] if r.returncode == 0 else []
        check("ctl --mailbox bolaget lists bolaget's two incidents", r.returncode == 0 and len(listed) == 2)
        r = subprocess.run([ctl_bin, "--config", config, "--mailbox", "social", "show", incidents(social_store)[0]],
                           capture_output=True, timeout=60)
        check("ctl --mailbox social shows social's incident", r.returncode == 0 and b"Incident 1" in r.stdout)
        r = ctl("--mailbox", "nope", "list")
        check("ctl --mailbox with an unknown name is refused", r.returncode == 78 and b"no mailbox named 'nope'" in r.stderr)
    finally:
        env.stop()
    print("FAILED: " + "; ".join(failures) if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
