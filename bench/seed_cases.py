#!/usr/bin/env python3
"""Bulk-loads realistic cases straight into a migrated ConsultDesk database, for measuring the queue and search.

  bench/seed_cases.py sqlite PATH/consultdesk.db COUNT
  bench/seed_cases.py postgres "host=127.0.0.1 port=5432 user=consultdesk dbname=consultdesk" COUNT   (uses psql \\copy)

The schema must exist (start the app once against the database). Rows mirror what the app writes: the case, its
topics and its search document (the same bigram tokens as SearchText.cs). Standard library only.
"""
import csv, io, os, random, subprocess, sys, unicodedata, uuid
from datetime import datetime, timedelta, timezone

random.seed(42)
FAMILY = ["髙橋", "佐藤", "鈴木", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]
FAMILY_KANA = ["タカハシ", "サトウ", "スズキ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト", "イノウエ", "キムラ", "ハヤシ", "サイトウ", "シミズ"]
GIVEN = [("一郎", "イチロウ"), ("花子", "ハナコ"), ("𠮷子", "ヨシコ"), ("健太", "ケンタ"), ("美咲", "ミサキ"), ("大輔", "ダイスケ"), ("陽菜", "ヒナ"), ("翔", "ショウ")]
ORGS = ["株式会社サンプル", "合同会社テレワーク研究所", "株式会社みらいワークス", "有限会社ふるさと商事", "株式会社デジタル田園", "一般社団法人地域共創ネット", "株式会社ワーケーションラボ"]
CITIES = ["札幌市", "函館市", "松江市", "富士市", "みなかみ町", "南相馬市", "千曲市", "青森市", "秋田市", "高知市"]
SUBJECTS = ["サテライトオフィス誘致のご相談", "社内テレワーク規程の整備について", "交付金の活用方法", "移住とテレワークの両立", "ワーケーションの受け入れ", "セキュリティ対策の進め方", "進出先自治体の支援制度", "企業とのマッチング希望", "Action宣言の手続き", "労務管理の相談"]
TOPICS = ["satellite-office", "subsidies", "matching", "relocation", "workation", "telework-rules", "labour-management", "ict-security", "office-search", "action-declaration", "other"]
STATUSES = ["new"] * 8 + ["triaged"] * 6 + ["in-consultation"] * 6 + ["in-support"] * 4 + ["matching"] * 2 + ["waiting-on-inquirer"] * 3 + ["resolved"] * 20 + ["closed"] * 51
TYPES = ["municipality", "company", "company", "worker", "other"]

def runs(text):
    run = []
    for ch in text:
        if unicodedata.category(ch)[0] == "L" or unicodedata.category(ch) == "Nd":  # as .NET Rune.IsLetterOrDigit
            run.append(ch)
        elif run:
            yield run
            run = []
    if run:
        yield run

def normalize(text):
    return unicodedata.normalize("NFKC", text).lower()

def tokens(fields):
    out = []
    for f in fields:
        if not f:
            continue
        for run in runs(normalize(f)):
            out.extend(run[i] + run[i + 1] for i in range(len(run) - 1))
            out.append(run[-1])
    return " ".join(out)

def cases(count):
    start = datetime(2023, 4, 1, tzinfo=timezone.utc)
    span = (datetime(2026, 11, 20, tzinfo=timezone.utc) - start).total_seconds()
    seq_by_year = {}
    for i in range(count):
        submitted = start + timedelta(seconds=span * i / count + random.random())
        year = (submitted + timedelta(hours=9)).year
        seq_by_year[year] = seq_by_year.get(year, 0) + 1
        reference = f"CD-{year}-{seq_by_year[year]:06d}"
        status = random.choice(STATUSES)
        kind = random.choice(TYPES)
        fam = random.randrange(len(FAMILY))
        given, given_kana = random.choice(GIVEN)
        org = random.choice(CITIES) if kind == "municipality" else random.choice(ORGS) if kind == "company" else None
        subject = random.choice(SUBJECTS) + f"（{random.randint(1, 999)}）"
        message = f"{org or ''}の{FAMILY[fam]}です。{subject}について相談させてください。①②③の資料を用意しています。"
        first_due = submitted + timedelta(days=2 + random.random())
        resolution_due = submitted + timedelta(days=28)
        open_ = status not in ("resolved", "closed")
        responded = None if status == "new" else submitted + timedelta(hours=random.randint(1, 30))
        due = (first_due if responded is None else resolution_due) if open_ else datetime(9999, 12, 31, tzinfo=timezone.utc)
        yield {
            "Id": str(uuid.UUID(int=random.getrandbits(128), version=4)), "Reference": reference, "Status": status, "InquirerType": kind, "OrganizationName": org,
            "FamilyName": FAMILY[fam], "GivenName": given, "FamilyNameKana": FAMILY_KANA[fam], "GivenNameKana": given_kana,
            "Email": f"user{i}@example.jp", "PrefectureCode": f"{random.randint(1, 47):02d}", "Subject": subject, "Message": message,
            "SubmittedAt": submitted, "UpdatedAt": submitted + timedelta(hours=random.randint(0, 500)), "FirstResponseDueAt": first_due,
            "ResolutionDueAt": resolution_due, "FirstRespondedAt": responded, "DueAt": due,
            "Topic": random.choice(TOPICS),
        }

COLUMNS = ["Id", "Reference", "Status", "Source", "Language", "SubmittedAt", "UpdatedAt", "Version", "InquirerType", "OrganizationName",
           "FamilyName", "GivenName", "FamilyNameKana", "GivenNameKana", "Email", "EmailNormalized", "PrefectureCode", "PreferredChannel",
           "PreferredSlots", "Subject", "Message", "PrivacyConsentAt", "FirstResponseDueAt", "ResolutionDueAt", "FirstRespondedAt", "DueAt"]

def row(c, fmt_time, fmt_id):
    values = {
        **c, "Id": fmt_id(c["Id"]), "Source": "api", "Language": "ja", "Version": 1, "EmailNormalized": c["Email"],
        "PreferredChannel": "email", "PreferredSlots": "[]", "PrivacyConsentAt": c["SubmittedAt"],
    }
    return [fmt_time(values[k]) if isinstance(values[k], datetime) else values[k] for k in COLUMNS]

def search_row(c, fmt_id):
    fields = [c["Subject"], c["Message"], c["OrganizationName"], None, c["FamilyName"], c["GivenName"], c["FamilyNameKana"], c["GivenNameKana"], c["Email"], c["Reference"]]
    key = int(c["Reference"][3:7]) * 1_000_000 + int(c["Reference"][8:])
    return [key, fmt_id(c["Id"]), tokens(fields), "\n".join(normalize(f) for f in fields if f)]

def sqlite(path, count):
    import sqlite3
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    fmt_time = lambda d: d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f").rstrip("0").rstrip(".")
    fmt_id = lambda g: g.upper()
    batch = []
    for c in cases(count):
        batch.append(c)
        if len(batch) == 10_000:
            flush_sqlite(db, batch, fmt_time, fmt_id)
            batch = []
    flush_sqlite(db, batch, fmt_time, fmt_id)
    db.execute("ANALYZE")
    db.commit()

def flush_sqlite(db, batch, fmt_time, fmt_id):
    placeholders = ",".join("?" * len(COLUMNS))
    db.executemany(f'INSERT INTO "Cases" ({",".join(chr(34) + c + chr(34) for c in COLUMNS)}) VALUES ({placeholders})', [row(c, fmt_time, fmt_id) for c in batch])
    db.executemany('INSERT INTO "CaseTopics" ("CaseId", "Topic") VALUES (?, ?)', [(fmt_id(c["Id"]), c["Topic"]) for c in batch])
    db.executemany('INSERT INTO "CaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text") VALUES (?, ?, ?, ?)', [search_row(c, fmt_id) for c in batch])
    db.commit()

def postgres(conninfo, count):
    fmt_time = lambda d: d.astimezone(timezone.utc).isoformat()
    fmt_id = lambda g: g
    for table, columns, produce in [
        ("Cases", COLUMNS, lambda c: row(c, fmt_time, fmt_id)),
        ("CaseTopics", ["CaseId", "Topic"], lambda c: [c["Id"], c["Topic"]]),
        ("CaseSearchDocuments", ["Id", "CaseId", "Tokens", "Text"], lambda c: search_row(c, fmt_id)),
    ]:
        random.seed(42)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for c in cases(count):
            writer.writerow(["" if v is None else v for v in produce(c)])
        columns_sql = ",".join(f'"{c}"' for c in columns)
        subprocess.run(["psql", conninfo, "-q", "-v", "ON_ERROR_STOP=1", "-c", f'\\copy "{table}" ({columns_sql}) FROM STDIN WITH (FORMAT csv)'],
                       input=buffer.getvalue().encode("utf-8"), check=True)
    subprocess.run(["psql", conninfo, "-q", "-c", "ANALYZE \"Cases\", \"CaseTopics\", \"CaseSearchDocuments\""], check=True)

if __name__ == "__main__":
    kind, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    (sqlite if kind == "sqlite" else postgres)(target, count)
    print(f"seeded {count} cases into {kind}")
