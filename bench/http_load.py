"""HTTP under the production server: cold start, throughput and latency with wrk, worker memory.

The server is `glossary serve` (gunicorn) on a free loopback port; the load generator is wrk
(Debian's package), one thread, a fixed number of connections each sending its next request
as soon as the last is answered (closed loop, so the load is bounded by the connections),
cycling through the query mix's URLs. Each thread of wrk starts at another place in the mix.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

GLOSSARY = Path(sys.executable).parent / "glossary"
LUA = r"""
local paths, counter, started = {}, 0, 0
setup = function(thread)
  thread:set("offset", started * 97)
  started = started + 1
end
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = (offset or 0) % #paths
end
request = function()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "socket_errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def wrk_path() -> str | None:
    """Where wrk is installed, or None."""
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def paths(endpoint: str, mix: list[dict]) -> list[str]:
    """The mix's queries as request paths of an endpoint (/api/search or /search)."""
    return [f"{endpoint}?{urllib.parse.urlencode({'q': item['q']})}" for item in mix]


class Server:
    """`glossary serve` on a free port, started and stopped by this benchmark."""

    def __init__(
        self,
        database: Path,
        settings: dict[str, Any],
        log: Path,
        environment: dict[str, str] | None = None,
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [str(GLOSSARY), "serve", "--port", str(self.port), "--access-log", ""]
        for name, value in settings.items():
            command += [f"--{name.replace('_', '-')}", str(value)]
        env = {**os.environ, **(environment or {}), "GLOSSARY_DATABASE": str(database)}
        self.started = time.perf_counter()
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait(self, path: str = "/api/search?q=%E4%B8%AD", timeout: float = 60) -> float:
        """Wait for the first answer (200) to path; return seconds since the process started."""
        while time.perf_counter() - self.started < timeout:
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:
                    response.read()
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("glossary serve exited") from None
                time.sleep(0.005)
        raise RuntimeError(f"glossary serve did not answer within {timeout} s")

    def warm(self, path: str) -> None:
        """One request to path, so that a short measured run does not pay the first request's
        one-time costs (templates compiled, lexicon read): on a busy machine they can take longer
        than the whole run, which then completes no request at all."""
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            response.read()

    def workers(self) -> list[int]:
        """The process ids of gunicorn's workers (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def memory(self) -> list[dict[str, float]]:
        """Resident (RSS) and proportional (PSS: shared pages split) memory of each worker, MB."""
        found = []
        for pid in self.workers():
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            fields = {line.split(":")[0]: line.split()[1] for line in rollup[1:]}
            found.append(
                {
                    "rss_mb": round(int(fields["Rss"]) / 1024, 1),
                    "pss_mb": round(int(fields["Pss"]) / 1024, 1),
                }
            )
        return found

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the server's processes have used so far."""
        ticks = 0
        for pid in [self.process.pid, *self.workers()]:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wrk(url: str, request_paths: list[str], connections: int, seconds: float) -> dict[str, Any]:
    """Run wrk once; return requests per second and latency percentiles in ms."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "mix.lua"
        script.write_text(LUA, encoding="utf-8")
        listing = Path(folder) / "paths.txt"
        listing.write_text("\n".join(request_paths) + "\n", encoding="utf-8")
        duration = f"{max(1, round(seconds))}s"
        command = [wrk_path() or "wrk", "-t1", f"-c{connections}", f"-d{duration}"]
        output = subprocess.run(
            [*command, "--timeout", "10s", "-s", str(script), url, "--", str(listing)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return {
        "rps": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "p50_ms": round(result["p50_us"] / 1000, 2),
        "p90_ms": round(result["p90_us"] / 1000, 2),
        "p99_ms": round(result["p99_us"] / 1000, 2),
        "max_ms": round(result["max_us"] / 1000, 2),
        "requests": result["requests"],
        "errors": result["socket_errors"] + result["non2xx"],
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median throughput, and the throughput of every run."""
    ordered = sorted(runs, key=lambda r: r["rps"])
    return {**ordered[len(ordered) // 2], "rps_each": [r["rps"] for r in runs]}


def load(
    database: Path,
    settings: dict[str, Any],
    mix: list[dict],
    *,
    connections: tuple[int, ...],
    seconds: float,
    runs: int,
    log: Path,
    answer_cache_mb: float | None = None,
    card_cache_mb: float | None = None,
    measured_endpoints: tuple[str, ...] = ("/api/search", "/search"),
) -> dict[str, Any]:
    """Throughput and latency of /api/search and /search at each number of connections (the
    median of `runs` runs), the server's CPU time per request, and each worker's memory
    afterwards. answer_cache_mb: GLOSSARY_ANSWER_CACHE_MB for the server (None: its default,
    0: every answer computed); card_cache_mb: GLOSSARY_CARD_CACHE_MB (None: its default, 0:
    every card written anew)."""
    environment = {}
    if answer_cache_mb is not None:
        environment["GLOSSARY_ANSWER_CACHE_MB"] = f"{answer_cache_mb:g}"
    if card_cache_mb is not None:
        environment["GLOSSARY_CARD_CACHE_MB"] = f"{card_cache_mb:g}"
    server = Server(database, settings, log, environment)
    try:
        server.wait()
        endpoints: dict[str, Any] = {}
        for endpoint in measured_endpoints:
            request_paths = paths(endpoint, mix)
            server.warm(request_paths[0])
            if seconds >= 3:  # warm up
                wrk(server.url, request_paths, max(connections), seconds / 3)
            endpoints[endpoint] = {
                str(count): median_run(
                    [_measured(server, request_paths, count, seconds) for _ in range(runs)]
                )
                for count in connections
            }
        memory = server.memory()
    finally:
        server.stop()
    return {
        "settings": settings,
        "answer_cache_mb": answer_cache_mb,
        "card_cache_mb": card_cache_mb,
        "endpoints": endpoints,
        "workers": memory,
    }


def _measured(server: Server, request_paths: list[str], connections: int, seconds: float) -> dict:
    """One wrk run, with the server's CPU time per request: unlike requests per second, it
    hardly changes when other work shares the machine."""
    before = server.cpu_seconds()
    run = wrk(server.url, request_paths, connections, seconds)
    used = server.cpu_seconds() - before
    return {**run, "server_cpu_ms": round(used * 1000 / max(run["requests"], 1), 3)}


def cold_starts(database: Path, settings: dict[str, Any], runs: int, log: Path) -> list[float]:
    """Seconds from starting `glossary serve` to its first answer to a search, `runs` times."""
    found = []
    for _ in range(runs):
        server = Server(database, settings, log)
        try:
            found.append(round(server.wait(), 3))
        finally:
            server.stop()
    return found


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)
