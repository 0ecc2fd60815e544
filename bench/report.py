#!/usr/bin/env python3
"""Turns one bench run's JSON lines into the table: each figure with its target, its ratio to the floor, pass/fail.

  bench/report.py RESULTS.jsonl OUT_DIR --stamp UTC --dbs sqlite,postgres [--prefix smoke-] [--note TEXT]

Writes OUT_DIR/<prefix><stamp>-<dbs>.md/.json and <prefix>latest.md/.json (smoke runs only the latter) and prints the
Markdown. Standard library only.
"""
import argparse, json, os

parser = argparse.ArgumentParser()
parser.add_argument("results")
parser.add_argument("out")
parser.add_argument("--stamp", required=True)
parser.add_argument("--dbs", required=True)
parser.add_argument("--prefix", default="")
parser.add_argument("--note", default="")
args = parser.parse_args()

lines = [json.loads(l) for l in open(args.results, encoding="utf-8") if l.strip()]
def find(db, size, metric):
    for l in lines:
        if l["db"] == db and str(l["size"]) == str(size) and l["metric"] == metric:
            return l
    return None

rows = []
def row(db, size, metric, value, unit, target="—", floor=None, passed=None, note=""):
    rows.append({"database": db, "size": size, "figure": metric, "value": value, "unit": unit, "target": target,
                 "ratio_to_floor": None if floor in (None, 0) or value is None else value / floor,
                 "floor": floor, "result": "n/a" if value is None and target != "—" else ("—" if passed is None else ("pass" if passed else "FAIL")),
                 "note": note})

def value_of(db, size, metric):
    l = find(db, size, metric)
    return None if l is None else l["value"]

def cpu_row(db, size, metric):
    """CPU per request over the timed phase and where it went (bench/ConsultDesk.Bench/CpuAccount.cs)."""
    l = find(db, size, f"{metric} CPU per request")
    if not l:
        return
    e = l["extra"]
    part = lambda name: "n/a" if e.get(name) is None else f"{e[name]:.2f}"
    row(db, size, f"{metric} CPU per request (all processes)", l["value"], "ms", "—", None, None,
        f"app {part('app')}, SMTP sink {part('sink')}, bench client {part('client')}, rest (database, kernel) {part('rest')}; "
        f"idle {e['idleShare']:.0%} of {e['cores']} cores")

# Once per run: floors, mail, suggestions.
floors = {}
for db in args.dbs.split(","):
    floors[db] = value_of(db, "-", "intake floor (raw inserts)")
    row(db, "-", "intake floor (raw inserts, case+outbox per tx)", floors[db], "tx/s")
http_floors = {}
for db in args.dbs.split(","):
    http_floors[db] = value_of(db, "-", "http floor throughput")
    if http_floors[db] is not None:
        row(db, "-", "HTTP floor (minimal Kestrel endpoint: same JSON, case+outbox per tx, 16 clients)", http_floors[db], "req/s")
        row(db, "-", "HTTP floor p95", value_of(db, "-", "http floor p95"), "ms")
        cpu_row(db, "-", "http floor")
mail_floor = value_of("sqlite", "-", "mail floor (plain MailKit loop)")
mail = value_of("sqlite", "-", "mail delivery (outbox)")
row("sqlite", "-", "mail floor (plain MailKit loop)", mail_floor, "msg/s")
row("sqlite", "-", "mail delivery (outbox)", mail, "msg/s", "≥ 70% of MailKit loop", mail_floor,
    None if mail is None or not mail_floor else mail >= 0.7 * mail_floor)
for l in lines:
    if l["metric"].startswith("match suggestions p95"):
        row(l["db"], "-", l["metric"], l["value"], "ms", "≤ 100 ms", None, l["value"] <= 100)
for l in lines:
    # 宣言書: the target reads the cold figure (every number drawn for the first time); warm is the cache.
    if l["metric"].startswith("certificate p95"):
        cold = "cold" in l["metric"]
        v = l["value"]
        row(l["db"], "-", l["metric"], v, "ms", "≤ 200 ms" if cold else "—", None, (v <= 200) if cold and v is not None else None)

# The public Action宣言 list (once per database, at --declarations accepted declarations; target at 10^5 and above).
import re
for l in lines:
    if l["metric"].startswith("public declarations seed time"):
        row(l["db"], "-", l["metric"].replace("public declarations seed time", "Action宣言 seeding"), l["value"], "s")
    if l["metric"].startswith("public declaration list") and l["metric"].endswith("p95"):
        m = re.search(r"\(([\d,]+)\)", l["metric"])
        n = int(m.group(1).replace(",", "")) if m else 0
        row(l["db"], "-", l["metric"], l["value"], "ms", "≤ 30 ms at 10^5", None, (l["value"] <= 30) if n >= 100_000 and l["value"] is not None else None)
    if l["metric"].startswith("info finder seed time"):
        row(l["db"], "-", l["metric"].replace("info finder seed time", "portal policies seeding"), l["value"], "s")
    if l["metric"].startswith("info finder") and l["metric"].endswith("p95"):
        m = re.search(r"\(([\d,]+)\)", l["metric"])
        n = int(m.group(1).replace(",", "")) if m else 0
        row(l["db"], "-", l["metric"] + " (word + two facets)", l["value"], "ms", "≤ 30 ms at 10^4", None, (l["value"] <= 30) if n >= 10_000 and l["value"] is not None else None)

sizes = []
for l in lines:
    if l["size"] != "-" and l["size"] not in sizes:
        sizes.append(l["size"])
sizes.sort(key=int)
for db in args.dbs.split(","):
    for size in sizes:
        if not any(l["db"] == db and l["size"] == size for l in lines):
            continue
        big = int(size) >= 1_000_000
        seed = find(db, size, "seed time")
        if seed:
            row(db, size, "seeding (bulk load + index rebuild)", seed["value"], "s")
        v = value_of(db, size, "intake throughput")
        floor = http_floors.get(db)
        row(db, size, "intake throughput (16 clients)", v, "req/s", "≥ 50% of HTTP floor", floor,
            None if v is None or not floor else v >= 0.5 * floor, "" if floor else "HTTP floor not measured in this run")
        row(db, size, "intake p50", value_of(db, size, "intake p50"), "ms")
        cpu_row(db, size, "intake")
        p95 = value_of(db, size, "intake p95")
        row(db, size, "intake p95", p95, "ms", "≤ 100 ms", None, None if p95 is None else p95 <= 100)
        q = value_of(db, size, "queue page p95")
        row(db, size, "queue page p95", q, "ms", "≤ 20 ms at 10^6" if big else "—", None, (q <= 20) if big and q is not None else None)
        if big:
            small = value_of(db, "10000", "queue page p95")
            if small and q is not None:
                row(db, size, "queue p95 growth 10^4 → 10^6", q / small, "×", "≤ 1.5×", None, q / small <= 1.5, f"10^4: {small:.1f} ms")
            else:
                row(db, size, "queue p95 growth 10^4 → 10^6", None, "×", "≤ 1.5×", None, None, "10^4 not measured in this run")
        s = value_of(db, size, "search p95")
        row(db, size, "search p95 (Japanese words)", s, "ms", "≤ 30 ms at 10^6" if big else "—", None, (s <= 30) if big and s is not None else None)
        x = value_of(db, size, "exact lookup p95")
        row(db, size, "exact lookup p95 (email, phone, reference)", x, "ms", "≤ 3 ms at 10^6" if big else "—", None, (x <= 3) if big and x is not None else None)
        row(db, size, "case detail p95", value_of(db, size, "case detail p95"), "ms")
        for l in lines:
            if l["db"] == db and l["size"] == size and l["metric"].startswith("report "):
                row(db, size, l["metric"] + " (median)", l["value"], "ms", "≤ 500 ms", None, None if l["value"] is None else l["value"] <= 500,
                    "404: endpoint not in this build" if l["value"] is None else "")
        rss = value_of(db, size, "peak RSS (VmHWM)")
        after = [(l["metric"][len("peak RSS after "):], l["value"]) for l in lines
                 if l["db"] == db and l["size"] == size and l["metric"].startswith("peak RSS after ")]
        row(db, size, "app peak RSS (VmHWM)", rss, "MB", "≤ 300 MB", None, None if rss is None else rss <= 300,
            "peak after each phase: " + ", ".join(f"{phase} {v:.0f}" for phase, v in after) if after else "")

def fmt(v, unit):
    if v is None:
        return "n/a"
    if unit == "×":
        return f"{v:.2f}×"
    return f"{v:,.1f} {unit}" if v < 100 else f"{v:,.0f} {unit}"

title = f"ConsultDesk benchmark {args.stamp} ({args.dbs})"
md = [f"# {title}", "", args.note, "",
      "| database | size | figure | value | target | ratio to floor | result | note |",
      "| --- | ---: | --- | ---: | --- | ---: | --- | --- |"]
for r in rows:
    ratio = "" if r["ratio_to_floor"] is None else f"{r['ratio_to_floor']:.0%}"
    size = r["size"] if r["size"] == "-" else f"{int(r['size']):,}"
    md.append(f"| {r['database']} | {size} | {r['figure']} | {fmt(r['value'], r['unit'])} | {r['target']} | {ratio} | {r['result']} | {r['note']} |")
failed = sum(1 for r in rows if r["result"] == "FAIL")
passed = sum(1 for r in rows if r["result"] == "pass")
md += ["", f"{passed} targets met, {failed} missed, {sum(1 for r in rows if r['result'] == 'n/a')} n/a."]
text = "\n".join(md) + "\n"
print(text)

os.makedirs(args.out, exist_ok=True)
document = {"title": title, "stamp": args.stamp, "dbs": args.dbs, "note": args.note, "rows": rows, "raw": lines}
names = [f"{args.prefix}latest"] if args.prefix else [f"{args.stamp}-{args.dbs.replace(',', '-')}", "latest"]
for name in names:
    with open(os.path.join(args.out, name + ".md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=2)
