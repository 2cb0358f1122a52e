#!/usr/bin/env python3
"""The leak oracle (issue 8, item 5): an independent check of every read path.

Written from ../shared/spec/access.md and api.md, not from the server's code: the expected
visibility of each record is computed here, from the rows of the database (the facts: owner,
marking, grants, named users, creator, allocation parties) and the contract's tables, and compared
with what a real `tallinn serve` answers to every role over every read path. Any difference fails.

Usage: leak_oracle.py --tallinn PATH/TO/tallinn [--keep DIR]
Python 3 standard library only.
"""

import argparse
import base64
import http.client
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

PASSWORD = "demo-password-2026"
ROLES = ["beneficiary", "front_office", "back_office", "ua_authority", "donor", "observer",
         "implementer", "admin"]
OFFICES = {"front_office", "back_office", "ua_authority"}
COVERAGE_STATES = ["published", "matched", "funded", "delivering", "delivered", "verified",
                   "closed"]
ID = re.compile(r"\b[0-9a-f]{32}\b")
MISSING_ID = "0123456789abcdef0123456789abcdef"


def email_of(role):
    return role.replace("_", "-") + "@demo.tallinn.example"


# --------------------------------------------------------------------------------------------
# access.md, transcribed

class Actor:
    def __init__(self, role=None, user="", org=""):
        self.role, self.user, self.org = role, user, org

    @property
    def signed_in(self):
        return self.role is not None

    def __repr__(self):
        return self.role or "anonymous"


def sees_marked(actor, rec):
    """access.md, "Markings": who may see a need, offer or assessment."""
    tlp = rec["tlp"]
    if tlp == "CLEAR":
        return True
    if not actor.signed_in:
        return False
    if tlp == "GREEN":
        return True
    owner = actor.org == rec["org"]
    office = actor.role in OFFICES
    if tlp == "AMBER":
        return owner or office or actor.org in rec["orgs"]
    if tlp == "AMBER+STRICT":
        return owner or office
    if tlp == "RED":
        return actor.user in rec["users"] or actor.user == rec["creator"]
    raise AssertionError("unknown marking " + tlp)


def sees_allocation(actor, alloc):
    """api.md: the offices, the offer's donor, the need's owner and the assigned implementer; a
    RED allocation only its named users and creator among them."""
    if not actor.signed_in:
        return False
    party = (actor.role in OFFICES or actor.org in (alloc["need_org"], alloc["offer_org"])
             or (alloc["implementer_org"] and actor.org == alloc["implementer_org"]))
    if not party:
        return False
    if alloc["tlp"] == "RED":
        return actor.user in alloc["users"] or actor.user == alloc["creator"]
    return True


def sees_user(actor, user):
    return actor.signed_in and (actor.role == "admin" or actor.role in OFFICES or
                                actor.org == user["org"] or actor.user == user["id"])


def suppressed_audience(actor):
    return not actor.signed_in or actor.role == "observer"


# --------------------------------------------------------------------------------------------
# The facts, read from the database

def split_ids(text):
    """Id lists in allocation and meeting rows are space-separated."""
    return (text or "").split()


class Facts:
    def __init__(self, path):
        db = sqlite3.connect(path)
        db.row_factory = sqlite3.Row
        self.needs = self._marked(db, "needs", "need_grants")
        self.offers = self._marked(db, "offers", "offer_grants")
        self.assessments = self._marked(db, "assessments", "assessment_grants")
        self.allocations = {}
        for row in db.execute("SELECT * FROM allocations"):
            self.allocations[row["id"]] = dict(row, orgs=split_ids(row["access_orgs"]),
                                               users=split_ids(row["access_users"]))
        self.runs = {row["id"]: dict(row) for row in db.execute("SELECT * FROM matching_runs")}
        # Delivery reports' attachments: their allocation and stored bytes.
        self.attachments = {
            row["id"]: dict(row) for row in db.execute(
                "SELECT id, allocation, attachment_type, attachment_base64 FROM delivery_reports "
                "WHERE attachment_name IS NOT NULL")}
        self.meetings = [row["id"] for row in db.execute("SELECT id FROM meetings")]
        self.users = {row["id"]: dict(row) for row in db.execute("SELECT * FROM users")}
        self.orgs = {row["id"]: dict(row) for row in db.execute("SELECT * FROM organisations")}
        db.close()

    @staticmethod
    def _marked(db, table, grants):
        """The rows of a marked table, each with its granted orgs and named users."""
        records = {row["id"]: dict(row, orgs=[], users=[])
                   for row in db.execute(f"SELECT * FROM {table}")}
        for row in db.execute(f"SELECT record, kind, grantee FROM {grants} ORDER BY position"):
            if row["record"] in records:
                records[row["record"]]["orgs" if row["kind"] == "org" else "users"].append(
                    row["grantee"])
        return records

    def actor(self, role):
        for user in self.users.values():
            if user["email"] == email_of(role):
                return Actor(role, user["id"], user["org"])
        raise AssertionError("no demo user for " + role)


# --------------------------------------------------------------------------------------------
# HTTP

class Client:
    def __init__(self, port, token=None):
        self.port, self.token = port, token
        self.connection = None

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(3):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                                 timeout=60)
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, payload
            except (http.client.HTTPException, OSError):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(self, path):
        return self.request("GET", path)

    def json(self, method, path, body=None, expect=(200, 201)):
        status, payload = self.request(method, path, body)
        if status not in expect:
            raise AssertionError(f"{method} {path} answered {status}: {payload[:300]!r}")
        return json.loads(payload) if payload else None


# --------------------------------------------------------------------------------------------
# The oracle

class Oracle:
    def __init__(self, port, db_path):
        self.port, self.db_path = port, db_path
        self.failures = []
        self.checks = 0

    def fail(self, who, what):
        self.failures.append(f"{who}: {what}")

    def expect(self, condition, who, what):
        self.checks += 1
        if not condition:
            self.fail(who, what)

    # --- setup: the records access.md singles out ------------------------------------------

    def sign_in(self, role):
        client = Client(self.port)
        answer = client.json("POST", "/api/v1/session", {"email": email_of(role),
                                                         "password": PASSWORD})
        client.token = answer["token"]
        return client

    def create_special_records(self, clients, facts):
        bene, front, back = clients["beneficiary"], clients["front_office"], clients["back_office"]
        donor = facts.actor("donor")
        base = {"sector": "energy", "region": "UA-46", "category": "software", "amount": 12345,
                "priority": 5}

        # A marking raised after a grant: released to the donor, then AMBER+STRICT.
        need = bene.json("POST", "/api/v1/needs", dict(base, title="Oracle raised-after-grant"))
        need = bene.json("PATCH", f"/api/v1/needs/{need['id']}",
                         {"version": need["version"], "access": {"orgs": [donor.org], "users": []}})
        bene.json("PATCH", f"/api/v1/needs/{need['id']}",
                  {"version": need["version"], "tlp": "AMBER+STRICT",
                   "access": {"orgs": [], "users": []}})

        # RED, named to the front office only, submitted (the back office is told but may not
        # see it).
        red = bene.json("POST", "/api/v1/needs", dict(
            base, title="Oracle red named front office", tlp="RED",
            access={"orgs": [], "users": [facts.actor("front_office").user]}))
        bene.json("POST", f"/api/v1/needs/{red['id']}/transition", {"to": "submitted"})

        # RED, taken in by the front office for the beneficiary and named to the back office:
        # its owner organisation is neither named nor its creator.
        front.json("POST", "/api/v1/needs", dict(
            base, org=facts.actor("beneficiary").org, title="Oracle red owned not named",
            tlp="RED", access={"orgs": [], "users": [facts.actor("back_office").user]}))

        # RED, published while it named the back office, then taken off it: a matching run
        # must never include it again.
        hidden = bene.json("POST", "/api/v1/needs", dict(
            base, title="Oracle red withdrawn from back office", tlp="RED",
            access={"orgs": [], "users": [facts.actor("back_office").user]}))
        bene.json("POST", f"/api/v1/needs/{hidden['id']}/transition", {"to": "submitted"})
        back.json("POST", f"/api/v1/needs/{hidden['id']}/transition", {"to": "validated"})
        hidden = back.json("POST", f"/api/v1/needs/{hidden['id']}/transition",
                           {"to": "published"})
        bene.json("PATCH", f"/api/v1/needs/{hidden['id']}",
                  {"version": hidden["version"], "access": {"orgs": [], "users": []}})

        # An AMBER+STRICT assessment (the default) of the demo beneficiary.
        measures = {name: {"score": 1, "evidence": "oracle"} for name in [
            "risk-analysis", "incident-handling", "business-continuity", "supply-chain",
            "secure-development", "effectiveness", "cyber-hygiene", "cryptography",
            "access-control", "mfa"]}
        assessment = front.json("POST", "/api/v1/assessments", {
            "org": facts.actor("beneficiary").org, "title": "Oracle strict assessment",
            "sector": "energy", "region": "UA-46", "criticality": 4, "measures": measures})
        front.json("POST", f"/api/v1/assessments/{assessment['id']}/needs")

        # A run and its proposal over today's data, and a meeting that approves the lot.
        run = back.json("POST", "/api/v1/matching-runs", {"time_limit": 3})
        proposal = back.json("POST", "/api/v1/proposals", {"run": run["id"]},
                             expect=(201, 409))
        meeting = back.json("POST", "/api/v1/meetings", {"title": "Oracle meeting"})
        back.json("POST", f"/api/v1/meetings/{meeting['id']}/open")
        for allocation in (proposal or {}).get("allocations", [])[:10]:
            back.json("POST", f"/api/v1/allocations/{allocation['id']}/decision",
                      {"meeting": meeting["id"], "decision": "approve", "reason": "oracle"},
                      expect=(200, 403, 404))
        back.json("POST", f"/api/v1/meetings/{meeting['id']}/close")

        # A report with an attachment on a delivery in progress (the demo's reports have none),
        # so every role is walked over its download.
        implementer = facts.actor("implementer")
        delivering = [aid for aid, row in facts.allocations.items()
                      if row["status"] == "delivering" and row["implementer_org"] == implementer.org
                      and row["tlp"] != "RED"]
        if not delivering:
            raise AssertionError("the demo has no delivery in progress to attach a report to")
        clients["implementer"].json("POST", f"/api/v1/allocations/{delivering[0]}/reports", {
            "percent": 60, "note": "oracle", "attachment": {
                "name": "oracle.pdf", "content_type": "application/pdf",
                "data": base64.b64encode(b"%PDF-1.4\noracle attachment\n").decode()}})

    # --- helpers -----------------------------------------------------------------------------

    def walk(self, client, path, who, limit=37):
        """Every item of a paged list, following `next`."""
        items, cursor, pages = [], None, 0
        while True:
            sep = "&" if "?" in path else "?"
            target = f"{path}{sep}limit={limit}"
            if cursor:
                target += "&cursor=" + urllib.parse.quote(cursor)
            status, body = client.get(target)
            self.bodies.append((who, target, body))
            if status != 200:
                return status, items
            page = json.loads(body)
            items.extend(page["items"])
            cursor = page.get("next")
            pages += 1
            if not cursor or pages > 1000:
                return 200, items

    def get(self, client, who, path):
        status, body = client.get(path)
        self.bodies.append((who, path, body))
        return status, body

    def missing_body(self, client, who, template):
        status, body = self.get(client, who, template.format(MISSING_ID))
        self.expect(status == 404, who, f"{template} of a missing id answers {status}")
        return body

    def check_one(self, client, who, template, record_id, visible, missing, allowed=(200,)):
        """A single-record path: the allowed statuses when visible, and exactly the missing
        record's bytes when not."""
        status, body = self.get(client, who, template.format(record_id))
        if visible:
            self.expect(status in allowed, who,
                        f"{template.format(record_id)}: {status}, wanted one of {allowed}")
        else:
            self.expect(status == 404 and body == missing, who,
                        f"{template.format(record_id)} of an invisible record: {status} "
                        f"{body[:120]!r} differs from a missing one")
        return status, body

    def check_history(self, client, actor, template, record_id, visible, missing):
        """A record's history: readable exactly where the record is. access.md gives "read the
        audit trail" to the back office and admins only, so anyone else gets neither the acting
        user nor refused attempts."""
        status, body = self.check_one(client, actor.role, template, record_id, visible,
                                      missing[template])
        if status != 200 or actor.role in ("back_office", "admin"):
            return
        for entry in json.loads(body)["items"]:
            self.expect("actor_user" not in entry and entry.get("outcome") == "ok", actor.role,
                        f"{template.format(record_id)} shows {entry}")

    # --- the walk -----------------------------------------------------------------------------

    def run(self, clients, anonymous, facts):
        self.bodies = []
        actors = {role: facts.actor(role) for role in ROLES}
        for role in ROLES:
            self.walk_role(clients[role], actors[role], facts)
        self.walk_anonymous(anonymous, facts)
        self.scan_bodies(actors, facts)

    def visible_ids(self, actor, records, rule=sees_marked):
        return {rid for rid, rec in records.items() if rule(actor, rec)}

    def walk_role(self, client, actor, facts):
        who = actor.role
        needs = self.visible_ids(actor, facts.needs)
        offers = self.visible_ids(actor, facts.offers)
        assessments = self.visible_ids(actor, facts.assessments)
        allocations = self.visible_ids(actor, facts.allocations, sees_allocation)

        # Lists (paged), their counts and their filters.
        for path, expected, records in [("/api/v1/needs", needs, facts.needs),
                                        ("/api/v1/offers", offers, facts.offers)]:
            status, items = self.walk(client, path, who)
            got = [item["id"] for item in items]
            self.expect(status == 200 and len(got) == len(set(got)), who,
                        f"{path}: status {status}, or an item twice across pages")
            self.expect(set(got) == expected, who,
                        f"{path}: {len(set(got) - expected)} invisible listed, "
                        f"{len(expected - set(got))} visible missing")
            status, body = self.get(client, who, path + "/count")
            self.expect(status == 200 and json.loads(body).get("count") == len(expected), who,
                        f"{path}/count = {body[:80]!r}, wanted {len(expected)}")
            for query, keep in self.filters(path, records):
                wanted = {rid for rid in expected if keep(records[rid])}
                status, items = self.walk(client, f"{path}?{query}", who, limit=50)
                got = {item["id"] for item in items}
                self.expect(got == wanted, who, f"{path}?{query}: {len(got - wanted)} extra, "
                                                f"{len(wanted - got)} missing")
                status, body = self.get(client, who, f"{path}/count?{query}")
                self.expect(status == 200 and json.loads(body).get("count") == len(wanted), who,
                            f"{path}/count?{query} = {body[:80]!r}, wanted {len(wanted)}")
            # Text search: never beyond what the reader sees.
            for word in ["firewalls", "Oracle", "licences", "backups"]:
                status, items = self.walk(client, f"{path}?q={word}", who, limit=50)
                extra = {item["id"] for item in items} - expected
                self.expect(not extra, who, f"{path}?q={word} lists {len(extra)} invisible")

        status, items = self.walk(client, "/api/v1/assessments", who)
        got = {item["id"] for item in items}
        self.expect(got == assessments, who, f"/api/v1/assessments: {len(got - assessments)} "
                                             f"extra, {len(assessments - got)} missing")

        # Single records, and the paths hanging off them.
        missing = {t: self.missing_body(client, who, t) for t in [
            "/api/v1/needs/{}", "/api/v1/offers/{}", "/api/v1/assessments/{}",
            "/api/v1/allocations/{}", "/api/v1/needs/{}/ledger", "/api/v1/offers/{}/ledger",
            "/api/v1/needs/{}/duplicates", "/api/v1/users/{}", "/api/v1/needs/{}/history",
            "/api/v1/offers/{}/history", "/api/v1/allocations/{}/history"]}
        back = who == "back_office"
        for need_id in facts.needs:
            visible = need_id in needs
            self.check_one(client, who, "/api/v1/needs/{}", need_id, visible,
                           missing["/api/v1/needs/{}"])
            self.check_one(client, who, "/api/v1/needs/{}/ledger", need_id, visible,
                           missing["/api/v1/needs/{}/ledger"], allowed=(200, 403))
            self.check_history(client, actor, "/api/v1/needs/{}/history", need_id, visible,
                               missing)
            status, body = self.check_one(client, who, "/api/v1/needs/{}/duplicates", need_id,
                                          visible, missing["/api/v1/needs/{}/duplicates"],
                                          allowed=(200,) if back else (403,))
            if status == 200:
                extra = {c["need"] for c in json.loads(body)["items"]} - needs
                self.expect(not extra, who, f"duplicates of {need_id} name {extra}")
        for offer_id in facts.offers:
            visible = offer_id in offers
            self.check_one(client, who, "/api/v1/offers/{}", offer_id, visible,
                           missing["/api/v1/offers/{}"])
            self.check_one(client, who, "/api/v1/offers/{}/ledger", offer_id, visible,
                           missing["/api/v1/offers/{}/ledger"], allowed=(200, 403))
            self.check_history(client, actor, "/api/v1/offers/{}/history", offer_id, visible,
                               missing)
        for assessment_id in facts.assessments:
            self.check_one(client, who, "/api/v1/assessments/{}", assessment_id,
                           assessment_id in assessments, missing["/api/v1/assessments/{}"])

        # Allocations, with the need's fields redacted where the need is not visible.
        # The list is paged: walked with a small limit, every page is checked.
        status, listed = self.walk(client, "/api/v1/allocations", who, limit=7)
        if status != 200:
            listed = []
        got = {item["id"] for item in listed}
        self.expect(len(got) == len(listed), who, "/api/v1/allocations: an item on two pages")
        self.expect(got == allocations, who, f"/api/v1/allocations: {len(got - allocations)} "
                                             f"extra, {len(allocations - got)} missing")
        for allocation_id in facts.allocations:
            status, body = self.check_one(client, who, "/api/v1/allocations/{}", allocation_id,
                                          allocation_id in allocations,
                                          missing["/api/v1/allocations/{}"])
            self.check_history(client, actor, "/api/v1/allocations/{}/history", allocation_id,
                               allocation_id in allocations, missing)
            if status == 200:
                self.check_need_summary(who, json.loads(body), needs, facts)
        for item in listed:
            self.check_need_summary(who, item, needs, facts)

        # Report attachments: the stored bytes exactly where the allocation is readable, a
        # missing allocation's 404 everywhere else.
        self.expect(facts.attachments, who, "no report attachment to walk over")
        for report_id, report in facts.attachments.items():
            template = "/api/v1/allocations/{}/reports/" + report_id + "/attachment"
            status, body = self.check_one(client, who, template, report["allocation"],
                                          report["allocation"] in allocations,
                                          self.missing_body(client, who, template))
            if status == 200:
                self.expect(body == base64.b64decode(report["attachment_base64"]), who,
                            f"{template.format(report['allocation'])}: not the stored bytes")

        # Users: admin, the offices, their own organisation, themselves.
        for user_id, user in facts.users.items():
            self.check_one(client, who, "/api/v1/users/{}", user_id, sees_user(actor, user),
                           missing["/api/v1/users/{}"])
        status, items = self.walk(client, "/api/v1/users", who)
        got = {item["id"] for item in items}
        wanted = {uid for uid, user in facts.users.items() if sees_user(actor, user)}
        self.expect(got <= wanted, who, f"/api/v1/users lists {len(got - wanted)} invisible")

        # Matching runs: the back office, and only runs whose every record it may see.
        for run_id, run in facts.runs.items():
            status, body = self.get(client, who, f"/api/v1/matching-runs/{run_id}")
            if not back:
                self.expect(status in (403, 404) and b'"error"' in body, who,
                            f"matching run {run_id}: {status}")
                continue
            data = json.loads(run["input_json"])
            input_ids = {n["id"] for n in data["needs"]} | {o["id"] for o in data["offers"]}
            whole = all(i in needs or i in offers for i in input_ids)
            self.expect(status == (200 if whole else 404), who,
                        f"matching run {run_id}: {status}, every record visible: {whole}")
            if status == 200:
                run_json = json.loads(body)
                named = set(ID.findall(json.dumps({k: run_json[k] for k in
                                                   ("input", "allocations", "explanation")})))
                hidden = {i for i in named if (i in facts.needs and i not in needs) or
                          (i in facts.offers and i not in offers)}
                self.expect(not hidden, who, f"matching run {run_id} names invisible {hidden}")
        for meeting_id in facts.meetings:
            status, body = self.get(client, who, f"/api/v1/meetings/{meeting_id}")
            self.expect(status == 200 if back else status in (403, 404), who,
                        f"meeting {meeting_id}: {status}")

        self.check_coverage(client, actor, facts, needs)
        self.check_notifications(client, actor, facts, needs, offers, assessments, allocations)

        # The validation queue (with its duplicate candidates) and the audit view.
        status, items = self.walk(client, "/api/v1/validation-queue", who)
        if status == 200:
            listed = {item["id"] for item in items}
            pairs = {c["need"] for item in items for c in item.get("possible_duplicates", [])}
            self.expect(listed <= needs and pairs <= needs, who,
                        f"validation queue shows {(listed | pairs) - needs}")
        status, items = self.walk(client, "/api/v1/audit", who, limit=200)
        self.expect((status == 200) == (who in ("back_office", "admin")), who,
                    f"/api/v1/audit answers {status}")

    def filters(self, path, records):
        if path == "/api/v1/needs":
            return [("status=published", lambda r: r["status"] == "published"),
                    ("sector=energy", lambda r: r["sector"] == "energy"),
                    ("region=UA-46&category=software",
                     lambda r: r["region"] == "UA-46" and r["category"] == "software")]
        return [("status=open", lambda r: r["status"] == "open")]

    def check_need_summary(self, who, allocation, needs, facts):
        summary = allocation.get("need_summary", {})
        need = facts.needs[allocation["need"]]
        for field in ("org", "description"):
            self.expect(field not in summary, who,
                        f"allocation {allocation['id']} shows the need's {field}")
        if allocation["need"] in needs:
            self.expect(summary.get("title") == need["title"], who,
                        f"allocation {allocation['id']} hides a visible need's title")
        else:
            self.expect("title" not in summary, who,
                        f"allocation {allocation['id']} shows an invisible need's title")

    def check_coverage(self, client, actor, facts, needs):
        who = str(actor)
        counted = [facts.needs[n] for n in needs if facts.needs[n]["status"] in COVERAGE_STATES]
        for by in ("sector", "region", "category", "priority"):
            status, body = self.get(client, who, f"/api/v1/coverage?by={by}")
            self.expect(status == 200, who, f"coverage by {by}: {status}")
            if status != 200:
                continue
            self.compare_cells(who, f"coverage by {by}", json.loads(body)["items"], counted, by,
                               suppressed_audience(actor))
        status, body = self.get(client, who, "/api/v1/coverage/unfunded")
        if status == 200:
            extra = {item["need"] for item in json.loads(body)["items"]} - needs
            self.expect(not extra, who, f"unfunded critical needs list {extra}")
        status, body = self.get(client, who, "/api/v1/coverage/donors")
        if actor.role in OFFICES:
            self.expect(status == 200, who, f"donor portfolios: {status}")
        elif actor.role == "donor":
            orgs = {item["org"] for item in json.loads(body)["items"]} if status == 200 else set()
            self.expect(status == 200 and orgs <= {actor.org}, who,
                        f"donor portfolios show {orgs - {actor.org}}")
        else:
            self.expect(status in (403, 404), who, f"donor portfolios: {status}")

    def compare_cells(self, who, what, cells, counted, by, suppress):
        expected = {}
        for need in counted:
            key = str(need[by])
            cell = expected.setdefault(key, {"count": 0, "needed": 0})
            cell["count"] += 1
            cell["needed"] += need["amount_cents"]
        shown = {str(cell["key"]): cell for cell in cells}
        self.expect(set(shown) <= set(expected), who,
                    f"{what}: cells {set(shown) - set(expected)} from no visible need")
        hidden_cells = 0
        for key, cell in shown.items():
            if cell.get("suppressed"):
                hidden_cells += 1
                self.expect(suppress and set(cell) <= {"key", "suppressed"}, who,
                            f"{what}: cell {key} suppressed wrongly or with figures {cell}")
                continue
            want = expected.get(key, {"count": -1, "needed": -1})
            self.expect(cell["count"] == want["count"] and
                        round(cell["needed"] * 100) == want["needed"], who,
                        f"{what}: cell {key} = {cell['count']}/{cell['needed']}, "
                        f"wanted {want['count']}/{want['needed'] / 100}")
            if suppress:
                self.expect(cell["count"] >= 3, who,
                            f"{what}: cell {key} of {cell['count']} records not suppressed")
        if suppress:
            # One suppressed cell could be recovered from a total learnt elsewhere.
            self.expect(hidden_cells != 1, who, f"{what}: exactly one suppressed cell")

    def check_notifications(self, client, actor, facts, needs, offers, assessments, allocations):
        who = actor.role
        status, items = self.walk(client, "/api/v1/notifications", who, limit=20)
        self.expect(status == 200, who, f"notifications: {status}")
        kinds = {"need": (needs, facts.needs), "offer": (offers, facts.offers),
                 "assessment": (assessments, facts.assessments),
                 "allocation": (allocations, facts.allocations)}
        for item in items:
            visible, records = kinds.get(item["record_type"], (set(), {}))
            record_id = item["record_id"]
            self.expect(record_id in visible, who,
                        f"notification {item['kind']} about invisible {record_id}")
            if item["record_type"] == "allocation" and record_id in records:
                need_id = records[record_id]["need"]
                if need_id not in needs:
                    self.expect(item["title"] != facts.needs[need_id]["title"], who,
                                f"notification {item['id']} shows an invisible need's title")
            elif record_id in records:
                self.expect(item["title"] == records[record_id]["title"], who,
                            f"notification {item['id']} title differs from its record")

    def walk_anonymous(self, client, facts):
        who = "anonymous"
        for path in ["/api/v1/needs", "/api/v1/offers", "/api/v1/allocations",
                     "/api/v1/assessments", "/api/v1/notifications", "/api/v1/coverage",
                     "/api/v1/audit", "/api/v1/users", "/api/v1/validation-queue",
                     f"/api/v1/needs/{next(iter(facts.needs))}"] + [
                         f"/api/v1/allocations/{report['allocation']}/reports/{rid}/attachment"
                         for rid, report in facts.attachments.items()]:
            status, body = self.get(client, who, path)
            self.expect(status == 401, who, f"{path} without sign-in: {status}")
        status, body = self.get(client, who, "/api/v1/public/summary")
        self.expect(status == 200, who, f"public summary: {status}")
        summary = json.loads(body)
        public = Actor()
        clear = {rid for rid, need in facts.needs.items()
                 if sees_marked(public, need) and need["status"] in COVERAGE_STATES}
        listed = {need["id"] for need in summary.get("needs", [])}
        self.expect(listed <= clear, who, f"public summary lists {listed - clear} wrongly")
        # Paged through (?limit=&cursor=), exactly the CLEAR needs in coverage, each once.
        paged, cursor, pages = [], None, 0
        while pages < 1000:
            target = "/api/v1/public/summary?limit=7"
            if cursor:
                target += "&cursor=" + urllib.parse.quote(cursor)
            status, body = self.get(client, who, target)
            if status != 200:
                self.fail(who, f"{target}: {status}")
                break
            page = json.loads(body)
            paged.extend(need["id"] for need in page["needs"])
            cursor, pages = page["next"], pages + 1
            if not cursor:
                break
        self.expect(len(paged) == len(set(paged)) and set(paged) == clear, who,
                    f"paged public summary lists {set(paged) ^ clear} wrongly")
        counted = [facts.needs[n] for n in clear]
        self.compare_cells(who, "public coverage", summary["coverage"]["items"], counted,
                           "sector", True)

    # --- every body, every role: no title, no id of what the reader may not see --------------

    def scan_bodies(self, actors, facts):
        marked = {}
        for kind, records in (("need", facts.needs), ("offer", facts.offers),
                              ("assessment", facts.assessments)):
            for rid, rec in records.items():
                marked[rid] = (kind, rec)
        for who, path, body in self.bodies:
            actor = actors.get(who, Actor())
            text = body.decode("utf-8", "replace")
            visible_titles = {rec["title"] for _, rec in marked.values()
                              if sees_marked(actor, rec)}
            for rid, (kind, rec) in marked.items():
                if sees_marked(actor, rec):
                    continue
                if rec["title"] not in visible_titles and json.dumps(rec["title"])[1:-1] in text:
                    self.fail(who, f"{path} shows the title of invisible {kind} {rid}")
            if path.startswith("/api/v1/audit") or path.startswith("/api/v1/allocations"):
                continue  # the trail names records by id (access.md gives it to its readers);
                # an allocation names its need and offer (api.md)
            for rid in set(ID.findall(text)):
                if rid in marked and not sees_marked(actor, marked[rid][1]):
                    self.fail(who, f"{path} names invisible {marked[rid][0]} {rid}")
            self.checks += 1


# --------------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tallinn", required=True, help="the tallinn binary")
    parser.add_argument("--keep", help="keep the database and server log in this directory")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="leak-oracle-")
    os.makedirs(work, exist_ok=True)
    db_path = os.path.join(work, "oracle.db")
    if os.path.exists(db_path):
        os.remove(db_path)
    db = "sqlite://" + db_path
    subprocess.run([args.tallinn, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "wb")
    server = subprocess.Popen([args.tallinn, "serve", "--db", db, "--listen",
                               f"127.0.0.1:{port}"], stdout=log, stderr=log)
    started = time.monotonic()
    try:
        while True:
            try:
                if Client(port).get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() - started > 30 or server.poll() is not None:
                print("leak oracle: the server did not start", file=sys.stderr)
                return 1
            time.sleep(0.1)
        oracle = Oracle(port, db_path)
        clients = {role: oracle.sign_in(role) for role in ROLES}
        oracle.create_special_records(clients, Facts(db_path))
        facts = Facts(db_path)
        oracle.run(clients, Client(port), facts)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"leak oracle: {len(facts.needs)} needs, {len(facts.offers)} offers, "
          f"{len(facts.assessments)} assessments, {len(facts.allocations)} allocations, "
          f"{len(facts.runs)} runs, {len(ROLES) + 1} readers, {len(oracle.bodies)} answers, "
          f"{oracle.checks} checks, {len(oracle.failures)} failures")
    for failure in oracle.failures[:60]:
        print("LEAK " + failure)
    return 1 if oracle.failures else 0


if __name__ == "__main__":
    sys.exit(main())
