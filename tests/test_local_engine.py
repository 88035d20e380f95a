"""The local engine's worker processes give what extraction in this process gives, in input order,
survive a worker killed mid-run, and leave no worker behind when their parent is killed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from multiprocessing import active_children
from pathlib import Path

import pytest

from claimledger.config import Limits
from claimledger.engines import local
from claimledger.extract.pipeline import ExtractionError
from claimledger.records import RawReport, ReportExtraction

TEXTS = [
    "Marlow evacuates as the river rises\n\nMayor Ines Carter said on Monday that 300 homes in Marlow had been "
    "flooded. \"We are moving everyone to the school,\" she told the Marlow Courier.\n",
    "Dam operator denies fault in Marlow flood\n\nThe Vale Water Company denied on Tuesday that its dam had "
    "released water early, a spokesman told reporters. Mayor Ines Carter said 1,200 people had left.\n",
    "   \n",
    "Pellworth election won by Harbour Party\n\nTomas Ruud's Harbour Party won 41 of 80 seats, the election "
    "commission said on Sunday. Ruud told supporters he would form a government within a week.\n",
    "Strike closes the port of Velde\n\nAbout 4,000 dock workers joined the strike, the union said. The port "
    "authority said 37 ships were waiting outside the harbour and that talks would resume on Thursday.\n",
    "Velde strike ends\n\nThe union said on Friday that its members had voted to return to work. \"We won what "
    "we asked for,\" its leader, Ana Roth, told reporters.\n",
]


def _reports() -> list[RawReport]:
    return [RawReport(text=t, title=f"r{i}", original=b"<html>page %d</html>" % i, record_id=f"urn:uuid:{i}")
            for i, t in enumerate(TEXTS)]


def _chunks(reports: list[RawReport], size: int = 2) -> list[tuple[list[RawReport], int | None]]:
    return [(reports[i:i + size], 2031) for i in range(0, len(reports), size)]


def _summary(outcomes) -> list:
    """What each outcome says: the error's text, or the statements, figures and stored vectors."""
    out = []
    for a in outcomes:
        if isinstance(a.result, ReportExtraction):
            out.append(([att.content for att in a.result.attributions], [f.value for f in a.result.figures],
                        a.vectors.encoder, a.vectors.by_key, a.features.entities, a.features.vector.tobytes()))
        else:
            out.append((type(a.result).__name__, str(a.result)))
    return out


@pytest.fixture(scope="module")
def here():
    reports = _reports()
    return reports, list(local.analyse(_chunks(reports), model=None, limits=Limits(), stories=True, workers=1))


def test_worker_processes_give_what_this_process_gives_in_order(here):
    reports, alone = here
    assert len(alone) == len(reports) and isinstance(alone[2].result, ExtractionError)
    assert sum(bool(a.vectors and a.vectors.by_key) for a in alone) == 5
    pooled = list(local.analyse(_chunks(reports), model=None, limits=Limits(), stories=True, workers=2))
    assert _summary(pooled) == _summary(alone)  # vectors bit for bit, whichever process embedded them
    # The caller's own reports come back, with the page as fetched, which never left this process.
    assert all(a.report is r for a, r in zip(pooled, reports))
    assert all(a.result.report is r for a, r in zip(pooled, reports) if isinstance(a.result, ReportExtraction))
    assert not active_children()  # the pool is shut down with the run


def test_one_chunk_is_extracted_here_without_workers(here):
    reports, alone = here
    outcomes = list(local.analyse([(reports[:2], 2031)], model=None, limits=Limits(), stories=True, workers=2))
    assert _summary(outcomes) == _summary(alone[:2])


def test_a_killed_worker_costs_no_report(here, monkeypatch):
    reports, alone = here
    redone = []
    analyse_here = local.analyse_here
    monkeypatch.setattr(local, "analyse_here", lambda chunks, **kw: analyse_here(redone.append(1) or chunks, **kw))
    outcomes = local.analyse(_chunks(reports, size=1), model=None, limits=Limits(), stories=True, workers=2)
    first = next(outcomes)
    for worker in active_children():
        os.kill(worker.pid, signal.SIGKILL)
    rest = list(outcomes)
    assert redone  # the chunks the dead pool held were extracted here
    assert _summary([first, *rest]) == _summary(alone)


CHILD = """
import json, sys
from claimledger.config import Limits
from claimledger.engines import local
from claimledger.records import RawReport
texts = json.loads(sys.argv[1])
chunks = [([RawReport(text=t)], None) for t in texts * 50]
for _ in local.analyse(chunks, model=None, limits=Limits(), stories=False, workers=2):
    print("outcome", flush=True)
"""


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads parent ids from /proc")
def test_workers_leave_when_their_parent_is_killed():
    proc = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(TEXTS[:2])], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "outcome"  # the workers are running
        workers = [pid for pid in _children(proc.pid) if "spawn" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(workers) == 2
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(map(_running, workers)):
        time.sleep(0.2)
    assert not [pid for pid in workers if _running(pid)]


def _running(pid: int) -> bool:
    """Alive, not a zombie (an orphan that exited may wait for a parent that does not reap)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_default_workers_are_the_usable_cpus_at_most_two(monkeypatch):
    import os

    from claimledger import config

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert config.default_workers() == 1  # one CPU: extraction stays in this process
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert config.default_workers() == config.DEFAULT_WORKERS == 2
