#!/usr/bin/python3
"""Plain-text SMTP sink on 127.0.0.1 for the SmtpSender unit test.

usage: smtp_sink.py DIR PORT [HOST]
Writes each accepted message to DIR/<n>.eml and its envelope to DIR/<n>.json,
then DIR/ready once listening. RCPT to reject*@ gets 550, tempfail*@ gets 451.
Runs until stdin is closed (the test holds the pipe), so it cannot outlive it.
"""
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 no such user"
        if local.startswith("tempfail"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, str(self.count))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued"


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
    controller = Controller(Sink(directory), hostname=host, port=port, decode_data=False)
    controller.start()
    open(os.path.join(directory, "ready"), "w").close()
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
