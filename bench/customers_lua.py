"""Writes the wrk scripts of bench/customers.sh from customers that really exist in the database."""
import json, os, random, sys, urllib.request, urllib.parse

url, token, work, customers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
random.seed(42)


def get(path):
    req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


ids, phones, emails, names, vins, plates, people = [], [], [], [], [], [], []
top = get("/api/v1/customers?limit=1")["data"][0]["id"]
# Customers from the whole range of ids: later imports add customers without cars on top, and
# deleted ones leave gaps, so some ids answer 404 and are skipped.
for cid in random.sample(range(1, top + 1), min(1500, top)):
    if len(ids) >= 300:
        break
    try:
        c = get(f"/api/v1/customers/{cid}")
    except Exception:
        continue
    ids.append(cid)
    if c.get("phone"): phones.append(c["phone"])
    if c.get("email"): emails.append(c["email"])
    names.append((c["last_name"][:4] + " " + c["first_name"][:2]).lower())
    people.append("\t".join([c["first_name"], c["last_name"], c.get("postcode") or "", c.get("city") or ""]))
    for v in get(f"/api/v1/vehicles?customer_id={cid}")["data"]:
        vins.append(v["vin"])
        if v.get("plate"): plates.append(v["plate"])


def lua(name, paths):
    if not paths:
        sys.exit(f"no sample for {name}: the dataset has no such customers (a VIN needs customers with cars)")
    body = ",\n".join(json.dumps(p) for p in paths)
    with open(os.path.join(work, name), "w") as f:
        f.write("local paths = {\n" + body + "\n}\nmath.randomseed(os.time())\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n")


q = lambda s: "/api/v1/customers?limit=20&q=" + urllib.parse.quote(s)
lua("phone.lua", [q(p) for p in phones])
lua("email.lua", [q(e) for e in emails])
lua("name.lua", [q(n) for n in names])
lua("vin.lua", [q(v) for v in vins])
lua("plate.lua", [q(p) for p in plates])
lua("page.lua", [f"/customers/{i}" for i in ids])
with open(os.path.join(work, "lead.lua"), "w") as f:
    f.write("""
local counter = 0
local thread_id = 0
-- New people on every run: phones already taken by an open lead would be repeat inquiries,
-- which add to that lead instead of creating one (a different, slower path).
local run = math.floor(os.time() / 10) % 1000
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local n = string.format("%01d%03d%05d", (tid or 1) % 10, run, counter % 100000)
  local body = '{"first_name":"Bench","last_name":"Lead' .. counter .. '","phone":"+393' .. n .. '","source":"web_form","interest_model":"Tonale","timeframe":"now"}'
  -- a headers table replaces wrk's own (with the -H token): copy them first
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/leads", headers, body)
end
""")
# The import benchmark's people are named like the network's, so that repeated runs do not fill
# the newest customers with a handful of names (which would skew the name search measured next).
with open(os.path.join(work, "people.tsv"), "w") as f:
    f.write("\n".join(people) + "\n")
