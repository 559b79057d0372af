"""``make bench`` / ``python -m bench [name ...]``: run the benchmark suite (or the named ones).

Benchmarks print JSON lines; docs/benchmarks.md records a run with the machine and the command.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "authorization": "bench.bench_authorization",
    "orders_http": "bench.bench_orders_http",
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    for name in names:
        print(f"== {name} ==", flush=True)
        importlib.import_module(BENCHMARKS[name]).main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
