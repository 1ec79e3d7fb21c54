"""An editor uploads a file on /import: it runs as a job under `glossary serve`, whose page
follows it (with the script, and without it by refreshing itself) to the dry run's report;
the import, a second job, ends with the entries written."""

from __future__ import annotations

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

WAIT = 300_000  # ms: a deadline for a busy machine, not a measure of speed


def csv_file(tmp_path, words: tuple[str, str, str]):
    path = tmp_path / "terms.csv"
    rows = [
        "english,simplified,kind,pinyin,source_1_quote,source_1_title,source_1_published",
        f"{words[0]},甲乙丙,term,,q,t,2026",
        f"{words[1]},丁戊己,term,,q,t,2026",
        f"{words[2]},庚辛壬,term,xyzq,q,t,2026",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def upload(page, live_server: str, path) -> None:
    page.goto(live_server + "/import")
    page.set_input_files("#file", str(path))
    page.check("#skip_invalid")
    page.click("form.import-form button[type=submit]")
    page.wait_for_url("**/import/jobs/*")


def test_a_job_s_page_follows_it_to_the_report_and_the_import(
    page, live_server, live_editor, tmp_path
):
    log_in(page, live_server, live_editor)
    upload(page, live_server, csv_file(tmp_path, ("Job one", "Job two", "Job bad")))
    heading = page.wait_for_selector("#report-heading", timeout=WAIT)
    assert heading.text_content() == "Dry run: what importing terms.csv would do"
    assert page.locator(".count-created dd").text_content() == "2"
    assert page.locator(".import-rejected li").all_text_contents() == [
        "line 4, column pinyin: 'xyzq' is not Hanyu Pinyin"
    ]
    page.click("form.confirm-import button[type=submit]")
    page.wait_for_url("**/import/jobs/*")
    heading = page.wait_for_selector("#report-heading:has-text('Imported from')", timeout=WAIT)
    assert heading.text_content() == "Imported from terms.csv"
    page.goto(live_server + "/search?q=job+one")
    assert "Job one" in page.locator("ol.results").first.text_content()


def test_without_javascript_the_job_s_page_refreshes_itself(
    browser, live_server, live_editor, tmp_path
):
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, live_editor)
        upload(page, live_server, csv_file(tmp_path, ("Plain one", "Plain two", "Plain bad")))
        if page.locator("#report-heading").count() == 0:  # the job had not ended yet
            assert page.locator(".job-counts .count-read dt").text_content() == "Records read"
        heading = page.wait_for_selector("#report-heading", timeout=WAIT)
        assert heading.text_content() == "Dry run: what importing terms.csv would do"
    finally:
        context.close()
