#!/usr/bin/env python3
"""End-to-end: the real gdprincidentd speaking the systemd notify protocol.

usage: systemd_notify_e2e.py BUILD_DIR SOURCE_DIR

The test plays systemd's part: it binds an AF_UNIX datagram socket, starts the
daemon with NOTIFY_SOCKET pointing at it and WATCHDOG_USEC set (as systemd does
for Type=notify with WatchdogSec=), against the harness's private Dovecot and
SMTP server, and asserts:
  1. READY=1 is the first message, and the config was read and the database
     created by then;
  2. STATUS= after a poll carries the last poll and the open incidents;
  3. WATCHDOG=1 keeps coming at about half of WATCHDOG_USEC;
  4. SIGHUP gives RELOADING=1 then READY=1, also when the new config is broken
     (the old one stays in force and polling goes on);
  5. an unreachable IMAP server shows in STATUS= and does not stop the pings;
  6. SIGTERM gives STOPPING=1 and exit 0;
  7. a broken config at start: no READY=1, exit 78.
"""
import glob
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BUILD = SOURCE = None
WATCHDOG_USEC = 2_000_000  # the daemon pings every second


class NotifyListener:
    """systemd's end of NOTIFY_SOCKET: every datagram with its arrival time."""

    def __init__(self, directory):
        self.path = os.path.join(directory, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.messages = []  # (monotonic time, text)

    def wait_for(self, predicate, timeout, proc=None):
        """Reads until a message satisfies predicate; returns it (or fails with all seen)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None and not self._ready(0):
                break
            if not self._ready(min(0.2, max(0.0, deadline - time.monotonic()))):
                continue
            data = self.sock.recv(4096).decode("utf-8", "replace")
            self.messages.append((time.monotonic(), data))
            if predicate(data):
                return data
        raise AssertionError(f"no matching notify message within {timeout}s; got {[m for _, m in self.messages]}")

    def drain(self, seconds):
        """Everything that arrives within seconds."""
        got = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self._ready(max(0.0, end - time.monotonic())):
                data = self.sock.recv(4096).decode("utf-8", "replace")
                self.messages.append((time.monotonic(), data))
                got.append((time.monotonic(), data))
        return got

    def _ready(self, timeout):
        import select
        r, _, _ = select.select([self.sock], [], [], timeout)
        return bool(r)

    def close(self):
        self.sock.close()


def not_watchdog(m):
    return m != "WATCHDOG=1"


class SystemdNotifyE2E(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.env = harness.MailEnv.create()
        cls.imap = cls.env.start_dovecot()
        cls.smtp = cls.env.start_smtp()
        cls.config = cls.env.write_config(reporter_domains=["kommun.example"], poll_interval="1s")
        cls.daemon = os.path.join(BUILD, "daemon", "gdprincidentd")

    @classmethod
    def tearDownClass(cls):
        cls.env.stop()

    def start(self, config, listener):
        env = dict(os.environ, NOTIFY_SOCKET=listener.path, WATCHDOG_USEC=str(WATCHDOG_USEC))
        env.pop("WATCHDOG_PID", None)  # unset: the watchdog is meant for whoever reads it
        log = tempfile.TemporaryFile()
        proc = subprocess.Popen([self.daemon, "--config", config], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        return proc, log

    def log_text(self, log):
        log.seek(0)
        return log.read().decode("utf-8", "replace")

    def one_report(self):
        """A corpus mail that makes an incident (message_class report)."""
        import json
        corpus = os.path.join(SOURCE, "tests", "corpus")
        for path in sorted(glob.glob(os.path.join(corpus, "*.eml"))):
            with open(path[:-4] + ".expected.json", encoding="utf-8") as f:
                if json.load(f)["message_class"] == "report":
                    with open(path, "rb") as m:
                        return m.read()
        self.fail("no report in the corpus")

    def test_broken_config_never_signals_ready(self):
        bad = os.path.join(self.env.root, "broken.toml")
        with open(bad, "w") as f:
            f.write("[mailbox]\nurl = 12\n")
        with tempfile.TemporaryDirectory() as d:
            listener = NotifyListener(d)
            proc, log = self.start(bad, listener)
            try:
                self.assertEqual(proc.wait(timeout=30), 78, self.log_text(log))
                got = [m for _, m in listener.drain(0.3)]
                self.assertNotIn("READY=1", got)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                log.close()
                listener.close()

    def test_lifecycle(self):
        self.imap.deliver(self.one_report(), name="1000.report")
        with tempfile.TemporaryDirectory() as d:
            listener = NotifyListener(d)
            proc, log = self.start(self.config, listener)
            try:
                self._lifecycle(proc, listener, log)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                log.close()
                listener.close()

    def _lifecycle(self, proc, listener, log):
        # 1. READY=1 first, once config and database are ready.
        first = listener.wait_for(lambda m: True, 30, proc)
        self.assertEqual(first, "READY=1", self.log_text(log))
        self.assertTrue(os.path.exists(self.env.store), "READY=1 before the database exists")

        # 2. STATUS= after the first poll: the report became one open incident.
        status = listener.wait_for(lambda m: m.startswith("STATUS=last poll"), 30, proc)
        self.assertRegex(status, r"^STATUS=last poll \d{4}-\d\d-\d\d \d\d:\d\d ok; 1 open incident$")

        # 3. Watchdog pings at about WATCHDOG_USEC / 2.
        window = listener.drain(5.0)
        pings = [t for t, m in window if m == "WATCHDOG=1"]
        self.assertGreaterEqual(len(pings), 4, f"pings in 5 s: {[m for _, m in window]}")
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        self.assertLess(max(gaps), WATCHDOG_USEC / 1e6, f"watchdog gaps {gaps}")
        # Polls go on every second: STATUS= keeps being refreshed.
        self.assertTrue(any(m.startswith("STATUS=last poll") for _, m in window))

        # 4a. SIGHUP: RELOADING=1, then READY=1.
        proc.send_signal(signal.SIGHUP)
        self.assertEqual(listener.wait_for(not_watchdog_or_status, 15, proc), "RELOADING=1")
        self.assertEqual(listener.wait_for(not_watchdog_or_status, 15, proc), "READY=1")

        # 4b. SIGHUP with a broken config: the same pair, and the daemon goes on.
        with open(self.config) as f:
            good = f.read()
        with open(self.config, "w") as f:
            f.write(good + "\nthis is not toml\n")
        proc.send_signal(signal.SIGHUP)
        self.assertEqual(listener.wait_for(not_watchdog_or_status, 15, proc), "RELOADING=1")
        self.assertEqual(listener.wait_for(not_watchdog_or_status, 15, proc), "READY=1")
        with open(self.config, "w") as f:
            f.write(good)
        self.assertIsNone(proc.poll(), "daemon died on a broken reload")
        listener.wait_for(lambda m: m.startswith("STATUS=last poll") and " ok;" in m, 15, proc)
        self.assertIn("reload failed", self.log_text(log))

        # 5. IMAP down: STATUS= says so, the watchdog keeps pinging.
        self.imap.stop()
        failed = listener.wait_for(lambda m: m.startswith("STATUS=") and "FAILED" in m, 30, proc)
        self.assertRegex(failed, r"^STATUS=last poll .* FAILED.*; 1 open incident$")
        self.assertNotIn("\n", failed)
        after = [m for _, m in listener.drain(2.5)]
        self.assertIn("WATCHDOG=1", after)

        # 6. SIGTERM: STOPPING=1 and a clean exit.
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(listener.wait_for(not_watchdog_or_status, 30, proc), "STOPPING=1")
        self.assertEqual(proc.wait(timeout=60), 0, self.log_text(log))


def not_watchdog_or_status(m):
    return m != "WATCHDOG=1" and not m.startswith("STATUS=")


if __name__ == "__main__":
    BUILD, SOURCE = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"])
