#!/usr/bin/env python3
"""Crash safety of tallinn (issue 7, item 3): every acknowledged write survives
a SIGKILL of the server, nothing is half-applied, budgets hold, the audit chain
stays intact, and a commitment retried with its Idempotency-Key applies once.

    crash_test.py --tallinn build/src/tallinn [--db URL] [--cycles 20] [--seed 1]
                  [--kill-db-command CMD --start-db-command CMD [--db-crash-share 0.5]]

Each cycle starts `tallinn serve`, lets 4 client threads write through the
HTTP API (needs and offers created and patched, allocations committed with an
Idempotency-Key), kills the server with SIGKILL at a random moment, checks
`tallinn audit verify`, restarts the server and checks the database against
the journal of every write the server acknowledged. The backend is a
parameter: --db sqlite://PATH (default: a file in a fresh temporary folder) or
a postgresql:// URL of a database the caller created; --kill-db-command and
--start-db-command crash and restart the database server as well (for
PostgreSQL: `pg_ctl -D DIR stop -m immediate` and `pg_ctl -D DIR start`), in
the share of cycles that --db-crash-share gives (all by default): in those
the database crashes first, under the writing clients (whose requests then
fail with 503 and stay unacknowledged), then the server is killed.

Exit 0 only when every check of every cycle held. Standard library only.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import shlex
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "harbour-lamp-password-2026"
ALLOCATION_EUR = 100  # each setup need, and so each allocation
SETUP_NEEDS = 60  # allocations made per batch
BUDGET_SHARE = 0.6  # the offer's budget is cut to this share of what was approved


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Api:
    """One HTTP/1.1 connection per call: a killed server leaves no stale socket."""

    def __init__(self, port, timeout=10, outage_ends_writing=False):
        self.port = port
        self.timeout = timeout
        # While the database crashes on purpose, its 503 ends a client's
        # writing like a dead server does: the request stays unacknowledged.
        self.outage_ends_writing = outage_ends_writing

    def call(self, method, path, token=None, body=None, headers=None):
        """(status, json or None); raises OSError/HTTPException when the server is gone."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            sent = dict(headers or {})
            if token:
                sent["Authorization"] = "Bearer " + token
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                sent["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            parsed = json.loads(raw) if raw else None
            if response.status == 503 and self.outage_ends_writing:
                raise ConnectionError(f"{method} {path}: database unavailable: {parsed}")
            return response.status, parsed
        finally:
            connection.close()

    def expect(self, status, method, path, token=None, body=None, headers=None):
        got, parsed = self.call(method, path, token, body, headers)
        if got != status:
            raise Failure(f"{method} {path}: expected {status}, got {got}: {parsed}")
        return parsed

    def all_pages(self, path, token):
        items, cursor = [], None
        while True:
            target = path + ("&" if "?" in path else "?") + "limit=200"
            if cursor:
                target += "&cursor=" + cursor
            page = self.expect(200, "GET", target, token)
            items.extend(page["items"])
            cursor = page.get("next")
            if not cursor:
                return items


def cents(eur):
    return int(round(float(eur) * 100))


class Journal:
    """What the server acknowledged, and what was in flight when it died.

    needs/offers: id -> {"version", "title", "amount"/"budget", "pending"};
    "pending" is an unacknowledged patch that may or may not have landed.
    commits: allocation id -> "committed" | "refused" | "uncertain".
    Every change is also appended to a JSON-lines file, for the post-mortem."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.needs = {}
        self.offers = {}
        self.commits = {}
        self.file = open(path, "a", encoding="utf-8")

    def log(self, **entry):
        with self.lock:
            self.file.write(json.dumps(entry) + "\n")
            self.file.flush()


class World:
    """The fixture parties: one organisation and one user per role, made with the CLI."""

    def __init__(self, tallinn, db, workdir):
        self.tallinn, self.db, self.workdir = tallinn, db, workdir
        self.orgs, self.emails, self.tokens = {}, {}, {}

    def cli(self, *args, stdin=None):
        done = subprocess.run([self.tallinn, *args, "--db", self.db], input=stdin,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Failure(f"tallinn {' '.join(args)}: exit {done.returncode}: {done.stderr}")
        return done.stdout.strip()

    def create(self):
        self.cli("migrate")
        for name, kind in [("front_office", "front_office"), ("back_office", "back_office"),
                           ("donor", "donor"), ("beneficiary", "beneficiary")]:
            extra = ["--country", "EE"] if kind == "donor" else []
            self.orgs[name] = self.cli("org", "add", "--name", "Crash " + name, "--kind", kind,
                                       *extra)
        # Two donor accounts: idempotency keys are per user, and two committing
        # users race on one budget.
        for name, org in [("front_office", "front_office"), ("back_office", "back_office"),
                          ("donor", "donor"), ("donor2", "donor"),
                          ("beneficiary", "beneficiary")]:
            email = f"{name}@crash.example"
            self.cli("user", "add", "--org", self.orgs[org], "--email", email,
                     "--password-stdin", stdin=PASSWORD)
            self.emails[name] = email

    def sign_in(self, api):
        """Enrols an authenticator where the role must have one (docs/security.md), then signs in."""
        for name, email in self.emails.items():
            credentials = {"email": email, "password": PASSWORD}
            status, body = api.call("POST", "/api/v1/session", body=credentials)
            if status == 401 and (body or {}).get("error", {}).get("field") == "totp":
                secret = api.expect(201, "POST", "/api/v1/session/totp", body=credentials)["secret"]
                body = api.expect(200, "POST", "/api/v1/session",
                                  body={**credentials, "totp": totp_code(secret)})
            elif status != 200:
                raise Failure(f"POST /api/v1/session: expected 200, got {status}: {body}")
            self.tokens[name] = body["token"]


def totp_code(secret):
    """The current RFC 6238 code (30 s steps, 6 digits, HMAC-SHA-1) of a base32 secret."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class Server:
    def __init__(self, tallinn, db, workdir):
        self.tallinn, self.db, self.workdir = tallinn, db, workdir
        self.process = None
        self.port = None
        self.starts = 0

    def start(self):
        self.port = free_port()
        self.starts += 1
        log = open(os.path.join(self.workdir, f"serve-{self.starts}.log"), "w")
        self.process = subprocess.Popen(
            [self.tallinn, "serve", "--db", self.db, "--listen", f"127.0.0.1:{self.port}",
             "--web-root", ""], stdout=log, stderr=subprocess.STDOUT)
        api = Api(self.port, timeout=5)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise Failure(f"serve exited with {self.process.returncode}; see {log.name}")
            try:
                if api.call("GET", "/healthz")[0] == 200:
                    return Api(self.port)
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise Failure("serve did not answer /healthz within 30 s")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process:
            self.process.wait()
        self.process = None


def prepare_allocations(api, world, batch):
    """Approved allocations on one offer whose budget is then cut below their
    sum, so that commitments race for it. Returns the allocation ids."""
    tokens = world.tokens
    offer = api.expect(201, "POST", "/api/v1/offers", tokens["donor"], {
        "title": f"Crash budget {batch}", "budget": ALLOCATION_EUR * SETUP_NEEDS,
        "sectors": ["energy"]})
    needs = []
    for index in range(SETUP_NEEDS):
        need = api.expect(201, "POST", "/api/v1/needs", tokens["front_office"], {
            "org": world.orgs["beneficiary"], "title": f"Crash allocation {batch}-{index}",
            "sector": "energy", "region": "UA-30", "category": "equipment",
            "amount": ALLOCATION_EUR, "priority": 3, "divisible": False})
        for to, who in [("submitted", "front_office"), ("validated", "back_office"),
                        ("published", "back_office")]:
            api.expect(200, "POST", f"/api/v1/needs/{need['id']}/transition", tokens[who],
                       {"to": to})
        needs.append(need["id"])
    run = api.expect(201, "POST", "/api/v1/matching-runs", tokens["back_office"],
                     {"time_limit": 5})
    proposal = api.expect(201, "POST", "/api/v1/proposals", tokens["back_office"],
                          {"run": run["id"]})
    allocations = [a["id"] for a in proposal["allocations"] if a["offer"] == offer["id"]]
    if len(allocations) != SETUP_NEEDS:
        raise Failure(f"matching proposed {len(allocations)} allocations, not {SETUP_NEEDS}")
    meeting = api.expect(201, "POST", "/api/v1/meetings", tokens["back_office"],
                         {"title": f"Crash meeting {batch}"})
    api.expect(200, "POST", f"/api/v1/meetings/{meeting['id']}/open", tokens["back_office"])
    for allocation in allocations:
        api.expect(200, "POST", f"/api/v1/allocations/{allocation}/decision",
                   tokens["back_office"],
                   {"meeting": meeting["id"], "decision": "approve", "reason": "crash test"})
    api.expect(200, "POST", f"/api/v1/meetings/{meeting['id']}/close", tokens["back_office"])
    api.expect(200, "PATCH", f"/api/v1/offers/{offer['id']}", tokens["donor"],
               {"version": offer["version"],
                "budget": int(ALLOCATION_EUR * SETUP_NEEDS * BUDGET_SHARE)})
    return allocations


def need_title(client, serial, version, amount_cents):
    # The title repeats the amount: a need whose title and amount disagree
    # was half-written.
    return f"Crash c{client}-{serial} v{version} amount {amount_cents}"


class Client(threading.Thread):
    """One of the 4 writers. Stops at the first failed connection (the kill)."""

    def __init__(self, number, api, world, journal, pool, pool_lock, seed):
        super().__init__(daemon=True)
        self.number, self.api, self.world, self.journal = number, api, world, journal
        self.pool, self.pool_lock = pool, pool_lock
        self.random = random.Random(seed)
        self.serial = 0
        self.error = None
        self.acknowledged = 0
        # Clients 0 and 1 write as the front office and the beneficiary, 2 and 3
        # as the two donor accounts.
        self.need_author = ["front_office", "beneficiary", "front_office", "beneficiary"][number]
        self.donor = ["donor", "donor2", "donor2", "donor"][number]

    def run(self):
        try:
            while True:
                choice = self.random.random()
                if choice < 0.30:
                    self.create_need()
                elif choice < 0.50:
                    self.patch_need()
                elif choice < 0.60:
                    self.create_offer()
                elif choice < 0.70:
                    self.patch_offer()
                else:
                    self.commit()
        except (OSError, http.client.HTTPException):
            return  # the server died: what was in flight stays unacknowledged
        except Failure as failure:
            self.error = str(failure)
        except Exception as error:  # a bug in the test itself must not pass silently
            self.error = f"{type(error).__name__}: {error}"

    def create_need(self):
        self.serial += 1
        amount = self.random.randint(100, 10_000_000)
        body = {"title": need_title(self.number, self.serial, 1, amount), "sector": "health",
                "region": "UA-46", "category": "software", "amount": amount / 100,
                "priority": 2}
        if self.need_author == "front_office":
            body["org"] = self.world.orgs["beneficiary"]
        status, created = self.api.call("POST", "/api/v1/needs",
                                        self.world.tokens[self.need_author], body)
        if status != 201:
            raise Failure(f"create need answered {status}: {created}")
        with self.journal.lock:
            self.journal.needs[created["id"]] = {
                "client": self.number, "serial": self.serial, "version": 1,
                "title": body["title"], "amount": amount, "pending": None}
        self.journal.log(op="need.create", id=created["id"], title=body["title"], amount=amount)
        self.acknowledged += 1

    def own(self, records):
        with self.journal.lock:
            return [i for i, r in records.items() if r.get("client") == self.number]

    def patch_need(self):
        mine = self.own(self.journal.needs)
        if not mine:
            return self.create_need()
        self.patch("need", self.journal.needs, self.random.choice(mine), "amount",
                   self.world.tokens[self.need_author],
                   lambda record, version, amount: need_title(self.number, record["serial"],
                                                              version, amount))

    def patch(self, kind, records, record_id, field, token, make_title):
        """A PATCH of title and `field` (cents) together; in flight until acknowledged."""
        record = records[record_id]
        version = record["version"] + 1
        value = self.random.randint(100, 10_000_000)
        title = make_title(record, version, value)
        record["pending"] = {"version": version, "title": title, field: value}
        status, patched = self.api.call("PATCH", f"/api/v1/{kind}s/{record_id}", token,
                                        {"version": record["version"], "title": title,
                                         field: value / 100})
        if status != 200:
            raise Failure(f"patch {kind} answered {status}: {patched}")
        with self.journal.lock:
            record.update(record["pending"], pending=None)
        self.journal.log(op=kind + ".update", id=record_id, version=version, title=title,
                         **{field: value})
        self.acknowledged += 1

    def create_offer(self):
        self.serial += 1
        budget = self.random.randint(1, 10_000_000)
        # "space" keeps these offers out of the setup's matching runs.
        body = {"title": f"Crash offer c{self.number}-{self.serial} v1 budget {budget}",
                "budget": budget / 100, "sectors": ["space"]}
        status, created = self.api.call("POST", "/api/v1/offers", self.world.tokens[self.donor],
                                        body)
        if status != 201:
            raise Failure(f"create offer answered {status}: {created}")
        with self.journal.lock:
            self.journal.offers[created["id"]] = {
                "client": self.number, "serial": self.serial, "version": 1,
                "title": body["title"], "budget": budget, "donor": self.donor, "pending": None}
        self.journal.log(op="offer.create", id=created["id"], title=body["title"], budget=budget)
        self.acknowledged += 1

    def patch_offer(self):
        mine = self.own(self.journal.offers)
        if not mine:
            return self.create_offer()
        offer_id = self.random.choice(mine)
        self.patch("offer", self.journal.offers, offer_id, "budget",
                   self.world.tokens[self.journal.offers[offer_id]["donor"]],
                   lambda record, version, budget:
                   f"Crash offer c{self.number}-{record['serial']} v{version} budget {budget}")

    def commit(self):
        with self.pool_lock:
            if not self.pool:
                return self.create_need()
            allocation = self.pool.pop()
        with self.journal.lock:
            self.journal.commits[allocation] = {"state": "uncertain", "donor": self.donor}
        key = f"commit-{allocation}"
        path = f"/api/v1/allocations/{allocation}/commit"
        token = self.world.tokens[self.donor]
        status, answer = self.api.call("POST", path, token, headers={"Idempotency-Key": key})
        if status not in (200, 409):
            raise Failure(f"commit answered {status}: {answer}")
        state = "committed" if status == 200 else "refused"
        with self.journal.lock:
            self.journal.commits[allocation]["state"] = state
        self.journal.log(op="allocation.commit", id=allocation, state=state)
        self.acknowledged += 1
        if status == 200:
            # The client's retry of an acknowledged commit: same answer, nothing applied.
            again, answer = self.api.call("POST", path, token, headers={"Idempotency-Key": key})
            if again != 200 or answer.get("status") != "committed":
                raise Failure(f"retried commit answered {again}: {answer}")


class Checker:
    def __init__(self, api, world, journal, rng):
        self.api, self.world, self.journal, self.random = api, world, journal, rng
        self.tokens = world.tokens

    def run(self):
        self.check_needs()
        self.check_offers()
        self.check_commits()
        self.check_audit()

    def settle(self, kind, record, stored, fields):
        """Adopts a pending patch that landed; fails on anything else."""
        def matches(expected):
            return all(stored[f] == expected[f] for f in fields)
        if stored["version"] == record["version"] and matches(record):
            record["pending"] = None
            return
        pending = record["pending"]
        if pending and stored["version"] == pending["version"] and matches(pending):
            record.update(pending)
            record["pending"] = None
            return
        raise Failure(f"{kind} {stored['id']}: stored version {stored['version']} "
                      f"{[stored[f] for f in fields]} is neither the acknowledged "
                      f"{record['version']} {[record[f] for f in fields]} nor the one in flight "
                      f"{pending}")

    def check_needs(self):
        stored = {n["id"]: n for n in self.api.all_pages("/api/v1/needs", self.tokens["front_office"])}
        for need_id, record in self.journal.needs.items():
            if need_id not in stored:
                raise Failure(f"acknowledged need {need_id} is missing")
            need = dict(stored[need_id], amount=cents(stored[need_id]["amount"]))
            self.settle("need", record, need, ["title", "amount"])
            if not need["title"].endswith(f" amount {need['amount']}"):
                raise Failure(f"need {need_id} is half-written: {need['title']} / {need['amount']}")

    def check_offers(self):
        stored = {}
        for donor in ("donor", "donor2"):
            for offer in self.api.all_pages("/api/v1/offers", self.tokens[donor]):
                stored[offer["id"]] = offer
        self.offers = stored
        for offer_id, record in self.journal.offers.items():
            if offer_id not in stored:
                raise Failure(f"acknowledged offer {offer_id} is missing")
            offer = dict(stored[offer_id], budget=cents(stored[offer_id]["budget"]))
            self.settle("offer", record, offer, ["title", "budget"])
            if not offer["title"].endswith(f" budget {offer['budget']}"):
                raise Failure(f"offer {offer_id} is half-written")

    def allocations(self):
        found = {}
        for donor in ("donor", "donor2"):
            path = "/api/v1/allocations"
            while path:
                status, body = self.api.call("GET", path, self.tokens[donor])
                if status != 200:
                    raise Failure(f"allocations answered {status}")
                for allocation in body["items"]:
                    found[allocation["id"]] = allocation
                cursor = body.get("next")
                path = "/api/v1/allocations?cursor=" + urllib.parse.quote(cursor) if cursor else None
        return found

    def check_commits(self):
        allocations = self.allocations()
        # A commitment in flight at the kill is retried with its key: it lands
        # now or had landed before, once either way.
        for allocation_id, record in self.journal.commits.items():
            if record["state"] != "uncertain":
                continue
            status, answer = self.api.call(
                "POST", f"/api/v1/allocations/{allocation_id}/commit", self.tokens[record["donor"]],
                headers={"Idempotency-Key": f"commit-{allocation_id}"})
            if status not in (200, 409):
                raise Failure(f"retry of an uncertain commit answered {status}: {answer}")
            record["state"] = "committed" if status == 200 else "refused"
        allocations = self.allocations()
        committed_states = {"committed", "delivering", "delivered", "verified"}
        for allocation_id, record in self.journal.commits.items():
            allocation = allocations.get(allocation_id)
            if allocation is None:
                raise Failure(f"allocation {allocation_id} is missing")
            is_committed = allocation["status"] in committed_states
            if record["state"] == "committed" and not is_committed:
                raise Failure(f"acknowledged commitment {allocation_id} is lost: "
                              f"{allocation['status']}")
            if record["state"] == "refused" and is_committed:
                raise Failure(f"refused commitment {allocation_id} is committed")
        # Budgets hold, and the ledger agrees with the allocations.
        held = {}
        for allocation in allocations.values():
            if allocation["status"] in committed_states:
                held[allocation["offer"]] = held.get(allocation["offer"], 0) + cents(
                    allocation["offer_amount"])
        for offer_id, sum_cents in held.items():
            offer = self.offers.get(offer_id)
            if offer is None:
                raise Failure(f"offer {offer_id} of a commitment is missing")
            if sum_cents > cents(offer["budget"]):
                raise Failure(f"offer {offer_id} overspent: {sum_cents} > {offer['budget']}")
            ledger = self.api.expect(200, "GET", f"/api/v1/offers/{offer_id}/ledger",
                                     self.tokens["donor"])
            if cents(ledger["committed"]) != sum_cents:
                raise Failure(f"ledger of {offer_id} says {ledger['committed']}, "
                              f"allocations {sum_cents / 100}")
        # The need of a commitment moved on with it.
        needs = {n["id"]: n for n in self.api.all_pages("/api/v1/needs", self.tokens["front_office"])}
        for allocation in allocations.values():
            if allocation["status"] in committed_states:
                need = needs[allocation["need"]]
                if need["status"] in ("published", "matched"):
                    raise Failure(f"need {need['id']} is {need['status']} under a commitment")
        # Retrying acknowledged commitments with their keys applies nothing.
        acknowledged = [a for a, r in self.journal.commits.items() if r["state"] == "committed"]
        for allocation_id in self.random.sample(acknowledged, min(5, len(acknowledged))):
            offer_id = allocations[allocation_id]["offer"]
            before = self.api.expect(200, "GET", f"/api/v1/offers/{offer_id}/ledger",
                                     self.tokens["donor"])["committed"]
            donor = self.journal.commits[allocation_id]["donor"]
            self.api.expect(200, "POST", f"/api/v1/allocations/{allocation_id}/commit",
                            self.tokens[donor],
                            headers={"Idempotency-Key": f"commit-{allocation_id}"})
            after = self.api.expect(200, "GET", f"/api/v1/offers/{offer_id}/ledger",
                                    self.tokens["donor"])["committed"]
            if before != after:
                raise Failure(f"a retried commitment of {allocation_id} applied twice")

    def check_audit(self):
        """Every stored change has its audit entry, and no entry a change that is missing."""
        entries = self.api.all_pages("/api/v1/audit", self.tokens["back_office"])
        counts = {}
        for entry in entries:
            if entry["outcome"] == "ok" and entry["record_id"]:
                key = (entry["action"], entry["record_id"])
                counts[key] = counts.get(key, 0) + 1
        for kind, records in (("need", self.journal.needs), ("offer", self.journal.offers)):
            for record_id, record in records.items():
                writes = counts.get((kind + ".create", record_id), 0) + counts.get(
                    (kind + ".update", record_id), 0)
                if writes != record["version"]:
                    raise Failure(f"{kind} {record_id} is at version {record['version']} "
                                  f"with {writes} audited writes")
        for allocation_id, record in self.journal.commits.items():
            audited = counts.get(("allocation.commit", allocation_id), 0)
            if audited != (1 if record["state"] == "committed" else 0):
                raise Failure(f"commitment {allocation_id} ({record['state']}) has {audited} "
                              f"audit entries")


def tamper(db, statement):
    import sqlite3
    if not db.startswith("sqlite://"):
        raise Failure("--tamper-sql needs a sqlite:// database")
    connection = sqlite3.connect(db[len("sqlite://"):])
    with connection:
        connection.execute(statement)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tallinn", default=os.environ.get("TALLINN"), required=False)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--min-run", type=float, default=0.05, help="seconds of writing, at least")
    parser.add_argument("--max-run", type=float, default=0.8, help="seconds of writing, at most")
    parser.add_argument("--kill-db-command", help="also crash the database server (PostgreSQL)")
    parser.add_argument("--start-db-command", help="restart it after --kill-db-command")
    parser.add_argument("--db-crash-share", type=float, default=1.0,
                        help="share of the cycles that crash the database too (default all)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--tamper-sql",
                        help="SQLite only: run this statement on the file after each kill, to "
                             "show that the checks catch a damaged database")
    args = parser.parse_args()
    if not args.tallinn:
        parser.error("--tallinn (or TALLINN) is required")
    if bool(args.kill_db_command) != bool(args.start_db_command):
        parser.error("--kill-db-command and --start-db-command go together")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    workdir = tempfile.mkdtemp(prefix="tallinn-crash-")
    db = args.db or f"sqlite://{workdir}/crash.db"
    print(f"crash test: {args.cycles} cycles, seed {seed}, db {db}, work {workdir}", flush=True)

    world = World(args.tallinn, db, workdir)
    journal = Journal(os.path.join(workdir, "journal.jsonl"))
    server = Server(args.tallinn, db, workdir)
    pool, pool_lock = [], threading.Lock()
    passed = failed = 0
    totals = {"acknowledged": 0, "committed": 0, "refused": 0}
    db_crashes = 0
    try:
        world.create()
        api = server.start()
        world.sign_in(api)
        batch = 0
        for cycle in range(1, args.cycles + 1):
            if len(pool) < 20:
                batch += 1
                pool.extend(prepare_allocations(api, world, batch))
                rng.shuffle(pool)
            crash_db = bool(args.kill_db_command) and rng.random() < args.db_crash_share
            writing = Api(api.port, outage_ends_writing=crash_db)
            clients = [Client(n, writing, world, journal, pool, pool_lock,
                              rng.randrange(1 << 30)) for n in range(4)]
            for client in clients:
                client.start()
            time.sleep(rng.uniform(args.min_run, args.max_run))
            if crash_db:
                # The database crashes under the running server and its clients.
                db_crashes += 1
                subprocess.run(shlex.split(args.kill_db_command), check=True,
                               capture_output=True)
            server.kill()
            if crash_db:
                subprocess.run(shlex.split(args.start_db_command), check=True,
                               capture_output=True)
            for client in clients:
                client.join(timeout=30)
            if args.tamper_sql:
                tamper(db, args.tamper_sql)
            errors = [c.error for c in clients if c.error]
            acknowledged = sum(c.acknowledged for c in clients)
            totals["acknowledged"] += acknowledged
            try:
                if errors:
                    raise Failure("; ".join(errors))
                verify = subprocess.run([args.tallinn, "audit", "verify", "--db", db],
                                        capture_output=True, text=True, timeout=120)
                if verify.returncode != 0:
                    raise Failure(f"audit verify failed: {verify.stdout}{verify.stderr}")
                api = server.start()
                Checker(api, world, journal, rng).run()
                passed += 1
                print(f"cycle {cycle}: ok ({'database and server' if crash_db else 'server'} "
                      f"crashed; {acknowledged} acknowledged writes; "
                      f"{verify.stdout.strip()})", flush=True)
            except Failure as failure:
                failed += 1
                print(f"cycle {cycle}: FAIL: {failure}", flush=True)
                if server.process is None:
                    api = server.start()
        states = [r["state"] for r in journal.commits.values()]
        print(f"journal: {len(journal.needs)} needs, {len(journal.offers)} offers, "
              f"{states.count('committed')} commitments, {states.count('refused')} refused "
              f"over budget", flush=True)
        if args.kill_db_command:
            print(f"the database crashed in {db_crashes} of {args.cycles} cycles", flush=True)
            mixed_expected = args.db_crash_share < 1 and args.cycles >= 10
            if db_crashes == 0 or (mixed_expected and db_crashes == args.cycles):
                failed += 1
                print("FAIL: the run did not mix database crashes and server kills", flush=True)
        if states.count("committed") == 0 or states.count("refused") == 0:
            # Without both, the budget check proved nothing.
            failed += 1
            print("FAIL: the run never both committed and refused a commitment", flush=True)
    except Failure as failure:
        failed += 1
        print(f"FAIL: {failure}", flush=True)
    finally:
        server.kill()
        journal.file.close()
        if failed == 0 and not args.keep:
            subprocess.run(["rm", "-rf", workdir])
        else:
            print(f"work folder kept: {workdir}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
