"""What each source has seen: pages (URL → article, content hash, validators), feed and listing
validators, runs and their failures, and the raw bytes of every page fetched.

SQLite beside the store (``<store>.sources/state.sqlite``), raw bytes gzipped under ``raw/`` by
SHA-256. A page is recorded only after its article is stored, so a run that dies half way
fetches the rest next time and loses nothing.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
  url TEXT PRIMARY KEY, source TEXT NOT NULL, canonical TEXT NOT NULL, article_id TEXT NOT NULL,
  text_hash TEXT NOT NULL, raw_sha TEXT, etag TEXT, last_modified TEXT, stamp TEXT, encoding TEXT,
  fetched_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pages_canonical ON pages(canonical);
CREATE INDEX IF NOT EXISTS pages_hash ON pages(text_hash);
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
  discovered INTEGER DEFAULT 0, fetched INTEGER DEFAULT 0, new INTEGER DEFAULT 0, changed INTEGER DEFAULT 0,
  unchanged INTEGER DEFAULT 0, duplicate INTEGER DEFAULT 0, seen INTEGER DEFAULT 0, failed INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS failures (run_id INTEGER NOT NULL, source TEXT NOT NULL, url TEXT NOT NULL,
  reason TEXT NOT NULL, at TEXT NOT NULL);
"""

COUNTS = ("discovered", "fetched", "new", "changed", "unchanged", "duplicate", "seen", "failed")


def state_folder(store_path: Path) -> Path:
    """Where a store's loader state lives: ``$ORG_GRAPH_STATE``, else ``STORE.sources`` beside it."""
    env = os.environ.get("ORG_GRAPH_STATE")
    return Path(env) if env else Path(str(store_path) + ".sources")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class PageRecord:
    url: str
    source: str
    canonical: str
    article_id: str
    text_hash: str
    raw_sha: str | None
    etag: str | None
    last_modified: str | None
    stamp: str | None
    encoding: str | None


class FetchState:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.folder / "state.sqlite", check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Losing the last few records to a power cut only means refetching those pages (the store
        # takes them again unchanged), so no fsync per page.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def beside(cls, store_path: Path) -> "FetchState":
        return cls(state_folder(store_path))

    def close(self) -> None:
        self._db.close()

    # --- pages -------------------------------------------------------------------------------

    def page(self, url: str) -> PageRecord | None:
        row = self._one("SELECT * FROM pages WHERE url = ? OR canonical = ? ORDER BY url = ? DESC LIMIT 1",
                        (url, url, url))
        return PageRecord(*row[:10]) if row else None

    def article_with_text(self, text_hash: str) -> str | None:
        row = self._one("SELECT article_id FROM pages WHERE text_hash = ? LIMIT 1", (text_hash,))
        return row[0] if row else None

    def article_at(self, canonical: str) -> str | None:
        row = self._one("SELECT article_id FROM pages WHERE canonical = ? LIMIT 1", (canonical,))
        return row[0] if row else None

    def record_page(self, rec: PageRecord) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO pages VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                             (rec.url, rec.source, rec.canonical, rec.article_id, rec.text_hash, rec.raw_sha,
                              rec.etag, rec.last_modified, rec.stamp, rec.encoding, now()))

    def keep_raw(self, raw: bytes) -> str:
        """Store the page's bytes as fetched (before any decoding); returns their SHA-256."""
        sha = hashlib.sha256(raw).hexdigest()
        path = self.folder / "raw" / sha[:2] / f"{sha}.gz"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{threading.get_ident()}")
            tmp.write_bytes(gzip.compress(raw, compresslevel=6))
            tmp.replace(path)
        return sha

    def raw(self, sha: str) -> bytes:
        return gzip.decompress((self.folder / "raw" / sha[:2] / f"{sha}.gz").read_bytes())

    # --- feeds and listings ------------------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._one("SELECT etag, last_modified FROM validators WHERE url = ?", (url,))
        return (row[0], row[1]) if row else (None, None)

    def record_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO validators VALUES (?,?,?,?)", (url, etag, last_modified, now()))

    # --- runs --------------------------------------------------------------------------------

    def start_run(self, source: str) -> int:
        with self._lock:
            return self._db.execute("INSERT INTO runs (source, started) VALUES (?, ?)", (source, now())).lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        sets = ", ".join(f"{k} = ?" for k in COUNTS)
        with self._lock:
            self._db.execute(f"UPDATE runs SET finished = ?, {sets} WHERE id = ?",
                             (now(), *(counts.get(k, 0) for k in COUNTS), run_id))

    def record_failure(self, run_id: int, source: str, url: str, reason: str) -> None:
        with self._lock:
            self._db.execute("INSERT INTO failures VALUES (?,?,?,?,?)", (run_id, source, url, reason, now()))

    def summary(self) -> list[dict]:
        """Per source: its last run, the pages it has seen, and the last run's failures."""
        out = []
        for (source,) in self._db.execute("SELECT DISTINCT source FROM runs UNION SELECT DISTINCT source FROM pages "
                                          "ORDER BY 1").fetchall():
            last = self._one(f"SELECT id, started, finished, {', '.join(COUNTS)} FROM runs WHERE source = ? "
                             "ORDER BY id DESC LIMIT 1", (source,))
            pages, articles = self._one("SELECT count(*), count(DISTINCT article_id) FROM pages WHERE source = ?",
                                        (source,))
            row = {"source": source, "pages": pages, "articles": articles, "runs": 0, "last_started": None,
                   "last_finished": None, "failures": []}
            if last:
                row.update(dict(zip(("run", "last_started", "last_finished", *COUNTS), last)))
                row["runs"] = self._one("SELECT count(*) FROM runs WHERE source = ?", (source,))[0]
                row["failures"] = [{"url": u, "reason": r} for u, r in self._db.execute(
                    "SELECT url, reason FROM failures WHERE run_id = ? ORDER BY rowid", (last[0],))]
            out.append(row)
        return out

    def _one(self, sql: str, params: tuple):
        with self._lock:
            return self._db.execute(sql, params).fetchone()
