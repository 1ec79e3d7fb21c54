"""Run a command and write its processor time and peak memory (JSON) to a file, measured from
this small process: a command started straight from a large one (bench/grown.py holds the
100,000 generated entries) is charged that process's memory as its own peak, since Linux keeps
the high-water mark of resident memory across fork and exec. That made every import's peak
the benchmark's own 587-591 MB, whatever the import's code.

Usage: python bench/peak.py FIGURES COMMAND...
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main(argv: list[str]) -> int:
    """Run the command, write its figures, exit with its status."""
    figures, command = argv[0], argv[1:]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    with open(figures, "w", encoding="utf-8") as file:
        json.dump(
            {
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
                "peak_megabytes": round(usage.ru_maxrss / 1024, 1),
            },
            file,
        )
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
