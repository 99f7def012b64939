"""The OpenAPI document: well formed, listing every route the server has, each listed route
answering (not 404 or 405), and its schemas matching what the server really sends."""
from server import book, main

# DESIGN.md section 6: the routes of the contract. The ones the server has must be listed.
CONTRACT = [("POST", "/api/v1/login"), ("POST", "/api/v1/logout"), ("GET", "/api/v1/me"),
            ("GET", "/api/v1/agenda"), ("GET", "/api/v1/openapi.json"),
            ("GET", "/api/v1/healthz"), ("GET", "/api/v1/cal/{name}"),
            ("POST", "/api/v1/me/calendar"),
            ("POST", "/api/v1/deals/{id}/push"), ("POST", "/api/v1/deals/{id}/push-outcome"),
            ("POST", "/api/v1/deals/{id}/won"), ("POST", "/api/v1/deals/{id}/lost"),
            ("POST", "/api/v1/deals/{id}/no-decision"), ("POST", "/api/v1/accounts/{id}/hold"),
            ("POST", "/api/v1/deals/{id}/hold"),
            ("GET", "/api/v1/reports/winloss"), ("GET", "/api/v1/reports/push"),
            ("GET", "/api/v1/reports/pipeline"), ("GET", "/api/v1/reports/activity"),
            ("GET", "/api/v1/reports/{name}"), ("GET", "/api/v1/recall"),
            ("GET", "/api/v1/search")]
COLLECTIONS = ["accounts", "contacts", "deals", "activities", "agreements", "meetings",
               "claims", "statements", "invoices", "users"]
for _c in COLLECTIONS:
    CONTRACT += [("GET", "/api/v1/" + _c), ("POST", "/api/v1/" + _c),
                 ("GET", "/api/v1/%s/{id}" % _c), ("PATCH", "/api/v1/%s/{id}" % _c),
                 ("DELETE", "/api/v1/%s/{id}" % _c)]
KIND = {"accounts": "Account", "contacts": "Contact", "deals": "Deal",
        "activities": "Activity", "agreements": "Agreement", "meetings": "Meeting",
        "claims": "Claim", "statements": "Statement", "invoices": "Invoice", "users": "User"}


def setup(srv):
    srv.admin = srv.user("Ada Admin", "ada@example.com", "admin", "north")
    r = srv.client().get("/api/v1/openapi.json")
    srv.doc_response = r
    srv.doc = r.json
    return srv


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        parts = node["$ref"].lstrip("#/").split("/")
        node = doc
        for p in parts:
            node = node[p]
    return node


def validate(doc, schema, value, where="$"):
    """A small JSON Schema check (type, enum, required, properties, additionalProperties,
    items, minimum, minLength, $ref): answers a list of problems."""
    s = resolve(doc, schema)
    errors = []
    types = s.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        pytype = {dict: "object", list: "array", str: "string", bool: "boolean",
                  type(None): "null", float: "number"}.get(type(value))
        if isinstance(value, int) and not isinstance(value, bool):
            pytype = "integer"
        if pytype not in types and not (pytype == "integer" and "number" in types):
            return ["%s: %r is not %s" % (where, value, types)]
    if "enum" in s and value not in s["enum"]:
        errors.append("%s: %r not in %r" % (where, value, s["enum"]))
    if isinstance(value, int) and "minimum" in s and value < s["minimum"]:
        errors.append("%s: %r < minimum" % (where, value))
    if isinstance(value, str) and len(value) < s.get("minLength", 0):
        errors.append("%s: too short" % where)
    if isinstance(value, dict):
        for k in s.get("required", []):
            if k not in value:
                errors.append("%s: missing %s" % (where, k))
        props = s.get("properties", {})
        for k, v in value.items():
            if k in props:
                errors += validate(doc, props[k], v, where + "." + k)
            elif s.get("additionalProperties") is False:
                errors.append("%s: unexpected member %s" % (where, k))
    if isinstance(value, list) and "items" in s:
        for i, v in enumerate(value):
            errors += validate(doc, s["items"], v, "%s[%d]" % (where, i))
    return errors


def test_document(t, srv):
    r, doc = srv.doc_response, srv.doc
    t.status(r, 200, "openapi.json is public")
    t.eq(r.header("Content-Type"), "application/json", "JSON")
    t.eq(doc.get("openapi"), "3.1.0", "OpenAPI 3.1")
    t.check(doc.get("info", {}).get("title") and doc["info"].get("version"), "info")
    schemes = doc["components"]["securitySchemes"]
    t.eq(schemes.get("session", {}).get("in"), "cookie", "a cookie session scheme")
    t.eq(schemes.get("bearer", {}).get("scheme"), "bearer", "a bearer scheme")
    t.eq(schemes.get("csrf", {}).get("name"), "X-CSRF-Token", "the CSRF header")
    err = doc["components"]["schemas"]["Error"]
    t.eq(set(err["properties"]["error"]["properties"]), {"code", "message", "field"},
         "the error schema")
    op_ids = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            where = "%s %s" % (method.upper(), path)
            op_ids.append(op.get("operationId"))
            t.check(op.get("summary"), where + ": a summary")
            t.check(op.get("responses") and any(k.startswith("2") for k in op["responses"]),
                    where + ": a success answer")
            for want in [p[1:-1] for p in path.split("/") if p.startswith("{")]:
                t.check(any(p["name"] == want and p["in"] == "path"
                            for p in op.get("parameters", [])), where + ": parameter " + want)
            public = op.get("security") == []
            t.eq("401" in op["responses"], not public or path.endswith("/login"),
                 where + ": 401 listed unless public")
            for ref in refs(op):
                try:
                    resolve(doc, {"$ref": ref})
                except (KeyError, TypeError):
                    t.check(False, where + ": $ref resolves: " + ref)
    t.eq(len(op_ids), len(set(op_ids)), "operationIds are unique")
    public = {p for p, item in doc["paths"].items() for op in item.values()
              if op.get("security") == []}
    t.eq(public, {"/api/v1/healthz", "/api/v1/login", "/api/v1/cal/{name}",
                  "/api/v1/openapi.json"}, "the public routes")


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def route_exists(srv, method, path):
    """Whether the server has METHOD PATH: anything but its 'no such route' answers."""
    concrete = path.replace("{id}", "999999").replace("{name}", "x")
    r = srv.admin.request(method, concrete, {} if method in ("POST", "PATCH") else None)
    return not (r.status in (404, 405) and r.error().get("message") in
                ("no such route", "method not allowed on this route"))


def test_every_route_listed(t, srv):
    listed = {(m.upper(), p) for p, item in srv.doc["paths"].items() for m in item}
    for method, path in CONTRACT:
        if route_exists(srv, method, path):
            t.check((method, path) in listed or
                    (method, path.rsplit("/", 1)[0] + "/{name}") in listed,
                    "the server has %s %s: it is listed" % (method, path))
    for coll in COLLECTIONS:
        t.check(("GET", "/api/v1/" + coll) in listed, coll + " is listed")


def test_every_listed_route_answers(t, srv):
    """Each listed route, with real ids and harmless bodies: never 404 or 405."""
    ids = book(srv.admin, "Probe")
    ids["users"] = srv.admin.id
    deletes = []
    for path, item in srv.doc["paths"].items():
        coll = path.split("/")[3]
        names = {"reports": lambda: "winloss", "templates": lambda: "push",
                 "exports": lambda: "contacts.csv",
                 "agenda": lambda: "no-next-step:%d" % ids["deals"],  # the secret as it is now: one route rotates it
                 "cal": lambda: srv.admin.get("/api/v1/me").json["calendar_url"].rsplit("/")[-1]}
        concrete = path.replace("{id}", str(ids.get(coll, 0)))
        if "{name}" in path:
            concrete = concrete.replace("{name}", names.get(coll, lambda: "x")())
        for method in item:
            if method == "delete":
                deletes.append((coll, concrete))
                continue
            body = {} if method in ("post", "patch") else None
            if path.endswith("/logout"):
                continue  # would end nothing for a token, but keep the admin's state
            r = srv.admin.request(method.upper(), concrete, body)
            t.check(r.status not in (404, 405), "%s %s answers (%d)" % (method.upper(), path,
                                                                         r.status), r)
            if r.status < 300 and r.header("Content-Type") == "application/json":
                answer = item[method]["responses"].get(str(r.status), {})
                schema = answer.get("content", {}).get("application/json", {}).get("schema")
                if schema and not path.endswith("openapi.json"):
                    problems = validate(srv.doc, schema, r.json)
                    t.eq(problems, [], "%s %s: the answer fits its schema" % (method.upper(),
                                                                               path))
    t.status(srv.admin.post("/api/v1/logout"), 200, "logout answers")
    order = ["templates", "statements", "claims", "meetings", "agreements", "activities", "invoices",
             "contacts", "deals", "accounts", "users", "me"]
    extra = srv.user("Del Etable", "del@example.com", "rep", "north")
    # What belongs to a record (its hold) goes before the record.
    for coll, concrete in sorted(deletes, key=lambda d: (order.index(d[0]), -d[1].count("/"))):
        if coll == "users":
            concrete = "/api/v1/users/%d" % extra.id
        if coll == "me":  # the admin's own token, revoked last
            concrete = "/api/v1/me/tokens/%d" % srv.admin.get("/api/v1/me/tokens").json[
                "items"][-1]["id"]
        r = srv.admin.delete(concrete + "?force=true")
        t.check(r.status not in (404, 405), "DELETE %s answers (%d)" % (concrete, r.status), r)


def test_schemas_match_records(t, srv):
    """Each kind's schema has exactly the members the server sends, and bodies the schemas
    describe are taken."""
    ids = book(srv.admin, "Shape")
    ids["users"] = srv.admin.id
    schemas = srv.doc["components"]["schemas"]
    for coll, kind in KIND.items():
        rec = srv.admin.get("/api/v1/%s/%d" % (coll, ids[coll])).json
        t.eq(set(schemas[kind]["properties"]), set(rec), kind + ": the members of a record")
        t.eq(validate(srv.doc, schemas[kind], rec), [], kind + ": a record fits")
        lst = srv.admin.get("/api/v1/" + coll).json
        t.eq(validate(srv.doc, schemas[kind + "List"], lst), [], kind + "List fits")
        create = schemas[kind + "Create"]
        t.check(set(create["required"]) <= set(create["properties"]),
                kind + "Create: required members are properties")
        t.check(not set(schemas[kind + "Patch"].get("required", [])), kind + "Patch: optional")
        body = {k: v for k, v in rec.items() if k in create["properties"]}
        if coll == "users":
            body.update(email="copy@example.com", password="a long enough password")
        r = srv.admin.post("/api/v1/" + coll, body)
        t.check(r.status in (201, 409), kind + ": a body of its Create members is taken", r)
    t.eq(schemas["AccountCreate"]["required"], ["name"], "an account needs a name")
    t.eq(sorted(schemas["MeetingCreate"]["required"]), ["at", "deal_id", "kind", "minutes"],
         "what a meeting needs")
    t.eq(schemas["Account"]["properties"]["trigger"]["enum"],
         ["moving", "new-office", "growth", "new-staff", "contract-ending", "referral",
          "inbound", "cold-call", "other", None], "enums come from the vocabularies")
    t.eq(schemas["Deal"]["properties"]["stage"]["enum"],
         ["lead", "qualified", "meeting", "proposal", "negotiation", "won", "lost",
          "no-decision"], "deal stages")
    t.check("password" in schemas["UserCreate"]["required"], "a new user needs a password")
    t.check("password" not in schemas["User"]["properties"], "a user is sent without one")
    for path, item in srv.doc["paths"].items():
        if path.count("/") == 5 and "{id}" in path and "post" in item:
            body = item["post"].get("requestBody", {}).get("content", {}).get(
                "application/json", {}).get("schema")
            t.check(body is not None and body.get("type") == "object",
                    "the action %s documents its body" % path)


main([test_document, test_every_route_listed, test_schemas_match_records,
      test_every_listed_route_answers], setup)
