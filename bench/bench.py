"""Times selfcheck over generated corpora; see bench/run.sh."""
import argparse, os, platform, statistics, subprocess, sys, time

DOCUMENTS = ["submission", "license", "customs", "returns", "service", "fulfillment", "compliance"]


# Runs in a fresh, small interpreter: a child's peak memory (ru_maxrss) starts from whatever its
# parent held when it was spawned, and this script holds the list of every corpus file.
MEASURE = """
import os, sys, time
devnull = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss)
"""


def measure(cmd, env=None):
    """Wall seconds and peak resident memory (MiB) of one run of `cmd`."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True,
                         env=env)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib) / 1024


def best(cmd, runs, env=None):
    """Median wall time and the largest peak memory over `runs` runs (after one warm-up)."""
    measure(cmd, env)
    results = [measure(cmd, env) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--binary", help="the selfcheck to time (default: the release build), e.g. an older "
                    "build to compare with in the same run")
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    a = ap.parse_args()
    selfcheck = a.binary or os.path.join(a.root, "target/release/selfcheck")
    gen = os.path.join(a.root, "bench/gen_corpus.py")
    schemas = os.path.join(a.work, "schemas")
    os.makedirs(schemas, exist_ok=True)
    for doc in DOCUMENTS:
        with open(os.path.join(schemas, f"{doc}.json"), "w") as f:
            subprocess.run([selfcheck, "schema", doc], stdout=f, check=True)

    rows = []
    for n in a.sizes:
        corpus = os.path.join(a.work, f"corpus-{n}")
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, gen, corpus, str(n)], check=True, stdout=subprocess.DEVNULL)
        files = [os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs]
        list_file = os.path.join(a.work, f"files-{n}.txt")
        with open(list_file, "w") as f:
            f.write("\0".join(files))
        cat_t, _ = best(["sh", "-c", f"xargs -0 cat < {list_file} > /dev/null"], a.runs)
        sc_t, sc_mem = best([selfcheck, "lint", corpus, "--format", "json"], a.runs)
        one = dict(os.environ, RAYON_NUM_THREADS="1")
        sc1_t, _ = best([selfcheck, "lint", corpus, "--format", "json"], a.runs, one)
        row = {"n": n, "files": len(files), "cat": cat_t, "selfcheck": sc_t, "one": sc1_t, "mem": sc_mem,
               "cjs": None}
        if n <= 1000:
            # check-jsonschema on the same YAML documents, one call per document type.
            def cjs():
                for doc in DOCUMENTS:
                    docs = [f for f in files if os.path.basename(f) == f"{doc}.yaml"]
                    subprocess.run([os.path.join(a.work, "venv/bin/check-jsonschema"), "--schemafile",
                                    os.path.join(schemas, f"{doc}.json"), *docs],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times = []
            for _ in range(a.runs):
                start = time.perf_counter()
                cjs()
                times.append(time.perf_counter() - start)
            row["cjs"] = statistics.median(times)
        rows.append(row)

    print(f"Machine: {machine()}. Each figure the median of {a.runs} runs (after a warm-up for "
          "cat and selfcheck); page cache warm.\n")
    print("| submissions | files | cat (I/O floor) | selfcheck, 1 thread | selfcheck, all threads | ÷ floor "
          "| check-jsonschema | selfcheck speed-up | peak memory |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cjs = f"{r['cjs']:.1f} s" if r["cjs"] else "—"
        speed = f"{r['cjs'] / r['selfcheck']:.0f}×" if r["cjs"] else "—"
        print(f"| {r['n']:,} | {r['files']:,} | {r['cat']:.3f} s | {r['one']:.3f} s | {r['selfcheck']:.3f} s | "
              f"{r['selfcheck'] / r['cat']:.2f}× | {cjs} | {speed} | {r['mem']:.0f} MiB |")
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        print(f"\nPeak memory at {large['n']:,} is {large['mem'] / small['mem']:.2f}× that at {small['n']:,}.")


if __name__ == "__main__":
    main()
