"""The production server: gunicorn, run inside the `glossary serve` process.

The app is created once, here, and gunicorn forks its workers from this process, so they start
with everything imported and warmed up (the pages they share stay shared) instead of each
importing the app again. Defaults come from measurements on a 2-core machine
(bench/results/workers.md): see docs/deploying.md.
"""

from __future__ import annotations

import contextvars
import gc
from collections.abc import Mapping
from typing import Any

from flask import Flask

from glossary import config, search

WORKER_CLASSES = ("sync", "gthread")


def default_workers() -> int:
    """GLOSSARY_WORKERS, else one worker per core plus one."""
    return int(config.value("WORKERS"))


def default_threads() -> int:
    """GLOSSARY_THREADS (for gthread workers), else 1."""
    return int(config.value("THREADS"))


def default_worker_class() -> str:
    """GLOSSARY_WORKER_CLASS, else sync: a search is CPU work, which threads (sharing one
    interpreter lock) only slow down; a reverse proxy in front buffers slow clients."""
    return str(config.value("WORKER_CLASS"))


def options(
    host: str, port: int, workers: int, threads: int, worker_class: str, access_log: str
) -> dict[str, str | int]:
    """The gunicorn settings for these choices."""
    settings: dict[str, str | int] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": worker_class,
        "threads": threads if worker_class == "gthread" else 1,
        "keepalive": 5,
    }
    if access_log:
        settings["accesslog"] = access_log
    return settings


def serve(app: Flask, settings: Mapping[str, Any]) -> None:
    """Warm the app up, then serve it with gunicorn until told to stop."""
    from gunicorn.app.base import BaseApplication

    search.warm_up()
    # Everything loaded so far lives as long as the process: keep the cyclic garbage collector
    # from scanning it again in every worker (a full collection of it stalls a request, and
    # writing its reference counts would unshare the pages the workers share).
    gc.freeze()

    class Server(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
        def load_config(self) -> None:
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self) -> Flask:
            return app

    # glossary serve runs inside the command line's app context. Workers forked from it would
    # reuse that context for every request (and so one `g` for all of them): they start from
    # an empty context instead, and each request pushes its own.
    contextvars.Context().run(Server().run)
