#!/usr/bin/env python3
"""Runs the ImapClientLive GoogleTests (daemon/imap_client_test.cpp) against a
private Dovecot: delivers a few mails (two corpus mails, and one above curl's
300 KB single-response limit), tells the tests where the
server and the delivered bytes are, and returns their exit code.

usage: imap_client_e2e.py GDPRD_DAEMON_TESTS SOURCE_DIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def main():
    tests, source = sys.argv[1], sys.argv[2]
    env = harness.MailEnv.create()
    try:
        imap = env.start_dovecot()
        expected = os.path.join(env.root, "expected")
        os.makedirs(expected)
        corpus = os.path.join(source, "tests", "corpus")
        mails = [open(os.path.join(corpus, name), "rb").read()
                 for name in ("01_blankett_docx_w14_bcc_newsletter.eml",
                              "17_utf8_labelled_windows1252_mojibake.eml")]
        big_line = b"A" * 76 + b"\r\n"
        mails.append(b"From: Test <t@kommun.example>\r\nTo: i@kommun.example\r\n"
                     b"Subject: large\r\nMessage-ID: <large@kommun.example>\r\n\r\n"
                     + big_line * (420 * 1024 // len(big_line)))
        for i, raw in enumerate(mails):
            imap.deliver(raw, name=f"{1000 + i}.e2e")
            with open(os.path.join(expected, f"{i}.eml"), "wb") as f:
                f.write(raw)
        run_env = dict(os.environ,
                       GDPRD_TEST_IMAP_URL=imap.url, GDPRD_TEST_IMAP_USER=imap.user,
                       GDPRD_TEST_IMAP_PASSWORD=imap.password, GDPRD_TEST_IMAP_CA=env.ca,
                       GDPRD_TEST_IMAP_EXPECTED=expected,
                       GDPRD_TEST_IMAP_STARTTLS_URL=imap.starttls_url)
        return subprocess.call([tests, "--gtest_filter=ImapClientLive.*"], env=run_env)
    finally:
        env.stop()


if __name__ == "__main__":
    sys.exit(main())
