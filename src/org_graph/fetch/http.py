"""Polite HTTP: timeouts, retries with backoff, a per-host rate limit, conditional requests, a
size cap and a user agent. Every failure becomes a :class:`FetchError` that names the URL and the
reason in words; nothing here raises past the caller's loop.
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .. import __version__

USER_AGENT = f"org-graph/{__version__} (+https://w3id.org/org-graph; news archive for research)"
#: Larger responses are not articles (a video, a dump, a runaway page) and are cut off.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Statuses worth asking again for: the server may be busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    #: Never wait longer than this for a Retry-After.
    max_backoff: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Requests per second to one host (a loader may ask for fewer).
    rate_limit: float = 1.0


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    def __init__(self, url: str, reason: str):
        super().__init__(url, reason)
        self.url, self.reason = url, reason

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass
class _HostGate:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0


class Fetcher:
    """One HTTP client for a run, shared by its threads."""

    def __init__(self, options: FetchOptions | None = None, rate_limits: dict[str, float] | None = None):
        self.options = options or FetchOptions()
        self._rates = dict(rate_limits or {})
        self._gates: dict[str, _HostGate] = {}
        self._gates_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout), follow_redirects=True, headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def set_rate(self, host: str, per_second: float) -> None:
        self._rates[host.lower()] = per_second

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        rate = self._rates.get(host, self.options.rate_limit)
        if rate <= 0 or rate == float("inf"):
            return
        with self._gates_lock:
            gate = self._gates.setdefault(host, _HostGate())
        with gate.lock:
            now = time.monotonic()
            wait = gate.next_at - now
            gate.next_at = max(now, gate.next_at) + 1.0 / rate
        if wait > 0:
            time.sleep(wait)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally when a validator is given); raises :class:`FetchError`."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = self.options.retries + 1
        reason = "no attempt made"
        for attempt in range(attempts):
            self._wait_turn(url)
            try:
                return self._get_once(url, headers)
            except _Retry as retry:
                reason = retry.reason
                if attempt + 1 < attempts:
                    time.sleep(min(retry.after if retry.after is not None else self.options.backoff * 2 ** attempt,
                                   self.options.max_backoff))
        suffix = f" (after {attempts} attempts)" if attempts > 1 else ""
        raise FetchError(url, reason + suffix)

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code in RETRY_STATUSES:
                    raise _Retry(f"HTTP {r.status_code} {r.reason_phrase}".rstrip(), _retry_after(r))
                if r.status_code >= 400:
                    raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.options.max_bytes:
                    raise FetchError(url, f"response is {_mb(int(declared))}, over the limit of "
                                          f"{_mb(self.options.max_bytes)}")
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise FetchError(url, f"response is over the limit of {_mb(self.options.max_bytes)}")
                    chunks.append(chunk)
                return Response(url=url, final_url=str(r.url), status=r.status_code, content=b"".join(chunks),
                                content_type=r.headers.get("content-type"), etag=r.headers.get("etag"),
                                last_modified=r.headers.get("last-modified"))
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__}, limit {self.options.timeout:g} s)") from None
        except httpx.RemoteProtocolError as exc:
            raise _Retry(f"connection broken mid-response: {exc}") from None
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(url, "not an http(s) URL") from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL: {exc}") from None
        except httpx.TransportError as exc:
            raise _Retry(f"cannot connect: {exc or type(exc).__name__}") from None


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None):
        super().__init__(reason)
        self.reason, self.after = reason, after


def _retry_after(r: httpx.Response) -> float | None:
    value = r.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    when = email.utils.parsedate_to_datetime(value)
    return max(0.0, when.timestamp() - time.time()) if when else None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"
