"""Real messages that nobody on this project wrote, fetched from the package registries.

- ``cpython``: CPython's email test data, ``test/test_email/data/*.txt`` of Debian's
  ``libpython3.11-testsuite`` (``scripts/test.sh`` installs it).
- ``mail-parser``, ``dkimpy``, ``authheaders``: the sample mails in those projects' source
  distributions, downloaded from PyPI with ``pip download --no-binary :all:`` (pinned below).
- ``spamassassin``: ``sample-spam.txt`` and ``sample-nonspam.txt`` from the examples of
  Debian's ``spamassassin`` package, fetched with ``apt-get download`` and unpacked with
  ``dpkg-deb -x`` (never installed: no spamd service, no Perl dependencies).

Everything downloaded is kept under ``build/corpus/`` of the checkout, so a second run asks no
registry. `load_corpus()` returns what it could get and, per source, why it could not.
"""

from __future__ import annotations

import glob
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "corpus"

CPYTHON_DATA = Path(f"/usr/lib/python3.{sys.version_info.minor}/test/test_email/data")
CPYTHON_PACKAGE = f"libpython3.{sys.version_info.minor}-testsuite"

#: Source distributions on PyPI: (project, pinned version, sample-mail globs inside the sdist).
SDISTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("mail-parser", "4.8.0", ("*/tests/mails/*",)),
    (
        "dkimpy",
        "1.1.8",
        ("*/dkim/tests/data/*.msg", "*/dkim/tests/data/*.mbox", "*/dkim/tests/data/*message*"),
    ),
    ("authheaders", "0.16.3", ("*/authheaders/test/*message*",)),
)

SPAMASSASSIN_PACKAGE = "spamassassin"
SPAMASSASSIN_SAMPLES = "usr/share/doc/spamassassin/examples/sample-*.txt"

SOURCES = ("cpython", "mail-parser", "dkimpy", "authheaders", "spamassassin")


@dataclass(frozen=True)
class Sample:
    source: str
    name: str  # the file's name inside its source, unique per source
    path: Path

    @property
    def key(self) -> str:
        return f"{self.source}/{self.name}"

    def read(self) -> bytes:
        return self.path.read_bytes()


@dataclass
class Corpus:
    samples: list[Sample] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)  # source -> why it is absent

    def of(self, source: str) -> list[Sample]:
        return [s for s in self.samples if s.source == source]


def _run(cmd: list[str], cwd: Path | None = None) -> str | None:
    """None when `cmd` succeeded, else the last line it printed (why it failed)."""
    try:
        done = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{cmd[0]}: {exc}"
    if done.returncode == 0:
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[-1] if lines else f"{cmd[0]} exited {done.returncode}"


def _cpython(corpus: Corpus) -> None:
    files = sorted(CPYTHON_DATA.glob("*.txt"))
    if not files:
        corpus.missing["cpython"] = f"{CPYTHON_DATA} is missing: apt-get install {CPYTHON_PACKAGE}"
    corpus.samples += [Sample("cpython", f.name, f) for f in files]


def _archive(folder: Path, project: str, version: str) -> Path | None:
    """The sdist of `project` `version` in `folder` (names normalized as PEP 625 does)."""
    wanted = f"{project}-{version}.tar.gz".replace("-", "_").lower()
    found = [a for a in folder.glob("*.tar.gz") if a.name.replace("-", "_").lower() == wanted]
    return found[0] if found else None


def _sdist(corpus: Corpus, project: str, version: str, patterns: tuple[str, ...]) -> None:
    target = CACHE / f"{project}-{version}"
    done = target / ".unpacked"
    if not done.exists():
        download = CACHE / "sdists"
        download.mkdir(parents=True, exist_ok=True)
        archive = _archive(download, project, version)
        if archive is None:
            problem = _run(
                [
                    sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", "--dest", str(download), f"{project}=={version}",
                ]
            )  # fmt: skip
            if problem:
                corpus.missing[project] = f"pip download {project}=={version}: {problem}"
                return
            archive = _archive(download, project, version)
        if archive is None:
            corpus.missing[project] = f"pip download {project}=={version} gave no .tar.gz"
            return
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            # Debian 12's Python 3.11.2 predates extraction filters (3.11.4): there, refuse any
            # member that would land outside the target or is not a plain file or folder.
            if hasattr(tarfile, "data_filter"):
                tar.extractall(target, filter="data")
            else:
                root = target.resolve()
                members = [
                    m
                    for m in tar.getmembers()
                    if (m.isfile() or m.isdir()) and (root / m.name).resolve().is_relative_to(root)
                ]
                tar.extractall(target, members=members)
        done.touch()
    files = sorted({Path(p) for pattern in patterns for p in glob.glob(str(target / pattern))})
    files = [f for f in files if f.is_file()]
    if not files:
        corpus.missing[project] = f"no sample mails in {project} {version}'s sdist"
    corpus.samples += [Sample(project, f.name, f) for f in files]


def _spamassassin(corpus: Corpus) -> None:
    target = CACHE / "spamassassin"
    done = target / ".unpacked"
    if not done.exists():
        download = CACHE / "debs"
        download.mkdir(parents=True, exist_ok=True)
        debs = sorted(download.glob(f"{SPAMASSASSIN_PACKAGE}_*.deb"))
        if not debs:
            problem = _run(["apt-get", "download", SPAMASSASSIN_PACKAGE], cwd=download)
            if problem:
                corpus.missing["spamassassin"] = f"apt-get download spamassassin: {problem}"
                return
            debs = sorted(download.glob(f"{SPAMASSASSIN_PACKAGE}_*.deb"))
        if not debs:
            corpus.missing["spamassassin"] = "apt-get download spamassassin gave no .deb"
            return
        target.mkdir(parents=True, exist_ok=True)
        problem = _run(["dpkg-deb", "-x", str(debs[-1]), str(target)])
        if problem:
            corpus.missing["spamassassin"] = f"dpkg-deb -x: {problem}"
            return
        done.touch()
    files = sorted(target.glob(SPAMASSASSIN_SAMPLES))
    if not files:
        corpus.missing["spamassassin"] = "the spamassassin package has no sample-*.txt"
    corpus.samples += [Sample("spamassassin", f.name, f) for f in files]


def load_corpus() -> Corpus:
    corpus = Corpus()
    _cpython(corpus)
    for project, version, patterns in SDISTS:
        _sdist(corpus, project, version, patterns)
    _spamassassin(corpus)
    return corpus
