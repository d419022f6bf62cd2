#!/usr/bin/python3
"""SMTP sink on loopback for the SmtpSender unit tests.

usage: smtp_sink.py DIR PORT [--host H] [--starttls CERT KEY] [--auth USER PASSWORD]
                   [--xoauth2 USER TOKEN]
Writes each accepted message to DIR/<n>.eml and its envelope to DIR/<n>.json,
then DIR/ready once listening. RCPT to reject*@ gets 550, tempfail*@ gets 451.
With --starttls, STARTTLS is required before MAIL; with --auth, AUTH (over
TLS) is required; with --xoauth2, AUTH XOAUTH2 (Microsoft/Google SASL "user=U^Aauth=Bearer
T^A^A") is required and only TOKEN is accepted; every token tried is appended
to DIR/xoauth2.log. Runs until stdin is closed (the test holds the pipe), so it
cannot outlive the test.
"""
import argparse
import base64
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


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
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "tls": session.ssl is not None,
                       "authenticated": bool(session.authenticated)}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("directory")
    p.add_argument("port", type=int)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", nargs=2, metavar=("USER", "PASSWORD"))
    p.add_argument("--xoauth2", nargs=2, metavar=("USER", "TOKEN"))
    a = p.parse_args()
    handler = Sink(a.directory)

    kwargs = {}
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.starttls[0], a.starttls[1])
        kwargs.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, password = a.auth[0].encode(), a.auth[1].encode()

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)
    if a.xoauth2:
        want_user, want_token = a.xoauth2

        async def auth_xoauth2(server, args):
            try:
                if len(args) > 1:  # initial response (SASL-IR)
                    answer = base64.b64decode(args[1], validate=True)
                else:  # challenge_auth() decodes the response itself
                    answer = await server.challenge_auth("", encode_to_b64=False)
                    if not isinstance(answer, bytes):
                        return AuthResult(success=False, handled=True)
                fields = answer.decode().split("\x01")
            except ValueError:
                return AuthResult(success=False, handled=False)
            user = next((f[5:] for f in fields if f.startswith("user=")), None)
            bearer = next((f[12:] for f in fields if f.startswith("auth=Bearer ")), None)
            with open(os.path.join(a.directory, "xoauth2.log"), "a") as f:
                f.write(f"{bearer}\n")
            return AuthResult(success=user == want_user and bearer == want_token, handled=False,
                              auth_data=user)

        handler.auth_XOAUTH2 = auth_xoauth2  # advertised only when asked for
        kwargs.update(auth_required=True, auth_require_tls=True)
    controller = Controller(handler, hostname=a.host, port=a.port, decode_data=False, **kwargs)
    controller.start()
    open(os.path.join(a.directory, "ready"), "w").close()
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
