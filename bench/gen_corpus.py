#!/usr/bin/env python3
"""Generates a corpus of synthetic submission folders for benchmarks and scale tests.

usage: gen_corpus.py OUT_DIR COUNT [--seed N] [--defect-rate 0.3]

OUT_DIR/agency-XX/seller-NNNNN/ each hold one submission in the format the README describes,
as an agency repository would. About --defect-rate of them carry 1-3 realistic defects.
Deterministic for a given seed. Attachments are tiny valid PDFs.
"""
import argparse, os, random

ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PDF = b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

CITIES = ["深圳市", "广州市", "东莞市", "宁波市", "义乌市", "杭州市", "厦门市", "苏州市"]
WORDS = ["华彩", "星辰", "远航", "金桥", "海纳", "博远", "恒通", "联创", "鼎盛", "优品"]
TRADES = ["科技", "电子", "贸易", "家居", "户外用品", "汽车配件"]
MARKETS = {
    "ES": ("CP {:05d}", 28001, "+34 91{:07d}", "es", "Europe/Madrid", "mon-fri", "CE", True),
    "FR": ("{:05d}", 75001, "+33 1{:08d}", "fr", "Europe/Paris", "mon-fri", "CE", True),
    "BR": ("CEP {:05d}-100", 1310, "+55 11{:08d}", "pt", "America/Sao_Paulo", "mon-fri", "ANATEL", False),
    "SA": ("{:05d}", 11564, "+966 11{:07d}", "ar", "Asia/Riyadh", "sun-thu", "SASO", False),
    "KR": ("{:05d}", 3051, "+82 10{:08d}", "ko", "Asia/Seoul", "mon-fri", "KC", False),
    "MX": ("{:05d}", 6600, "+52 55{:08d}", "es", "America/Mexico_City", "mon-fri", "NOM", False),
    "PL": ("00-{:03d}", 950, "+48 22{:07d}", "pl", "Europe/Warsaw", "mon-fri", "CE", True),
    "IT": ("{:05d}", 144, "+39 06{:08d}", "it", "Europe/Rome", "mon-fri", "CE", True),
    "DE": ("{:05d}", 26133, "+49 30{:08d}", "de", "Europe/Berlin", "mon-fri", "CE", True),
}


def uscc(r):
    body = "9144" + "".join(r.choice("0123456789") for _ in range(4)) + "".join(
        r.choice(ALPHA) for _ in range(9))
    s = sum(ALPHA.index(c) * w for c, w in zip(body, W))
    return body + ALPHA[(31 - s % 31) % 31]


def submission(r, defects):
    city = r.choice(CITIES)
    entity = f"{city}{r.choice(WORDS)}{r.choice(TRADES)}有限公司"
    code = uscc(r)
    markets = r.sample(sorted(MARKETS), r.randint(1, 4))
    f = {}
    level = 2 if "store" in defects else r.randint(3, 5)
    f["submission.yaml"] = (
        "program: cooperation\napplicant:\n"
        f"  store_id: \"{r.randint(10**9, 10**10 - 1)}\"\n  store_level: {level}\n"
        f"  positive_feedback_90d: {r.uniform(96.6, 99.9):.1f}\n  dispute_rate: {r.uniform(0.05, 0.79):.2f}\n"
        f"  annual_export_usd: {r.randint(300, 5000) * 1000}\n"
        "  categories: [consumer-electronics, home-garden]\n"
        f"markets: [{', '.join(markets)}]\nsubmitted_on: 2026-11-20\n")
    f["license.yaml"] = (
        f"entity_name: {entity}\nuscc: {code}\nentity_type: limited-company\n"
        f"legal_representative: 李{r.choice(['明', '华', '强', '静'])}\nregistered_on: 20{r.randint(10, 22)}-0{r.randint(1, 9)}-1{r.randint(0, 9)}\n"
        "valid_until: long-term\nbusiness_scope: 产品研发与销售;货物及技术进出口\nscan: attachments/license.pdf\n")
    decl = ""
    att = ["license.pdf"]
    for i in range(r.randint(3, 8)):
        n = f"5316{2026}0{r.randint(10**8, 10**9 - 1)}"
        name = entity if not ("agent" in defects and i == 0) else entity.replace("有限公司", "供应链有限公司")
        decl += (f"  - number: \"{n}\"\n    direction: export\n    declared_on: 2026-{r.randint(6, 10):02d}-{r.randint(10, 28)}\n"
                 f"    consignor_name: {name}\n    consignor_uscc: {code}\n    scan: attachments/declarations/{n}.pdf\n")
        att.append(f"declarations/{n}.pdf")
    f["customs.yaml"] = f"registration:\n  code: \"4403960K{r.randint(10, 99)}\"\n  entity_name: {entity}\ndeclarations:\n{decl}"
    ret, svc, ful, certs, epr = "addresses:\n", "languages:\n", "monthly_gmv_usd: 60000\nprepayment_budget_usd: 120000\nmarkets:\n", "certificates:\n", "epr:\n"
    langs = {}
    for m in markets:
        postal, base, phone, lang, tz, week, cert, eu = MARKETS[m]
        pc = postal.format(base + r.randint(0, 8))
        if "postal" in defects and m in ("ES", "BR"):
            pc = pc.replace("CP ", "").replace("CEP ", "")
        ret += (f"  - market: {m}\n    recipient: Returns Partner {m}\n    contact_name: Agent {r.randint(1, 99)}\n"
                f"    phone: \"{phone.format(r.randint(0, 10**7 - 1))}\"\n    street: Main Street {r.randint(1, 300)}\n"
                f"    city: Capital\n    postal_code: \"{pc}\"\n    country: {m}\n")
        langs.setdefault(lang, []).append((m, tz, week))
        ful += (f"  - market: {m}\n    mode: local-warehouse\n    warehouse: platform\n    carrier: Local Post\n"
                f"    stock_sync_interval: {r.choice(['15m', '30m', '1h'])}\n"
                "    return_plan: Returns are received at the regional hub and refunded within 24 hours.\n")
        certs += (f"  - type: {cert}\n    number: \"C-{r.randint(1000, 9999)}\"\n    issuer: Lab\n    markets: [{m}]\n"
                  f"    valid_until: 2027-0{r.randint(1, 9)}-15\n    scan: attachments/{cert.lower()}-{m.lower()}.pdf\n")
        att.append(f"{cert.lower()}-{m.lower()}.pdf")
        if eu:
            epr += f"  - market: {m}\n    number: \"EPR-{m}-{r.randint(10000, 99999)}\"\n"
    for lang, ms in langs.items():
        sla = "尽快" if ("sla" in defects and lang == "ar") else r.choice(["90m", "2h", "4h"])
        if lang == "ar" and sla == "4h":
            sla = "2h"
        svc += (f"  - language: {lang}\n    markets: [{', '.join(m for m, _, _ in ms)}]\n    first_response: {sla}\n"
                f"    calendar: working-days\n    working_week: {ms[0][2]}\n    timezone: {ms[0][1]}\n    staffing: native\n")
    svc += "returns_handling:\n  first_response: 12h\n"
    f["returns.yaml"], f["service.yaml"], f["fulfillment.yaml"] = ret, svc, ful
    if r.random() < 0.5:
        certs += "  - type: ISO9001\n    number: \"QMS-1\"\n    issuer: SGS\n    valid_until: 2028-01-01\n    scan: attachments/iso9001.pdf\n"
        att.append("iso9001.pdf")
    f["compliance.yaml"] = certs + (epr if epr != "epr:\n" else "")
    for a in att:
        f["attachments/" + a] = PDF
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--defect-rate", type=float, default=0.3)
    a = ap.parse_args()
    r = random.Random(a.seed)
    for i in range(a.count):
        defects = set()
        if r.random() < a.defect_rate:
            defects = set(r.sample(["store", "agent", "postal", "sla"], r.randint(1, 3)))
        d = os.path.join(a.out, f"agency-{i % 50:02d}", f"seller-{i:05d}")
        for rel, content in submission(r, defects).items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as fh:
                fh.write(content if isinstance(content, bytes) else content.encode("utf-8"))
    print(f"{a.count} submissions in {a.out}")


if __name__ == "__main__":
    main()
