"""``make bench`` / ``python -m bench [name ...]``: run the benchmark suite (or the named ones).

Each benchmark runs in a process of its own (some set up their own database or measure the
process's peak memory), prints what it measured, and docs/benchmarks.md and
docs/benchmarks-audit.md record a run with the machine and the command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BENCHMARKS = {
    "authorization": "bench.bench_authorization",
    "orders_http": "bench.bench_orders_http",
    "partner_store_list": "bench.bench_partner_store_list",
    "audit_export": "bench.bench_audit_export",
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    failed = []
    for name in names:
        print(f"== {name} ==", flush=True)
        result = subprocess.run([sys.executable, "-m", BENCHMARKS[name]], cwd=ROOT, check=False)
        if result.returncode:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
