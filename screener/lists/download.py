"""Downloading a list from its publisher without trusting the network or the server.

`lists update` replaces the lists every screening relies on, so a download is bounded and checked before anything
is stored: https only (plain http only to this machine's loopback, or when asked for with --allow-http), on the
first address and on every redirect; a size cap (--max-mb) checked from Content-Length and while reading; a
total deadline for the whole update besides the per-read timeout (a server sending a byte every two seconds never
tripped the timeout); the publisher's sha256 when one is given; and, after parsing, the share of the current
names the new version keeps (a list with the same count but every name replaced was accepted over http). The
temporary folder is named with the process id: one left by a killed update is removed by the next.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import os
import re
import shutil
import signal
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from screener.errors import ListError, option
from screener.version import __version__

CHUNK = 1 << 16
TEMP_PREFIX = "screener-update-"


@dataclass(frozen=True)
class DownloadLimits:
    """What one `lists update` may cost and must show before its download is stored."""

    timeout: float = 60.0  # seconds one connection or read may wait
    deadline: float = 900.0  # seconds all the update's downloads may take together
    max_bytes: int = 500_000_000  # per file
    allow_http: bool = False  # plain http beyond this machine's loopback
    sha256: str | None = None  # the first file's digest, when the publisher gives one
    min_kept: float = 0.5  # share of names (of the smaller version) both versions must share


class Deadline:
    """Seconds left of the update's total time."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self, url: str) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise ListError(
                f"downloading {url} took longer than the {self.seconds:g} s the update may take. Nothing was "
                "changed.",
                hint=f"The server is very slow or stalling; try again later, or allow more with {option('deadline')}.",
            )
        return left


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_scheme(url: str, allow_http: bool, redirected_from: str | None = None) -> None:
    """https always; http to loopback, or anywhere with ``allow_http``; nothing else (file:, ftp:, data:)."""
    parts = urllib.parse.urlsplit(url)
    via = f" (a redirect from {redirected_from})" if redirected_from else ""
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and (allow_http or _is_loopback(parts.hostname)):
        return
    if parts.scheme == "http":
        raise ListError(
            f"{url}{via}: plain http can be altered on the way; lists are downloaded over https. Nothing was changed.",
            hint=f"Use the https address, or {option('allow_http', 'True')} if this server offers nothing else.",
        )
    raise ListError(f"{url}{via}: only http and https addresses can be downloaded. Nothing was changed.")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address check_scheme accepts (urllib alone follows one to ftp://)."""

    def __init__(self, allow_http: bool) -> None:
        super().__init__()
        self.allow_http = allow_http

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            check_scheme(target, self.allow_http, redirected_from=req.full_url)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, target: Path, limits: DownloadLimits, deadline: Deadline) -> str:
    """Download ``url`` to ``target`` within the limits; returns the server's Last-Modified date (ISO) or ''."""
    check_scheme(url, limits.allow_http)
    opener = urllib.request.build_opener(_CheckedRedirects(limits.allow_http))
    request = urllib.request.Request(url, headers={"User-Agent": f"screener/{__version__}"})
    try:
        with opener.open(request, timeout=min(limits.timeout, deadline.remaining(url))) as response:
            _check_length(url, response.headers.get("Content-Length"), limits.max_bytes)
            _copy(response, target, url, limits.max_bytes, deadline)
            modified = response.headers.get("Last-Modified")
    except urllib.error.HTTPError as error:
        raise ListError(
            f"cannot download {url}: the server answered {error.code} {error.reason}. Nothing was changed.",
            hint="Check the address (--url), or try again later.",
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ListError(
            f"cannot reach {url} ({reason}): you seem to be offline, or the server is down. Nothing was changed.",
            hint="The lists in use stay as they are; run `screener lists update` again when online.",
        ) from error
    return _iso_date(modified)


def _check_length(url: str, length: str | None, max_bytes: int) -> None:
    if length and length.isdigit() and int(length) > max_bytes:
        raise _too_large(url, int(length), max_bytes)


def _too_large(url: str, size: int, max_bytes: int) -> ListError:
    return ListError(
        f"{url} is larger than {max_bytes / 1e6:,.0f} MB (at least {size / 1e6:,.1f} MB); nothing more was read "
        "and nothing was changed.",
        hint=f"If the list really is that large, raise the limit with {option('max_bytes')}.",
    )


def _copy(response, target: Path, url: str, max_bytes: int, deadline: Deadline) -> None:
    """Read what has arrived (read1: a stalling server cannot hold one read open past the deadline's check)."""
    total = 0
    with target.open("wb") as out:
        while True:
            deadline.remaining(url)
            chunk = response.read1(CHUNK)
            if not chunk:
                return
            total += len(chunk)
            if total > max_bytes:
                raise _too_large(url, total, max_bytes)
            out.write(chunk)


def _iso_date(modified: str | None) -> str:
    if not modified:
        return ""
    try:
        return email.utils.parsedate_to_datetime(modified).date().isoformat()
    except (TypeError, ValueError):
        return ""


def check_sha256(path: Path, url: str, expected: str | None) -> None:
    """The publisher's digest, when given, must be the downloaded file's."""
    if not expected:
        return
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != expected.strip().lower():
        raise ListError(
            f"{url}: the download's sha256 is {digest.hexdigest()}, not the {expected} the publisher gives. Nothing "
            "was changed.",
            hint="The file was altered or cut off on the way, or the publisher has a newer edition: check both.",
        )


def _name_keys(entries: pl.DataFrame) -> pl.Series:
    return (
        entries.get_column("name").cast(pl.String).str.to_lowercase().str.strip_chars().drop_nulls().unique()
    )


def check_names_kept(before: pl.DataFrame, after: pl.DataFrame, list_id: str, min_kept: float) -> float:
    """Refuse a new version that shares less than ``min_kept`` of the names of the smaller of the two versions
    (a list growing or shrinking keeps most of its names; one whose names were all replaced does not)."""
    old, new = _name_keys(before), _name_keys(after)
    smaller = min(old.len(), new.len())
    if not smaller:
        return 1.0
    kept = new.is_in(old.implode()).sum() / smaller
    if kept < min_kept:
        raise ListError(
            f"the downloaded {list_id} list shares {kept:.0%} of its names with the current one (at least "
            f"{min_kept:.0%} expected): not the same list, or altered on the way. Nothing was changed.",
            hint=f"Check the address; if the publisher really renamed its entries, run again with {option('min_kept', '0')}.",
        )
    return float(kept)


@contextmanager
def update_folder() -> Iterator[Path]:
    """A temporary folder for one update, removed on every way out (errors, Ctrl-C, SIGTERM via
    terminate_as_exit); folders left by updates that were killed outright are removed first."""
    remove_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)


def remove_stale_folders(root: Path | None = None) -> list[Path]:
    """Update folders of processes that no longer run (killed with -9, or a power cut)."""
    root = Path(root or tempfile.gettempdir())
    pattern = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-")
    removed = []
    try:
        candidates = list(root.iterdir())
    except OSError:
        return removed
    for path in candidates:
        found = pattern.match(path.name)
        if found and path.is_dir() and not _running(int(found.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit while the block runs, so its ``finally`` clauses (the temporary folder's removal)
    run as they do for Ctrl-C; the previous handler comes back afterwards. Only the main thread can do this."""
    try:
        previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)
