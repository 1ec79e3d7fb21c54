"""Large uploads on /import run as jobs: the request keeps the file and answers at once, a
process of its own checks and imports it, the job page shows its progress and then the same
report as the import page; only the uploader (and admins) see a job."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import time

import pytest

from glossary import store
from glossary.exchange import jobs, runner
from glossary.web.views import exchange as exchange_views
from tests.helpers import add_account, csrf_token, html, login

CSV = (
    "english,simplified,kind,pinyin,source_1_quote,source_1_title,source_1_published\n"
    "Good,戊项,term,,q,t,2026\n"
    "Also good,庚项,term,,q,t,2026\n"
    "Bad,己项,term,xyzq,q,t,2026\n"
)
LEFT_OUT = ["line 4, column pinyin: 'xyzq' is not Hanyu Pinyin"]


@pytest.fixture
def launched(accounts_app, monkeypatch) -> list[str]:
    """Every upload is a job; the jobs each request launches, not started (the test runs them)."""
    accounts_app.config["IMPORT_JOB_KB"] = 0
    started: list[str] = []
    monkeypatch.setattr(exchange_views, "launch_job", started.append)
    return started


def upload(client, raw: bytes, name: str = "terms.csv", **fields):
    data = {"csrf_token": csrf_token(client, "/import"), "file": (io.BytesIO(raw), name)}
    return client.post("/import", data={**data, **fields}, content_type="multipart/form-data")


def run(app, job_id: str) -> str | None:
    return runner.run(app.config["DATABASE"], app.config["IMPORT_FOLDER"], job_id)


def live(db, english: str) -> int:
    sql = "SELECT count(*) FROM entry WHERE english = ? AND deleted IS NULL"
    return db.execute(sql, [english]).fetchone()[0]


def job_row(db, job_id: str) -> dict:
    return store.get_job(db, job_id)


def test_a_large_upload_is_kept_and_answered_at_once(editor_client, launched, db, accounts_app):
    response = upload(editor_client, CSV.encode())
    assert response.status_code == 303
    assert len(launched) == 1
    job_id = launched[0]
    assert response.headers["Location"] == f"/import/jobs/{job_id}"
    row = job_row(db, job_id)
    assert (row["state"], row["file_name"], row["format"], row["dry_run"]) == (
        "waiting",
        "terms.csv",
        "csv",
        1,
    )
    kept = jobs.upload_path(accounts_app.config["IMPORT_FOLDER"], job_id)
    assert kept.read_bytes() == CSV.encode()
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    page = html(editor_client.get(f"/import/jobs/{job_id}"))
    assert page.select_one(".job-phase").text == "Waiting to start"
    refresh = page.select_one("head noscript")
    assert refresh is not None and 'http-equiv="refresh"' in refresh.decode_contents()
    assert live(db, "Good") == 0


def test_a_small_upload_keeps_the_page_s_own_dry_run(editor_client, launched, accounts_app):
    accounts_app.config["IMPORT_JOB_KB"] = 1
    response = upload(editor_client, CSV.encode(), skip_invalid="y")
    assert response.status_code == 200
    assert launched == []
    assert html(response).select_one("#report-heading").text.startswith("Dry run")


def test_the_job_writes_its_progress_then_its_report(
    editor_client, launched, db, accounts_app, monkeypatch
):
    monkeypatch.setattr(runner, "BEAT", 0.0)
    seen: list[tuple] = []  # the job's row (or its progress file) after each beat
    write = runner.Beat.write

    def watched(beat: runner.Beat) -> None:
        write(beat)
        folder = accounts_app.config["IMPORT_FOLDER"]
        row = jobs.status(db, folder, beat.job_id)
        seen.append((row["phase"], row["read"], row["checked"], row["written"]))

    monkeypatch.setattr(runner.Beat, "write", watched)
    upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = launched[0]
    assert run(accounts_app, job_id) == "done"
    assert seen == [
        ("reading", 3, 0, 0),
        ("checking", 3, 1, 0),
        ("checking", 3, 2, 0),
        ("checking", 3, 3, 0),
        ("writing", 3, 3, 1),  # read from the progress file: the transaction holds the database
        ("writing", 3, 3, 2),
        ("writing", 3, 3, 2),  # the last counts, in the row once the transaction is over
    ]
    row = job_row(db, job_id)
    assert (row["state"], row["phase"], row["read"], row["checked"], row["written"]) == (
        "done",
        "writing",
        3,
        3,
        2,
    )
    assert [live(db, "Good"), live(db, "Also good")] == [0, 0]  # a dry run
    folder = accounts_app.config["IMPORT_FOLDER"]
    assert not jobs.progress_path(folder, job_id).exists()
    assert jobs.upload_path(folder, job_id).exists()  # kept for the import

    page = html(editor_client.get(f"/import/jobs/{job_id}"))
    assert page.select_one("#report-heading").text == "Dry run: what importing terms.csv would do"
    counts = {div.dt.text: div.dd.text for div in page.select(".import-counts div")}
    assert counts["New"] == "2"
    assert [li.text for li in page.select(".import-rejected li")] == LEFT_OUT
    confirm = page.select_one("form.confirm-import")
    assert confirm["action"] == f"/import/jobs/{job_id}/import"

    data = {i["name"]: i["value"] for i in confirm.select("input")}
    response = editor_client.post(confirm["action"], data=data)
    assert response.status_code == 303
    import_id = launched[1]
    assert response.headers["Location"] == f"/import/jobs/{import_id}"
    assert not jobs.upload_path(folder, job_id).exists()  # it is the import's now
    assert run(accounts_app, import_id) == "done"
    done = html(editor_client.get(f"/import/jobs/{import_id}"))
    assert done.select_one("#report-heading").text == "Imported from terms.csv"
    assert [li.text for li in done.select(".import-rejected li")] == LEFT_OUT
    assert done.select_one("form.confirm-import") is None
    assert [live(db, "Good"), live(db, "Also good"), live(db, "Bad")] == [1, 1, 0]
    assert not jobs.upload_path(folder, import_id).exists()
    authors = db.execute(
        "SELECT DISTINCT r.author FROM revision r JOIN entry e ON e.id = r.entry_id"
        " WHERE e.english IN ('Good', 'Also good')"
    ).fetchall()
    assert authors == [("ed",)]
    # the dry run's upload is gone: confirming it again is refused, nothing imported twice
    again = editor_client.post(confirm["action"], data=data)
    assert again.status_code == 302 and again.headers["Location"] == "/import"
    assert len(launched) == 2


def test_without_skip_invalid_the_job_imports_nothing(editor_client, launched, db, accounts_app):
    upload(editor_client, CSV.encode())
    job_id = launched[0]
    assert run(accounts_app, job_id) == "failed"
    page = html(editor_client.get(f"/import/jobs/{job_id}"))
    assert [li.text for li in page.select(".problems li")] == LEFT_OUT
    assert page.select_one("#problems-heading").text == "1 problem: nothing was imported"
    assert page.select_one("form.confirm-import") is None
    assert [live(db, "Good"), live(db, "Bad")] == [0, 0]
    assert not jobs.upload_path(accounts_app.config["IMPORT_FOLDER"], job_id).exists()


def test_the_progress_answer_for_the_page_s_script(editor_client, launched, accounts_app):
    upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = launched[0]
    waiting = editor_client.get(f"/import/jobs/{job_id}/progress").get_json()
    assert waiting == {
        "state": "waiting",
        "phase": "",
        "read": 0,
        "checked": 0,
        "written": 0,
        "dry_run": True,
        "phase_label": "Waiting to start",
    }
    run(accounts_app, job_id)
    done = editor_client.get(f"/import/jobs/{job_id}/progress").get_json()
    assert (done["state"], done["read"], done["checked"]) == ("done", 3, 3)


class Died(BaseException):
    """What a killed process would do to the import: stop it in the middle of writing."""


def test_a_job_whose_process_died_is_interrupted_with_nothing_written(
    editor_client, launched, db, accounts_app, monkeypatch
):
    upload(editor_client, CSV.encode(), skip_invalid="y", on_duplicate="skip")
    job_id = launched[0]
    beat = runner.Beat.__call__

    def dying(self, phase: str, count: int) -> None:
        beat(self, phase, count)
        if phase == "writing" and count == 2:
            raise Died

    monkeypatch.setattr(runner.Beat, "__call__", dying)
    with pytest.raises(Died):
        run(accounts_app, job_id)
    assert job_row(db, job_id)["state"] == "running"
    page = html(editor_client.get(f"/import/jobs/{job_id}"))
    assert page.select_one(".job-phase") is not None  # still beating, a moment ago
    monkeypatch.setattr(jobs, "STALE", -5)  # as if its last beat were long ago
    page = html(editor_client.get(f"/import/jobs/{job_id}"))
    assert "was interrupted: nothing of it was written" in page.select_one("#job-heading").text
    assert page.select_one("head noscript") is None  # no more refreshing
    assert job_row(db, job_id)["state"] == "interrupted"
    assert [live(db, "Good"), live(db, "Also good")] == [0, 0]
    assert run(accounts_app, job_id) is None  # an interrupted job is never taken up again


def test_only_the_uploader_and_admins_see_a_job(
    editor_client, launched, accounts_app, admin_client, reviewer_client
):
    upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = launched[0]
    run(accounts_app, job_id)
    add_account(accounts_app, "ed2", "editor")
    other = accounts_app.test_client()
    login(other, "ed2")
    assert other.get(f"/import/jobs/{job_id}").status_code == 404
    assert other.get(f"/import/jobs/{job_id}/progress").status_code == 404
    token = csrf_token(other, "/import")
    refused = other.post(
        f"/import/jobs/{job_id}/import", data={"csrf_token": token, "upload": job_id}
    )
    assert refused.status_code == 404
    assert reviewer_client.get(f"/import/jobs/{job_id}").status_code == 404
    seen = html(admin_client.get(f"/import/jobs/{job_id}"))
    assert seen.select_one("#report-heading") is not None
    assert seen.select_one("form.confirm-import") is None  # only the uploader imports it
    assert accounts_app.test_client().get(f"/import/jobs/{job_id}").status_code == 302  # login
    assert launched == [job_id]


def test_confirming_a_job_needs_the_csrf_token(editor_client, launched, accounts_app):
    upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = launched[0]
    run(accounts_app, job_id)
    url = f"/import/jobs/{job_id}/import"
    assert editor_client.post(url, data={"upload": job_id}).status_code == 400
    token = csrf_token(editor_client, "/import")
    assert editor_client.post(url, data={"csrf_token": token, "upload": "x"}).status_code == 400
    assert launched == [job_id]


def test_one_job_at_a_time_per_account(editor_client, launched, accounts_app):
    upload(editor_client, CSV.encode())
    second = upload(editor_client, CSV.encode())
    assert second.status_code == 409
    assert "You have an import running" in html(second).select_one(".flash").text
    assert len(launched) == 1
    run(accounts_app, launched[0])
    assert upload(editor_client, CSV.encode()).status_code == 303


def test_old_jobs_and_their_files_are_cleaned_up(editor_client, launched, db, accounts_app):
    upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = launched[0]
    run(accounts_app, job_id)
    folder = accounts_app.config["IMPORT_FOLDER"]
    kept = jobs.upload_path(folder, job_id)
    stray = jobs.progress_path(folder, "no-such-job")
    stray.write_text("{}")
    long_ago = time.time() - jobs.KEPT - 10
    os.utime(kept, (long_ago, long_ago))
    jobs.tidy(db, folder)
    assert not kept.exists() and not stray.exists()
    assert job_row(db, job_id) is not None  # its report is still there to read
    db.execute("UPDATE import_job SET finished = '2000-01-01T00:00:00Z' WHERE id = ?", [job_id])
    jobs.tidy(db, folder)
    assert job_row(db, job_id) is None


def test_a_job_runs_in_a_process_of_its_own(editor_client, accounts_app, db, monkeypatch):
    """The real thing: `python -m glossary.exchange.runner` started by the request."""
    accounts_app.config["IMPORT_JOB_KB"] = 0
    response = upload(editor_client, CSV.encode(), skip_invalid="y")
    job_id = re.fullmatch(r"/import/jobs/(.+)", response.headers["Location"])[1]
    for _ in range(1200):  # a deadline, not a timing: the machine may be busy
        if job_row(db, job_id)["state"] not in ("waiting", "running"):
            break
        time.sleep(0.1)
    assert job_row(db, job_id)["state"] == "done"
    outcome = json.loads(job_row(db, job_id)["outcome"])
    assert outcome["report"]["created"] == ["csv-good", "csv-also-good"]
    assert sys.executable  # the process ran with this interpreter
    assert subprocess  # (imported for the process module's sake)


LEFT_OUT_ZH = ["第 4 行 pinyin 列：“xyzq”不是汉语拼音"]


def test_a_jobs_problems_are_said_in_the_readers_language(
    editor_client, launched, db, accounts_app
):
    """The job's process has no reader: it keeps the problems, the page says them."""
    editor_client.set_cookie("lang", "zh_Hans")
    upload(editor_client, CSV.encode())
    failed = launched[0]
    assert run(accounts_app, failed) == "failed"
    page = html(editor_client.get(f"/import/jobs/{failed}"))
    assert [li.text for li in page.select(".problems li")] == LEFT_OUT_ZH
    upload(editor_client, CSV.encode(), skip_invalid="y")
    dry_run = launched[1]
    assert run(accounts_app, dry_run) == "done"
    page = html(editor_client.get(f"/import/jobs/{dry_run}"))
    assert [li.text for li in page.select(".import-rejected li")] == LEFT_OUT_ZH
    editor_client.set_cookie("lang", "en")
    page = html(editor_client.get(f"/import/jobs/{dry_run}"))
    assert [li.text for li in page.select(".import-rejected li")] == LEFT_OUT


def test_a_jobs_file_problems_are_said_in_the_readers_language(
    editor_client, launched, accounts_app
):
    """A file the job's reader cannot read (a missing column) is said on the job page in
    the language of whoever reads it, not in the process's English."""
    upload(editor_client, b"english,colour\nX,red\n")
    assert run(accounts_app, launched[0]) == "failed"
    editor_client.set_cookie("lang", "zh_Hans")
    page = html(editor_client.get(f"/import/jobs/{launched[0]}"))
    assert [li.text for li in page.select(".problems li")] == ["第 1 行 simplified 列：缺少此列"]
    editor_client.set_cookie("lang", "en")
    page = html(editor_client.get(f"/import/jobs/{launched[0]}"))
    assert [li.text for li in page.select(".problems li")] == [
        "line 1, field 'simplified': the column is missing"
    ]


def test_a_jobs_problems_past_twenty_say_how_many_more(editor_client, launched, accounts_app):
    text = "english,simplified\n" + "".join(f"term {n},\n" for n in range(25))
    editor_client.set_cookie("lang", "zh_Hant")
    upload(editor_client, text.encode())
    assert run(accounts_app, launched[0]) == "failed"
    page = html(editor_client.get(f"/import/jobs/{launched[0]}"))
    items = [li.text for li in page.select(".problems li")]
    assert (len(items), items[0], items[-1]) == (
        21,
        "第 2 行 simplified 欄：簡體中文為空",
        "另有 5 個問題",
    )


def test_a_job_checks_a_large_file_in_two_processes(
    editor_client, launched, db, accounts_app, monkeypatch
):
    from glossary.exchange import importer

    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)  # the three records: a large file
    halves: list[int] = []
    in_two = importer._checked_in_two

    def counted(records, progress):
        halves.append(len(records))
        return in_two(records, progress)

    monkeypatch.setattr(importer, "_checked_in_two", counted)
    monkeypatch.setattr(runner, "BEAT", 0.0)
    seen: list[tuple] = []
    write = runner.Beat.write

    def watched(beat: runner.Beat) -> None:
        write(beat)
        row = jobs.status(db, accounts_app.config["IMPORT_FOLDER"], beat.job_id)
        seen.append((row["phase"], row["checked"]))

    monkeypatch.setattr(runner.Beat, "write", watched)
    upload(editor_client, CSV.encode(), skip_invalid="y")
    assert run(accounts_app, launched[0]) == "done"
    assert halves == [3]
    # the first record checked here, then all three once the worker's two are in
    assert [count for phase, count in seen if phase == "checking"] == [1, 3]
    outcome = json.loads(job_row(db, launched[0])["outcome"])
    assert outcome["report"]["created"] == ["csv-good", "csv-also-good"]
    page = html(editor_client.get(f"/import/jobs/{launched[0]}"))
    assert [li.text for li in page.select(".import-rejected li")] == LEFT_OUT
