"""The briefing's first page, checked by scripts/check_briefing.py on both development sets, and its length control."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"  # ../shared beside the repository
SETS = ("seeds", "stories")
CHECKS = ("first page <= 500 words", "every sentence cited", "one name per entity", "one series per quantity",
          "claim summaries without cue, comma or dateline")
@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str], tuple[bool, str]]:
    if not all((SHARED / s).is_dir() for s in SETS):
        pytest.skip("../shared is not present")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_briefing.py"),
                           *(str(SHARED / s) for s in SETS)], capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr
    found = {}
    for line in done.stdout.splitlines():
        name, verdict, check, detail = line.split("\t")
        found[(name, check)] = (verdict.strip() == "ok", detail)
    assert (done.returncode == 0) == all(ok for ok, _ in found.values())
    return found


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("name", SETS)
def test_the_development_briefings_pass_each_check(results, name, check):
    ok, detail = results[(name, check)]
    assert ok, detail


def test_the_check_fails_a_page_that_breaks_the_rules(tmp_path):
    """A first page too long, uncited, naming one actor two ways, with a repeated series and a cue-led summary."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import check_briefing
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    words = " ".join(["word"] * 520)
    page = tmp_path / "b.html"
    page.write_text(f"""<html><body><section id="first-page"><h2>First page</h2><p>{words}</p>
<section id="key-figures"><ul class="sentences"><li>troops: 1 to 2<sup class="cites"><a class="cite">1</a></sup></li>
<li>troops: 3<sup class="cites"><a class="cite">2</a></sup></li></ul></section></section>
<ul class="sentences"><li>Volodymyr Zelenskyy spoke; Zelensky spoke again.</li>
<li><q class="claim">said the troops had left</q><sup class="cites"><a class="cite">3</a></sup></li>
<li><q class="claim">the troops had left,</q><sup class="cites"><a class="cite">5</a></sup></li>
<li><q class="claim">KYIV, Oct 18 (Reuters) - Troops left</q><sup class="cites"><a class="cite">4</a></sup></li></ul>
</body></html>""", encoding="utf-8")
    export = tmp_path / "ledger.json"
    export.write_text('{"entities": [{"id": "e1", "name": "Volodymyr Zelenskyy", "aliases": ["Zelensky"]}]}',
                      encoding="utf-8")
    results = {r.name: r for r in check_briefing.check(page, export)}
    assert [name for name, r in results.items() if r.ok] == []
    assert "Zelensky" in results["one name per entity"].detail
    assert "troops" in results["one series per quantity"].detail
    assert "cue word" in results["claim summaries without cue, comma or dateline"].detail
    assert "comma" in results["claim summaries without cue, comma or dateline"].detail
    assert "dateline" in results["claim summaries without cue, comma or dateline"].detail
