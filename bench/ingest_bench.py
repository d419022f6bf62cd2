#!/usr/bin/env python3
"""Ingest benchmark driver; bench/run.sh builds and then runs this.

Starts the private Dovecot (IMAPS) and SMTP server of tests/e2e/harness.py on 127.0.0.1,
delivers the mails of MAILDIR_IN (made by bench/gen_mails.py) into the Maildir, and measures
each reader as a whole process under /usr/bin/time -v (wall time, peak RSS, CPU %):

  imaps   the ceiling: one pipelined `UID FETCH 1:* (BODY.PEEK[])` through openssl s_client
  mbsync  isync pulling the mailbox into a fresh Maildir
  curl    one `UID FETCH n BODY[]` per mail (curl's imaps:// URL per UID, one connection)
  daemon  `gdprincidentd --once`: fetch, parse, store, acknowledge (SMTP to the local server)
  parse   (optional) gdprd_parse_bench over the same files: the parser alone, in process

then the latency from delivery to acknowledgment with the daemon running, for LATENCY mails
delivered one at a time. Writes results.json and results.md into OUT and prints the table.

Every step has a time bound; the servers and the daemon are stopped on every exit path
(normal end, exception, SIGTERM/SIGINT/SIGHUP). The pids of everything started are kept in
OUT/.pids so that run.sh's trap can stop them even if this process is killed outright.
"""
import argparse
import imaplib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import harness  # noqa: E402  (the e2e engineer's module; wrapped here, never edited)


class Stop(Exception):
    pass


def _on_signal(signum, _frame):
    raise Stop(f"signal {signum}")


# --------------------------------------------------------------------------- measuring

def parse_time_v(text):
    """Peak RSS (KiB), CPU % and exit status from GNU time -v output."""
    def field(name, conv=int, default=None):
        m = re.search(rf"^\s*{re.escape(name)}: (.+)$", text, re.M)
        if not m:
            return default
        try:
            return conv(m.group(1).strip().rstrip("%"))
        except ValueError:
            return default
    return {"rss_kib": field("Maximum resident set size (kbytes)"),
            "cpu_pct": field("Percent of CPU this job got"),
            "user_s": field("User time (seconds)", float), "sys_s": field("System time (seconds)", float)}


def timed(cmd, timeout, workdir, name, stdin_path=None, stdout_path=None, env=None):
    """Runs CMD under /usr/bin/time -v and timeout(1). The wall time is taken here (monotonic),
    the rest from time -v, which counts the command and all its reaped children."""
    tv = os.path.join(workdir, f"{name}.time")
    err = os.path.join(workdir, f"{name}.stderr")
    full = ["/usr/bin/time", "-v", "-o", tv, "timeout", "-k", "5", str(int(timeout))] + cmd
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.monotonic()
    try:
        rc = subprocess.run(full, stdin=stdin, stdout=stdout, stderr=open(err, "wb"), env=env).returncode
    finally:
        wall = time.monotonic() - t0
        for f in (stdin, stdout):
            if hasattr(f, "close"):
                f.close()
    with open(tv, errors="replace") as f:
        r = parse_time_v(f.read())
    r.update(wall_s=wall, rc=rc, timed_out=rc == 124)
    with open(err, errors="replace") as f:
        r["stderr_tail"] = f.read()[-600:]
    return r


def row(tool, what, r, n, nbytes, ok, note=""):
    wall = r.get("wall_s") or 0
    return {"tool": tool, "what": what, "messages": n, "bytes": nbytes, "wall_s": round(wall, 3),
            "msgs_per_s": round(n / wall, 1) if wall else None,
            "mb_per_s": round(nbytes / 1e6 / wall, 2) if wall else None,
            "peak_rss_mib": round(r["rss_kib"] / 1024, 1) if r.get("rss_kib") else None,
            "cpu_pct": r.get("cpu_pct"),
            "cpu_s": round(r["user_s"] + r["sys_s"], 2) if r.get("user_s") is not None else None,
            "ok": ok, "note": note}


# --------------------------------------------------------------------------- the steps

def imap_client(dovecot):
    return dovecot.client()


def unseen_all(dovecot):
    """Clears \\Seen everywhere (curl's BODY[] sets it) so that the daemon sees every mail new."""
    c = imap_client(dovecot)
    try:
        c.select("INBOX")
        c.uid("STORE", "1:*", "-FLAGS.SILENT", "(\\Seen)")
    finally:
        c.logout()


def count_flag(dovecot, criterion):
    c = imap_client(dovecot)
    try:
        c.select("INBOX", readonly=True)
        typ, data = c.uid("SEARCH", None, criterion)
        return len(data[0].split()) if data and data[0] else 0
    finally:
        c.logout()


def step_imaps(env, d, n, nbytes, work, timeout):
    cmds = os.path.join(work, "imaps.in")
    with open(cmds, "wb") as f:
        f.write(f"a LOGIN {d.user} {d.password}\r\nb EXAMINE INBOX\r\n"
                "c UID FETCH 1:* (BODY.PEEK[])\r\nd LOGOUT\r\n".encode())
    out = os.path.join(work, "imaps.out")
    r = timed(["openssl", "s_client", "-connect", f"127.0.0.1:{d.port}", "-CAfile", env.ca,
               "-verify_return_error", "-quiet"], timeout, work, "imaps", stdin_path=cmds, stdout_path=out)
    with open(out, "rb") as f:
        data = f.read()
    got = len(re.findall(rb"\r\n\* \d+ FETCH \(", b"\r\n" + data))
    ok = got == n and b"\r\nc OK" in data
    os.remove(out)
    return row("openssl s_client", "IMAPS ceiling: one pipelined UID FETCH 1:* (BODY.PEEK[])", r, got,
               len(data), ok, f"{got}/{n} messages, {len(data) / 1e6:.1f} MB read")


def step_mbsync(env, d, n, nbytes, work, timeout):
    near = os.path.join(work, "mbsync-near")
    os.makedirs(near, exist_ok=True)
    rc = os.path.join(work, "mbsyncrc")
    with open(rc, "w") as f:
        f.write(f"""IMAPAccount bench
Host 127.0.0.1
Port {d.port}
User {d.user}
Pass {d.password}
SSLType IMAPS
CertificateFile {env.ca}

IMAPStore far
Account bench

MaildirStore near
Path {near}/
Inbox {near}/INBOX

Channel bench
Far :far:INBOX
Near :near:INBOX
Sync Pull
Create Near
Expunge None
SyncState *
""")
    r = timed(["mbsync", "-c", rc, "-q", "bench"], timeout, work, "mbsync")
    got = sum(len(os.listdir(os.path.join(near, "INBOX", s))) for s in ("cur", "new")
              if os.path.isdir(os.path.join(near, "INBOX", s)))
    ok = got == n and r["rc"] == 0
    subprocess.run(["rm", "-rf", near])
    return row("mbsync", "isync 1.4 pulling the mailbox into a Maildir", r, got, nbytes, ok,
               f"{got}/{n} messages" + (f", rc={r['rc']}" if r["rc"] else ""))


def step_curl(env, d, n, nbytes, work, timeout):
    # All bodies go to stdout, one after another: Dovecot serves each file's bytes unchanged,
    # so the byte count must equal the Maildir's. (curl 7.88's %{size_download} says 0 for a
    # body that arrives in the same read as the FETCH line, so it cannot be used to count.)
    cfg = os.path.join(work, "curl.cfg")
    with open(cfg, "w") as f:
        f.write(f'cacert = "{env.ca}"\nuser = "{d.user}:{d.password}"\nsilent\nshow-error\n')
        for uid in range(1, n + 1):
            f.write(f'url = "imaps://127.0.0.1:{d.port}/INBOX/;UID={uid}"\n')
    out = os.path.join(work, "curl.out")
    r = timed(["curl", "--config", cfg], timeout, work, "curl", stdout_path=out)
    with open(out, "rb") as f:
        data = f.read()
    os.remove(out)
    got = len(re.findall(rb"\r\nMessage-ID: <", b"\r\n" + data, re.I))
    ok = len(data) == nbytes and r["rc"] == 0
    return row("curl", "one UID FETCH n BODY[] per mail, one reused connection", r, got, len(data), ok,
               f"{got}/{n} messages, {len(data)}/{nbytes} bytes" + (f", rc={r['rc']}" if r["rc"] else ""))


def store_counts(path):
    out = {}
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        for table in ("messages", "incidents"):
            try:
                out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            except sqlite3.Error:
                out[table] = None
        con.close()
    except sqlite3.Error:
        pass
    return out


def smtp_count(smtp):
    return len([x for x in os.listdir(smtp.outdir) if x.endswith(".eml")])


def step_daemon(env, d, smtp, daemon, n, nbytes, work, timeout):
    unseen_all(d)
    acks_before = smtp_count(smtp)
    r = timed([daemon, "--config", env.config, "--once"], timeout, work, "daemon")
    counts = store_counts(env.store)
    seen = count_flag(d, "SEEN")
    acks = smtp_count(smtp) - acks_before
    ok = r["rc"] == 0 and counts.get("messages") == n and seen == n
    note = (f"stored {counts.get('messages')}/{n} mails, {counts.get('incidents')} incidents, "
            f"{seen} \\Seen, {acks} mails sent" + (f", rc={r['rc']}" if r["rc"] else ""))
    if r["rc"] not in (0,):
        note += "; stderr: " + r["stderr_tail"].strip().replace("\n", " | ")[-300:]
    # The rate counts what was stored: a daemon that dies early must not look fast.
    stored = counts.get("messages") or 0
    whole = row("gdprincidentd --once", "fetch, parse, store, queue acknowledgments, then every open "
                "incident's deadline ladder, then send (all of --once)", r, stored, nbytes * stored // n, ok, note)
    # The daemon times its phases ("once: seconds poll=.. deadlines=.. dispatch=.."): the
    # poll alone is the ingest the issue compares with mbsync.
    with open(os.path.join(work, "daemon.stderr"), errors="replace") as f:
        m = re.search(r"once: seconds poll=([\d.]+) deadlines=([\d.]+) dispatch=([\d.]+)", f.read())
    rows = [whole]
    if m:
        poll_s, ladder_s, send_s = (float(x) for x in m.groups())
        whole["note"] += f"; phases: poll {poll_s:.1f} s, deadline ladders {ladder_s:.1f} s, sending {send_s:.1f} s"
        rows.insert(0, row("gdprincidentd poll", "the ingest inside --once: fetch, parse every part, commit, "
                           "queue acknowledgments (the daemon's own timing)", {"wall_s": poll_s}, stored,
                           nbytes * stored // n, ok, "acknowledgments to the local SMTP server, sent after"))
    return rows


def step_parse(parse_bench, mail_dir, n, nbytes, work, timeout):
    js = os.path.join(work, "parse_bench.json")
    r = timed([parse_bench, mail_dir, "--json", js], timeout, work, "parse")
    try:
        with open(js) as f:
            pj = json.load(f)
    except (OSError, ValueError):
        pj = None
    if not pj:
        return row("gdprd_parse_bench", "read_report() alone, in process", r, n, nbytes, False,
                   f"rc={r['rc']}")
    a = pj["all"]
    res = row("gdprd_parse_bench", "read_report() alone, in process (timed part only)",
              {"wall_s": a["seconds"], "rss_kib": r.get("rss_kib"), "cpu_pct": r.get("cpu_pct"),
               "user_s": a["cpu_seconds"], "sys_s": 0.0},
              a["messages"], a["bytes"], r["rc"] == 0,
              f"RSS includes all {n} mails held in memory; {a['needs_human']} need a human")
    res["kinds"] = pj["kinds"]
    return res


def ack_for(smtp, seen_files, msgid, sender):
    """The first acknowledgment that has arrived for the mail with MSGID (by In-Reply-To or
    References) or, failing that, to its SENDER; None while there is none."""
    for name in sorted(os.listdir(smtp.outdir)):
        if not name.endswith(".json") or name in seen_files:
            continue
        base = os.path.join(smtp.outdir, name[:-5])
        try:
            with open(base + ".json") as f:
                env = json.load(f)
            with open(base + ".eml", "rb") as f:
                raw = f.read()
        except (OSError, ValueError):
            continue
        seen_files.add(name)
        if msgid.encode() in raw or sender in [x.lower() for x in env.get("rcpt_tos", [])]:
            return name
    return None


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def step_steady_rss(env, daemon, work, pids, settle=45):
    """The running daemon on the store the --once run filled: its RSS after SETTLE seconds
    of polling (IDLE and the timed poll), i.e. the memory it keeps between mails."""
    log = open(os.path.join(work, "daemon-steady.log"), "wb")
    proc = subprocess.Popen([daemon, "--config", env.config], stdout=log, stderr=log)
    pids.append(proc.pid)
    samples = []
    try:
        t0 = time.monotonic()
        while time.monotonic() - t0 < settle and proc.poll() is None:
            time.sleep(1)
            v = rss_kib(proc.pid)
            if v:
                samples.append(v)
    finally:
        alive = proc.poll() is None
        stop_process(proc)
        log.close()
    return {"seconds": settle, "rss_mib": round(samples[-1] / 1024, 1) if samples else None,
            "max_rss_mib": round(max(samples) / 1024, 1) if samples else None, "alive": alive}


def step_latency(env, d, smtp, daemon, mail_dir, count, work, per_mail_timeout, pids):
    names = sorted(x for x in os.listdir(mail_dir) if x.endswith(".eml"))[:count]
    # A fresh folder and store: the --once run left thousands of open incidents and unsent
    # acknowledgments behind, which a municipality's daemon never has; latency is measured
    # as the daemon runs day to day.
    c = d.client()
    c.create("Latency")
    c.logout()
    config = os.path.join(work, "latency.toml")
    with open(env.config) as f:
        text = f.read()
    text = text.replace(d.url, d.url.rsplit("/", 1)[0] + "/Latency")
    text = re.sub(r'(?m)^path = ".*"$', 'path = "' + os.path.join(work, "latency.sqlite") + '"', text)
    with open(config, "w") as f:
        f.write(text)
    log = open(os.path.join(work, "daemon-latency.log"), "wb")
    proc = subprocess.Popen([daemon, "--config", config], stdout=log, stderr=log)
    pids.append(proc.pid)
    seen_files = set(x for x in os.listdir(smtp.outdir) if x.endswith(".json"))
    lat, missed, not_answered = [], 0, 0
    try:
        time.sleep(1.0)  # let it start and make its first (empty) poll
        for i, nm in enumerate(names):
            if proc.poll() is not None:
                missed += len(names) - i
                break
            raw = open(os.path.join(mail_dir, nm), "rb").read()
            head = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
            m = re.search(r"^Message-ID:\s*<([^>]+)>", head, re.M | re.I)
            f = re.search(r"^From:.*?<([^>]+)>", head, re.M | re.I)
            msgid, sender = (m.group(1) if m else "\0"), (f.group(1).lower() if f else "\0")
            if re.match(r"(no-?reply|noreply|do-?not-?reply)@", sender):
                # An e-service export from a no-reply address: never answered, by design.
                not_answered += 1
                d.append(raw, mailbox="Latency")
                continue
            t0 = time.monotonic()
            d.append(raw, mailbox="Latency")
            while time.monotonic() - t0 < per_mail_timeout:
                if ack_for(smtp, seen_files, msgid, sender):
                    lat.append(time.monotonic() - t0)
                    break
                time.sleep(0.01)
            else:
                missed += 1
    finally:
        stop_process(proc)
        log.close()
    lat.sort()
    pct = lambda p: round(lat[min(len(lat) - 1, int(p * (len(lat) - 1) + 0.5))], 3) if lat else None
    return {"mails": len(names), "acknowledged": len(lat), "missed": missed, "no_reply_senders": not_answered,
            "p50_s": pct(0.50),
            "p95_s": pct(0.95), "max_s": round(lat[-1], 3) if lat else None,
            "daemon_exit": proc.returncode}


def stop_process(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- output

def render_md(res):
    L = ["# Ingest benchmark", "",
         f"{res['messages']} generated report mails ({res['bytes'] / 1e6:.1f} MB; mix {res['mix']}), "
         f"private Dovecot {res['dovecot']} on 127.0.0.1 over TLS, {res['cores']} cores "
         f"(shared; load before the run {res['load']}). Each tool is one process measured with "
         "`/usr/bin/time -v`; the wall time is measured around it. CPU s is the tool's own user+system "
         "time (the servers' share is not in it); on a loaded machine msgs per CPU second "
         "says more than msgs/s.", "",
         "| tool | what | msgs/s | MB/s | peak RSS MiB | CPU % | CPU s | wall s | ok | note |",
         "|---|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in res["rows"]:
        L.append(f"| {r['tool']} | {r['what']} | {r['msgs_per_s']} | {r['mb_per_s']} | "
                 f"{r['peak_rss_mib']} | {r['cpu_pct']} | {r.get('cpu_s')} | {r['wall_s']} | {'yes' if r['ok'] else 'NO'} | "
                 f"{r['note']} |")
    by_tool = {r["tool"]: r for r in res["rows"]}
    daemon, mbsync, ceiling = (by_tool.get(t) for t in ("gdprincidentd poll", "mbsync", "openssl s_client"))
    whole = by_tool.get("gdprincidentd --once")
    if daemon and daemon.get("msgs_per_s") and mbsync and ceiling and mbsync.get("msgs_per_s") \
            and ceiling.get("msgs_per_s"):
        vs_mbsync = daemon["msgs_per_s"] / mbsync["msgs_per_s"]
        vs_ceiling = daemon["msgs_per_s"] / ceiling["msgs_per_s"]
        L += ["", f"Targets (issue 9): ingest {vs_mbsync:.2f}x mbsync's msgs/s (target >= 1.3x: "
              f"{'met' if vs_mbsync >= 1.3 else 'NOT met'}), {vs_ceiling:.2f}x the IMAPS ceiling "
              f"(target >= 0.5x: {'met' if vs_ceiling >= 0.5 else 'NOT met'}); peak RSS "
              f"{whole['peak_rss_mib'] if whole else '?'} MiB (target < 100 MiB for 10k mails)."]
    st = res.get("steady")
    if st:
        L += ["", f"Steady state: the daemon running on the filled store, after {st['seconds']} s: RSS "
              f"{st['rss_mib']} MiB (highest sample {st['max_rss_mib']} MiB; target < 30 MiB)"
              + ("" if st.get("alive") else "; the daemon had exited") + "."]
    lt = res.get("latency")
    if lt:
        L += ["", f"Latency from APPEND into a fresh folder (own store) to the acknowledgment arriving at the SMTP "
              f"server, daemon running with IMAP IDLE and poll_interval = {res['poll_interval']}, "
              f"{lt['mails']} mails one at a time: p50 {lt['p50_s']} s, p95 {lt['p95_s']} s, max "
              f"{lt['max_s']} s; {lt['acknowledged']} acknowledged, {lt['missed']} missed"
              f"{', ' + str(lt['no_reply_senders']) + ' from no-reply senders (never answered, by design)' if lt.get('no_reply_senders') else ''}."]
    L += ["", "Made by `bench/run.sh " + str(res["messages"]) + "`; the same figures are in results.json.", ""]
    return "\n".join(L)


def print_table(res):
    print(f"\n{'tool':<22} {'msgs/s':>9} {'MB/s':>8} {'RSS MiB':>8} {'CPU %':>6} {'CPU s':>7} {'wall s':>8}  ok")
    for r in res["rows"]:
        fmt = lambda v, w: f"{v:>{w}}" if v is not None else f"{'-':>{w}}"
        print(f"{r['tool']:<22} {fmt(r['msgs_per_s'], 9)} {fmt(r['mb_per_s'], 8)} "
              f"{fmt(r['peak_rss_mib'], 8)} {fmt(r['cpu_pct'], 6)} {fmt(r.get('cpu_s'), 7)} {fmt(r['wall_s'], 8)}  "
              f"{'yes' if r['ok'] else 'NO'}  {r['note']}")
    lt = res.get("latency")
    if lt:
        print(f"latency delivery->ack ({lt['mails']} mails, poll {res['poll_interval']}): p50 "
              f"{lt['p50_s']} s, p95 {lt['p95_s']} s, max {lt['max_s']} s, missed {lt['missed']}")


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mails", required=True, help="directory of generated .eml files")
    ap.add_argument("--latency-mails", help="directory of other generated .eml files for latency")
    ap.add_argument("--latency", type=int, default=100)
    ap.add_argument("--daemon", help="gdprincidentd binary (skip the daemon steps when absent)")
    ap.add_argument("--parse-bench", help="gdprd_parse_bench binary (optional row)")
    ap.add_argument("--poll-interval", default="1s")
    ap.add_argument("--out", required=True, help="where results.json and results.md go")
    ap.add_argument("--step-timeout", type=int, default=0, help="seconds per step (0: from N)")
    a = ap.parse_args()

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, _on_signal)
    names = sorted(x for x in os.listdir(a.mails) if x.endswith(".eml"))
    n = len(names)
    if n == 0:
        sys.exit("ingest_bench: no mails in " + a.mails)
    nbytes = sum(os.path.getsize(os.path.join(a.mails, x)) for x in names)
    mix = {}
    for x in names:
        k = x.rsplit("_", 1)[-1][:-4]
        mix[k] = mix.get(k, 0) + 1
    step_timeout = a.step_timeout or int(120 + n * 0.25)
    work = tempfile.mkdtemp(prefix="gdprd-bench-")
    pidfile = os.path.join(a.out, ".pids")
    pids = []
    env = None
    res = {"messages": n, "bytes": nbytes, "mix": ", ".join(f"{v} {k}" for k, v in sorted(mix.items())),
           "cores": os.cpu_count(), "load": open("/proc/loadavg").read().split()[:3],
           "poll_interval": a.poll_interval, "rows": []}
    try:
        env = harness.MailEnv.create()
        d = env.start_dovecot()
        pids.append(d.proc.pid)
        smtp = env.start_smtp()
        pids.append(smtp.proc.pid)
        with open(pidfile, "w") as f:
            f.write(" ".join(map(str, pids)) + "\n")
        res["dovecot"] = subprocess.run(["dovecot", "--version"], capture_output=True, text=True).stdout.split()[0]

        t0 = time.monotonic()
        for i, x in enumerate(names):
            with open(os.path.join(a.mails, x), "rb") as f:
                d.deliver(f.read(), name=f"1767225600.M{i}P{os.getpid()}.bench")
        print(f"ingest_bench: delivered {n} mails ({nbytes / 1e6:.1f} MB) in {time.monotonic() - t0:.1f} s",
              flush=True)
        t0 = time.monotonic()
        c = d.client()
        c.select("INBOX", readonly=True)
        c.fetch("1:*", "(UID FLAGS RFC822.SIZE)")  # Dovecot indexes the new mails once, here
        c.logout()
        print(f"ingest_bench: Dovecot indexed them in {time.monotonic() - t0:.1f} s", flush=True)

        for name, step in (("imaps", step_imaps), ("mbsync", step_mbsync), ("curl", step_curl)):
            print(f"ingest_bench: {name} ...", flush=True)
            res["rows"].append(step(env, d, n, nbytes, work, step_timeout))
        if a.daemon and os.access(a.daemon, os.X_OK):
            domains = sorted({re.sub(r"^[^@]*@", "", m.lower()) for m in
                              re.findall(r"[\w.+-]+@[\w-]+\.kommun\.example", "".join(
                                  open(os.path.join(a.mails, x), "rb").read(4096).decode("utf-8", "replace")
                                  for x in names[:400]))})
            env.write_config(reporter_domains=domains or ["kommun.example"], poll_interval=a.poll_interval,
                             store_path=os.path.join(work, "incidents.sqlite"))
            print("ingest_bench: gdprincidentd --once ...", flush=True)
            res["rows"].extend(step_daemon(env, d, smtp, a.daemon, n, nbytes, work, step_timeout))
            print("ingest_bench: steady-state RSS ...", flush=True)
            res["steady"] = step_steady_rss(env, a.daemon, work, pids)
            if a.latency > 0 and a.latency_mails:
                print(f"ingest_bench: latency, {a.latency} mails one at a time ...", flush=True)
                res["latency"] = step_latency(env, d, smtp, a.daemon, a.latency_mails, a.latency, work,
                                              30, pids)
        else:
            res["rows"].append({"tool": "gdprincidentd --once", "what": "not built yet", "messages": 0,
                                "bytes": 0, "wall_s": None, "msgs_per_s": None, "mb_per_s": None,
                                "peak_rss_mib": None, "cpu_pct": None, "ok": False,
                                "note": "no daemon binary"})
        if a.parse_bench and os.access(a.parse_bench, os.X_OK):
            print("ingest_bench: gdprd_parse_bench ...", flush=True)
            res["rows"].append(step_parse(a.parse_bench, a.mails, n, nbytes, work, step_timeout))
    except Stop as e:
        res["interrupted"] = str(e)
        print(f"ingest_bench: interrupted by {e}", file=sys.stderr)
    except Exception as e:  # still write what was measured, and stop the servers
        res["interrupted"] = f"{type(e).__name__}: {e}"
        print(f"ingest_bench: failed: {res['interrupted']}", file=sys.stderr)
    finally:
        if env is not None:
            env.stop()
        subprocess.run(["rm", "-rf", work])
        if os.path.exists(pidfile):
            os.remove(pidfile)
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(a.out, "results.md"), "w") as f:
        f.write(render_md(res))
    print_table(res)
    return 1 if "interrupted" in res else 0


if __name__ == "__main__":
    sys.exit(main())
