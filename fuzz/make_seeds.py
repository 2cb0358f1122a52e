#!/usr/bin/env python3
"""Writes the seed inputs of fuzz/corpus/<target>/ from documents the project
already holds: the request bodies, targets and requests of tests/cases/api,
the instances of tests/cases/match and the spec's example (../shared/spec
when present), valid cursors and realistic audit chains. Seeds are named
seed-*; regression inputs of crashes (crash-*) are added by hand and never
rewritten here. Run from the repository root: python3 fuzz/make_seeds.py"""
import base64, glob, hashlib, json, os, re, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
REQUEST_LINE = re.compile(r"^(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS) (\S+)(?: AS (\S+))?$")


def write(target, content):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(CORPUS, target, name), "wb") as out:
        out.write(data)


def case_requests():
    """(method, target, party, headers, body) of every step of the API case files."""
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/cases/api/*.case"))):
        lines = open(path, encoding="utf-8").read().split("\n")
        i = 0
        while i < len(lines):
            match = REQUEST_LINE.match(lines[i])
            i += 1
            if not match:
                continue
            headers, body = [], []
            while i < len(lines) and not lines[i].startswith("EXPECT"):
                if not body and re.match(r"^[A-Za-z-]+: ", lines[i]):
                    headers.append(lines[i])
                else:
                    body.append(lines[i])
                i += 1
            # Fixture placeholders become plausible ids.
            fill = lambda text: re.sub(r"\{\{[^}]*\}\}", "0123456789abcdef0123456789abcdef", text)
            yield (match.group(1), fill(match.group(2)), match.group(3), headers,
                   fill("\n".join(body).strip()))


def json_decoders(requests):
    for _, _, _, _, body in requests:
        if body.startswith("{"):
            write("json_decoders_fuzzer", body)


def cursor_query(requests):
    for _, target, _, _, _ in requests:
        if "?" in target:
            write("cursor_query_fuzzer", target)
    encode = lambda text: base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    write("cursor_query_fuzzer", encode("1:1764100000000:0123456789abcdef0123456789abcdef"))
    write("cursor_query_fuzzer", encode("1:42"))
    write("cursor_query_fuzzer", "/api/v1/needs?limit=2&cursor=" +
          encode("1:1764100000000:0123456789abcdef0123456789abcdef"))
    write("cursor_query_fuzzer", "/api/v1/audit?limit=200&cursor=" + encode("1:7"))


def http_request(requests):
    for method, target, party, headers, body in requests:
        lines = [f"{method} {target} HTTP/1.1", "Host: tallinn.test"]
        if party and party != "anonymous":
            lines.append("Authorization: Bearer @TOKEN@")
        lines += headers
        if body:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body.encode())}"]
        write("http_request_fuzzer", "\r\n".join(lines) + "\r\n\r\n" + body)
    # The framing forms the server must refuse (docs/security.md).
    for wire in [
        "POST /api/v1/needs HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n"
        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /api/v1/needs HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        "POST /api/v1/needs HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "POST /api/v1/needs HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer @TOKEN@\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "GET /api/v1/needs HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n folded\r\n\r\n",
        "GET /api/v1/needs HTTP/1.1\nHost: t\n\n",
        "TRACE / HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /api/v1/needs HTTP/1.1\r\nHost: t\r\nCookie: tallinn_session=@TOKEN@\r\n\r\n",
    ]:
        write("http_request_fuzzer", wire)


def match_instance():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/cases/match/**/*.json"), recursive=True)):
        write("match_instance_fuzzer", open(path, "rb").read())
    spec = os.path.join(ROOT, "..", "shared", "spec", "matching.md")
    if os.path.exists(spec):
        text = open(spec, encoding="utf-8").read()
        for block in re.findall(r"```json\n(.*?)```", text, re.S):
            if '"needs"' in block:
                write("match_instance_fuzzer", block)


def audit_chain():
    """FuzzedDataProvider input: strings from the front ("\\" + any byte ends
    one), integers from the back (so the tail is written reversed)."""
    def chain(checkpoint, entries, tamper_at, tamper_kind):
        front, back = [checkpoint + "\\ "], [len(entries) - 1]  # length in [1, 8]
        for entry in entries:
            back += list(struct.pack(">q", 1764100000000 + len(back)))  # time
            front += [field + "\\ " for field in entry]
        back += [tamper_at, tamper_kind]
        return ("".join(front)).encode() + bytes(reversed(back))
    user, org = "a" * 32, "b" * 32
    digest = hashlib.sha256(b"need").hexdigest()
    create = [user, org, "need.create", "need", "c" * 32, "ok", "amount,title", digest]
    refused = [user, org, "need.update", "need", "c" * 32, "forbidden", "", ""]
    signin = ["", "", "session.create", "", "", "ok", "", ""]
    for kind in range(7):
        write("audit_chain_fuzzer", chain("%s:3" % ("0" * 64), [create, refused, signin], 1, kind))
    write("audit_chain_fuzzer", chain("not a checkpoint", [signin], 0, 4))


requests = list(case_requests())
json_decoders(requests)
cursor_query(requests)
http_request(requests)
match_instance()
audit_chain()
