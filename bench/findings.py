#!/usr/bin/env python3
"""Figures of issue 7's findings, measured on the running demo (release build), in one run.

Starts `passerelle serve --demo` on a fresh database (SQLite in a temporary folder, or a database
created for the run on --postgres and dropped after), then attacks it as the issue did, from loopback:

  guesses     password guesses answered (401) and refused (429) for one account, then for one client
              address trying many accounts, each for --seconds as fast as 4 threads go; whether the
              right password still works once the account is throttled (it must not, until the window
              ends: the guesser cannot tell which of its guesses was right).
  memory      the server's resident memory (sampled every 20 ms) while 96 wrong-password sign-ins run
              in parallel, five waves, each from its own address and for its own account (so the
              throttle refuses none and every one is hashed).
  sessions    session rows in the database after 10 s of wrk on /connexion (anonymous visitors).
  slow        a normal visitor's latency (GET /, a new connection each time, every 50 ms) alone, then
              while 500 slow clients each hold a connection by sending one byte of header a second
              (reconnecting when the server cuts them at the header read timeout).

Usage: bench/findings.py [--binary PATH] [--postgres URL] [--port P] [--seconds S] [--only NAME]...
  --binary PATH   the passerelle binary (default target/release/passerelle)
  --postgres URL  e.g. postgres://postgres@127.0.0.1:5432/postgres (default: SQLite)
  --only NAME     run only these parts (guesses, memory, sessions, slow); repeatable
Needs wrk (sessions) and, with --postgres, psql. Prints the machine's load with the figures.
"""

import argparse
import http.client
import os
import re
import resource
import selectors
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ACCOUNT = "entreprise@passerelle.example"
PASSWORD = "passerelle-demo"


def load():
    return open("/proc/loadavg").read().split()[:3]


class Server:
    def __init__(self, binary, port, postgres):
        self.port = port
        self.work = tempfile.mkdtemp(prefix="passerelle-findings-")
        self.postgres = postgres
        self.database = None
        args = [binary, "serve", "--demo", "--bind", f"127.0.0.1:{port}",
                "--data-dir", os.path.join(self.work, "data"),
                # Each attack below speaks for many clients through loopback, as a proxy would.
                "--trusted-proxies", "127.0.0.1"]
        if postgres:
            self.database = f"passerelle_findings_{os.getpid()}"
            subprocess.run(["psql", "-q", postgres, "-c", f"CREATE DATABASE {self.database}"], check=True)
            base = postgres.rsplit("/", 1)[0]
            args += ["--database-url", f"{base}/{self.database}"]
        self.log = open(os.path.join(self.work, "serve.log"), "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=self.log,
                                        env=dict(os.environ, RUST_LOG="warn"))
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit("the server stopped:\n" + open(self.log.name).read())
            try:
                if self.get("/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit("the demo did not answer")

    def rss_mib(self):
        for line in open(f"/proc/{self.process.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def get(self, path, headers=None):
        c = self.connection()
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, r.getheader("Set-Cookie") or "", body.decode("utf-8", "replace")

    def form(self):
        """A visitor's CSRF cookie and the sign-in form's token."""
        _, cookie, body = self.get("/connexion")
        token = re.search(r'name="csrf" value="([^"]+)"', body).group(1)
        return cookie.split(";")[0], token

    def sign_in(self, email, password, form, address=None, connection=None):
        cookie, token = form
        body = urllib.parse.urlencode({"csrf": token, "next": "", "email": email, "password": password})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        if address:
            headers["X-Forwarded-For"] = address
        c = connection or self.connection()
        c.request("POST", "/connexion", body=body, headers=headers)
        r = c.getresponse()
        r.read()
        if connection is None:
            c.close()
        return r.status

    def sessions(self):
        sql = "SELECT COUNT(*) FROM sessions"
        if self.postgres:
            base = self.postgres.rsplit("/", 1)[0]
            out = subprocess.run(["psql", "-tA", f"{base}/{self.database}", "-c", sql],
                                 check=True, capture_output=True, text=True).stdout
            return int(out.strip())
        db = sqlite3.connect(os.path.join(self.work, "data", "passerelle.db"))
        try:
            return db.execute(sql).fetchone()[0]
        finally:
            db.close()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.database:
            subprocess.run(["psql", "-q", self.postgres, "-c", f"DROP DATABASE IF EXISTS {self.database}"])
        shutil.rmtree(self.work, ignore_errors=True)


def hammer(seconds, attempt, threads=4):
    """Runs `attempt(i)` from `threads` threads for `seconds`; counts the statuses it returns."""
    counts, lock, stop = {}, threading.Lock(), time.time() + seconds
    serial = iter(range(10 ** 9))

    def worker():
        while time.time() < stop:
            with lock:
                i = next(serial)
            status = attempt(i)
            with lock:
                counts[status] = counts.get(status, 0) + 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return counts


def guesses(server, seconds):
    form = server.form()
    # One account, from one address.
    per_account = hammer(seconds, lambda i: server.sign_in(ACCOUNT, f"mauvais-{i}", form, "198.51.100.1"))
    right = server.sign_in(ACCOUNT, PASSWORD, form, "198.51.100.2")
    # One address, a different account each time.
    per_address = hammer(seconds, lambda i: server.sign_in(f"personne{i}@exemple.fr", "mauvais", form,
                                                           "198.51.100.3"))
    for name, counts in (("per account", per_account), ("per address", per_address)):
        checked, refused = counts.get(401, 0), counts.get(429, 0)
        other = {k: v for k, v in counts.items() if k not in (401, 429)}
        print(f"guesses {name}: {checked} checked (401), {refused} refused (429) in {seconds} s"
              f" = {checked / seconds:.2f} checked guesses/s{'; other ' + str(other) if other else ''}")
    print(f"guesses: the right password for the throttled account, from another address: HTTP {right}"
          f" ({'refused while throttled' if right == 429 else 'accepted'})")


def memory(server):
    form = server.form()
    before = server.rss_mib()
    peak, done = [before], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], server.rss_mib())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    statuses = {}
    start = time.time()
    for wave in range(5):
        results = [None] * 96

        def one(i, wave=wave):
            results[i] = server.sign_in(f"vague{wave}-{i}@exemple.fr", "mauvais", form,
                                        f"203.0.{wave}.{i + 1}")

        pool = [threading.Thread(target=one, args=(i,)) for i in range(96)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        for s in results:
            statuses[s] = statuses.get(s, 0) + 1
    elapsed = time.time() - start
    done.set()
    sampler.join()
    time.sleep(1)
    print(f"memory: 5 waves of 96 parallel wrong sign-ins ({statuses}) in {elapsed:.1f} s: "
          f"RSS {before:.0f} MiB before, peak {peak[0]:.0f} MiB, {server.rss_mib():.0f} MiB one second after")


def sessions(server):
    before = server.sessions()
    out = subprocess.run(["wrk", "-t2", "-c100", "-d10s", f"http://127.0.0.1:{server.port}/connexion"],
                         capture_output=True, text=True).stdout
    requests = re.search(r"(\d+) requests in", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    print(f"sessions: {requests.group(1) if requests else '?'} anonymous GET /connexion in 10 s "
          f"({rps.group(1) if rps else '?'} req/s): session rows {before} before, {server.sessions()} after")


def latencies(server, seconds):
    """A normal visitor's GET / every 50 ms for `seconds`: latencies (ms) and failures."""
    times, failures, stop = [], 0, time.time() + seconds
    while time.time() < stop:
        start = time.perf_counter()
        try:
            status = server.get("/")[0]
            if status != 200:
                failures += 1
            else:
                times.append((time.perf_counter() - start) * 1000)
        except OSError:
            failures += 1
        time.sleep(0.05)
    return times, failures


def summary(times, failures):
    if not times:
        return f"no answer ({failures} failures)"
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return (f"{len(times)} answered, median {statistics.median(times):.1f} ms, p99 {p99:.1f} ms, "
            f"max {times[-1]:.1f} ms, {failures} failed")


def slow(server, seconds, count=500):
    alone = latencies(server, seconds)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    selector = selectors.DefaultSelector()
    held, cut, stop = [0], [0], threading.Event()

    def open_one():
        s = socket.create_connection(("127.0.0.1", server.port))
        s.setblocking(False)
        s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        selector.register(s, selectors.EVENT_READ)
        return s

    def slow_clients():
        sockets = [open_one() for _ in range(count)]
        while not stop.is_set():
            for i, s in enumerate(sockets):
                try:
                    s.send(b"a")
                except OSError:
                    cut[0] += 1
                    selector.unregister(s)
                    s.close()
                    sockets[i] = open_one()
            # A socket the server closed (or answered 408 on) reads as ready: replace it.
            for key, _ in selector.select(timeout=0):
                s = key.fileobj
                i = sockets.index(s)
                cut[0] += 1
                selector.unregister(s)
                s.close()
                sockets[i] = open_one()
            held[0] = len(sockets)
            stop.wait(1.0)
        for s in sockets:
            s.close()

    attacker = threading.Thread(target=slow_clients)
    attacker.start()
    time.sleep(2)
    under = latencies(server, seconds)
    stop.set()
    attacker.join()
    print(f"slow: normal visitor alone: {summary(*alone)}")
    print(f"slow: with {held[0]} slow connections held ({cut[0]} cut by the server and reopened): "
          f"{summary(*under)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--binary", default=os.path.join(root, "target", "release", "passerelle"))
    parser.add_argument("--postgres")
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--only", action="append", choices=["guesses", "memory", "sessions", "slow"])
    args = parser.parse_args()
    parts = args.only or ["guesses", "memory", "sessions", "slow"]
    server = Server(args.binary, args.port, args.postgres)
    try:
        engine = "PostgreSQL" if args.postgres else "SQLite"
        print(f"Passerelle findings — {engine}, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, "
              f"load before {' '.join(load())}")
        if "guesses" in parts:
            guesses(server, args.seconds)
        if "memory" in parts:
            memory(server)
        if "sessions" in parts:
            sessions(server)
        if "slow" in parts:
            slow(server, args.seconds)
        print(f"load after {' '.join(load())}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
