#!/usr/bin/env python3
"""The demo behind scripts/demo.sh: private Dovecot + SMTP on loopback, a few
corpus reports delivered, one `gdprincidentd --once`, then the incidents
(gdprincidentctl list) and the acknowledgments that were sent.

usage: demo.py BUILD_DIR
"""
import email
import email.header
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402

SAMPLES = [
    "01_blankett_docx_w14_bcc_newsletter.eml",
    "05_blankett_pasted_plain_wrong_guardian.eml",
    "09_free_short_latin1_salaries_changed.eml",
    "13_free_english_wrong_guardian.eml",
    "19_autoreply_sv_auto_submitted.eml",
]


def decoded(value):
    return str(email.header.make_header(email.header.decode_header(value or "")))


def main():
    build = os.path.abspath(sys.argv[1])
    corpus = os.path.join(HERE, "..", "corpus")
    env = harness.MailEnv.create(keep=False)
    try:
        print(f"== private servers in {env.root}")
        imap = env.start_dovecot()
        smtp = env.start_smtp()
        print(f"   IMAPS {imap.url}   SMTP (STARTTLS+AUTH) {smtp.url}")
        config = env.write_config(reporter_domains=["kommun.example"])
        print(f"== delivering {len(SAMPLES)} mails to the incident mailbox")
        for i, name in enumerate(SAMPLES):
            with open(os.path.join(corpus, name), "rb") as f:
                imap.deliver(f.read(), name=f"{1000 + i}.{name}")
            print(f"   {name}")
        print("== gdprincidentd --once")
        rc = subprocess.call([os.path.join(build, "daemon", "gdprincidentd"), "--config", config, "--once"])
        print(f"   exit {rc}")
        print("== gdprincidentctl list")
        subprocess.call([os.path.join(build, "daemon", "gdprincidentctl"), "--config", config, "list"])
        print("== acknowledgments received by the SMTP server")
        for envelope, msg, raw in smtp.received():
            print(f"-- to {', '.join(envelope['rcpt_tos'])}: {decoded(msg['Subject'])}")
            part = next((p for p in msg.walk() if p.get_content_type() == "text/plain"), None)
            if part is not None:
                body = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8", "replace")
                for line in body.splitlines()[:12]:
                    print(f"   {line}")
                print("   ...")
        return rc
    finally:
        env.stop()
        print("== servers stopped")


if __name__ == "__main__":
    sys.exit(main())
