"""The cache of checked catalogs: a warm run reads one pickle and never parses YAML.

What the cache trusts: a directory that is the user's own and that nobody else can write
(created 0700), holding entries that are the user's own regular files, written 0600 by
fitcareer and only ever from a catalog that passed validation (`put` is given the output
of `build` and nothing else). Anything else found there (another user's file, a link, a
FIFO, a directory, an entry too large, a corrupt pickle, or one written by different code)
is ignored, and the catalog is built afresh from the data files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import operator
import os
import pickle
import stat
import struct
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import Any

try:
    import fcntl
except ImportError:  # Windows, where entries are written before the command ends
    fcntl = None  # type: ignore[assignment]

from fitcareer import __version__
from fitcareer import model as models
from fitcareer.data.files import FILES
from fitcareer.errors import DataError, Problem
from fitcareer.model import Catalog

CACHE_ENTRIES = 4
"""Cached catalogs kept (the shipped data and a few of the user's own)."""

MAX_ENTRY_BYTES = 2**30
"""Entries larger than this are ignored (1 GiB: fifty times the entry of 50,000 detailed
certifications, about 20 MB; the shipped data's entry is about 0.1 MB)."""

_MAGIC = b"fitcareer-catalog-1\n"
_PREFIX, _READY, _ALIAS, _SUFFIX = "catalog-", "ready-", "seen-", ".pickle"
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CODE = (
    "model.py",
    "data/files.py",
    "data/block.py",
    "data/parse.py",
    "data/validate.py",
    "data/cache.py",
    "data/wages.py",
)
"""The code that decides what a cached catalog holds: the records, how data is read and
checked, and the pickler. Its bytes are part of every key."""


def cache_dir() -> Path | None:
    """Where cached catalogs live, by platform convention; None when caching is off."""
    if os.environ.get("FITCAREER_NO_CACHE"):
        return None
    override = os.environ.get("FITCAREER_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "fitcareer"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "fitcareer" / "Cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "fitcareer"


def fingerprint() -> bytes | None:
    """A digest of the code in `_CODE`, read from the installed files at run time, so a
    change to a record or to the rules changes every key; None if the code is unreadable."""
    package = Path(models.__file__).parent
    digest = hashlib.sha256()
    try:
        for name in _CODE:
            digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    except OSError:
        return None
    return digest.digest()


def key(
    raws: dict[str, bytes],
    optional: dict[str, bytes] | None = None,
    forms: dict[str, str] | None = None,
) -> str:
    """The entry a catalog is kept under: the code, every data file's bytes and the form
    it was read in (``forms``: `.yaml` or `.json`, whose readers differ), and each
    optional file (wages.yaml) that exists, by its path."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    code = fingerprint()
    digest.update(code if code is not None else os.urandom(32))
    for name in FILES:
        form = (forms or {}).get(name, "")
        digest.update(f"{name}\0{form}\0{len(raws[name])}\0".encode())
        digest.update(raws[name])
    for name, raw in sorted((optional or {}).items()):
        digest.update(b"\1" + name.encode() + b"\0" + str(len(raw)).encode() + b"\0" + raw)
    return digest.hexdigest()


def _name(key: str) -> str:
    return f"{_PREFIX}{key[:40]}{_SUFFIX}"


def refusal(folder: Path, info: os.stat_result) -> str | None:
    """Why a cache directory may not be used (None: it may)."""
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a directory"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"{folder} belongs to another user"
    if info.st_mode & 0o022:
        return f"{folder} can be written by other users (chmod 700 {folder} to use it)"
    return None


@contextlib.contextmanager
def _opened(create: bool) -> Iterator[int | None]:
    """The cache directory as an open descriptor once it passes `refusal`, else None.

    Every entry is then opened relative to that descriptor, so what was checked is what
    is used, even if the path is swapped meanwhile.
    """
    folder = cache_dir()
    fd = None
    if folder is not None:
        try:
            if create:
                os.makedirs(folder, mode=0o700, exist_ok=True)
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            if refusal(folder, os.fstat(fd)) is not None:
                os.close(fd)
                fd = None
        except OSError:
            fd = None
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def writing(ready: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the cache directory's lock while entries are written after the answer (by a
    detached process), so that `settled` can wait for them.

    ``ready()`` is called once the lock is held, or at once when another process holds
    it (whose writes then come first), so that the command's process need not wait.
    """
    told = False
    with _opened(create=True) as folder:
        if folder is not None and fcntl is not None:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                ready()
                told = True
                with contextlib.suppress(OSError):
                    fcntl.flock(folder, fcntl.LOCK_EX)
            except OSError:
                pass
        if not told:
            ready()
        yield


def settled(folder: Path | None = None) -> None:
    """Wait until no entry is being written into ``folder`` (the cache directory unless
    given) after an answer (`writing`)."""
    folder = folder or cache_dir()
    if folder is None or fcntl is None:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        pass
    finally:
        os.close(fd)


class _Unpickler(pickle.Unpickler):
    """Builds only fitcareer's own data classes: a foreign pickle cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        found = getattr(models, name, None) if module == "fitcareer.model" else None
        if isinstance(found, type) and issubclass(found, models.Record):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _trusted(info: os.stat_result) -> bool:
    """An entry fitcareer wrote for this user: a regular file of theirs, 0600 at most."""
    own = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    return (
        stat.S_ISREG(info.st_mode)
        and own
        and not info.st_mode & 0o022
        and info.st_size <= MAX_ENTRY_BYTES
    )


def _read(name: str) -> io.BytesIO | None:
    """An entry's bytes after its magic line, if it is one fitcareer wrote for this user
    (read whole in one go, at its size: an entry that changes meanwhile is ignored)."""
    with _opened(create=False) as folder:
        if folder is None:
            return None
        try:
            fd = os.open(name, _READ, dir_fd=folder)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as f:
                info = os.fstat(f.fileno())
                if not _trusted(info):
                    return None
                blob = f.read(info.st_size + 1)
        except OSError:
            return None
    if len(blob) != info.st_size or not blob.startswith(_MAGIC):
        return None
    stream = io.BytesIO(blob)
    stream.seek(len(_MAGIC))
    return stream


_HEAD = struct.Struct("<Q")
"""The length of a catalog entry's head, after the magic line; its blocks follow the head."""


class _Area:
    """A catalog entry's blocks, still in its file: read by position when first used.

    The entry stays open, so a newer entry renamed over it meanwhile changes nothing
    read from it; a block cut short reads as damaged.
    """

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, at: int, size: int) -> bytes:
        if hasattr(os, "pread"):
            blob = os.pread(self.fd, size, at)
        else:  # Windows
            os.lseek(self.fd, at, os.SEEK_SET)
            blob = b""
            while len(blob) < size and (part := os.read(self.fd, size - len(blob))):
                blob += part
        if len(blob) != size:
            raise ValueError("the entry is shorter than its head says")
        return blob

    def __del__(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _open_entry(name: str) -> tuple[io.BytesIO, _Area, int, int] | None:
    """A catalog entry's head, its blocks' area, where they start and the entry's size."""
    with _opened(create=False) as folder:
        if folder is None:
            return None
        try:
            fd = os.open(name, _READ, dir_fd=folder)
        except OSError:
            return None
    area = _Area(fd)
    try:
        info = os.fstat(fd)
        if not _trusted(info):
            return None
        start = len(_MAGIC) + _HEAD.size
        lead = area.read(0, start)
        if not lead.startswith(_MAGIC):
            return None
        (size,) = _HEAD.unpack_from(lead, len(_MAGIC))
        if start + size > info.st_size:
            return None
        head = area.read(start, size)
    except (OSError, ValueError):
        return None
    return io.BytesIO(head), area, start + size, info.st_size


def get(key: str) -> Catalog | None:
    opened = _open_entry(_name(key))
    if opened is None:
        return None
    head, area, start, size = opened
    try:
        stored_key, catalog, eager, index = _Unpickler(head).load()
        if stored_key != key or not isinstance(catalog, Catalog):
            return None
        catalog.certifications = _certifications(eager, _blocks(area, start, size, index))
    except Exception:
        return None
    return catalog


def _blocks(area: _Area, start: int, size: int, index: list[tuple[int, ...]]) -> list[_Block]:
    """Each block of the entry, from the lengths of its fields (the head's index)."""
    blocks = []
    for lengths in index:
        block = _Block(area, start, lengths)
        start += sum(lengths)
        blocks.append(block)
    if start != size:
        raise ValueError("the blocks do not fill the entry")
    return blocks


class _Pickler(pickle.Pickler):
    """Writes each record as its class and field values, rebuilt by ``__init__``.

    That loads about twice as fast as pickle's default for slotted dataclasses (a dict of
    field values per object). Text values are interned, so that one repeated across the
    data (source ids, dates, units) is stored, and rebuilt on a warm run, once.
    """

    intern = True

    def reducer_override(self, obj: Any) -> Any:
        shape = _SHAPES.get(type(obj))
        if shape is None:
            if not isinstance(obj, models.Record):
                return NotImplemented
            kind = obj._kind()
            names = kind.__slots__
            get = operator.attrgetter(names[0], *names[1:]) if names else lambda _: ()
            shape = _SHAPES[type(obj)] = (kind, get, len(names) == 1)
        kind, values, single = shape
        got = (values(obj),) if single else values(obj)
        if not self.intern:
            return kind, got
        return kind, tuple([intern(v) if v.__class__ is str else v for v in got])


class _BlockPickler(_Pickler):
    """For a block of lazy fields: text is not interned. That halves the time to write a
    large catalog's entry; a block is read only for the certifications a run shows, so
    the extra text it holds costs little."""

    intern = False


_SHAPES: dict[type, tuple[type, Callable[[Any], Any], bool]] = {}
"""Each record class, the model it is pickled as and how to read its field values."""


def _dumps(value: object, pickler: type[_Pickler] = _Pickler) -> bytes:
    buffer = io.BytesIO()
    pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


EAGER = ("id", "abbr", "credential", "org", "roles", "accreditation")
"""The fields of a certification read with the catalog: what lists and the commonest
filter need. The others are read when first used."""

LAZY = tuple(name for name in models.Certification.__slots__ if name not in EAGER)
_LAZY_AT = {name: i for i, name in enumerate(LAZY)}

BLOCK = 64
"""Certifications whose lazy fields are stored together: a field is read for a block at a
time, so a filter over every certification reads one field of each block, and a table
of 25 reads at most 25 blocks."""


class _Block:
    """The lazy fields of up to `BLOCK` certifications, one pickle per field, each read
    from the entry when first used."""

    __slots__ = ("area", "lengths", "read", "start")

    def __init__(self, area: _Area, start: int, lengths: tuple[int, ...]) -> None:
        if type(lengths) is not tuple or len(lengths) != len(LAZY):
            raise ValueError("not a block of certification fields")
        if not all(type(n) is int and n > 0 for n in lengths):
            raise ValueError("not a block of certification fields")
        self.area, self.start, self.lengths = area, start, lengths
        self.read: dict[str, tuple[Any, ...]] = {}

    def field(self, name: str) -> tuple[Any, ...]:
        values = self.read.get(name)
        if values is None:
            enabled = gc.isenabled()
            gc.disable()
            try:
                at = _LAZY_AT[name]
                where = self.start + sum(self.lengths[:at])
                blob = self.area.read(where, self.lengths[at])
                values = _Unpickler(io.BytesIO(blob)).load()
            except Exception:
                raise DataError(
                    [
                        Problem(
                            str(cache_dir()),
                            "a cached catalog is damaged (fitcareer cache --clear)",
                        )
                    ]
                ) from None
            finally:
                if enabled:
                    gc.enable()
            self.read[name] = values
        return values


class _Certification(models.Certification):
    """A certification from the cache: its `LAZY` fields are read on first use.

    Every view and query sees an ordinary `Certification`; a warm run over a large
    catalog then reads only what it shows: a table of 25 reads 25 records whole and one
    field of the rest.
    """

    __slots__ = ("_at", "_block")
    _at: int
    _block: _Block

    def _kind(self) -> type[models.Record]:
        return models.Certification

    def __getattr__(self, name: str) -> Any:
        if name not in _LAZY_AT:
            raise AttributeError(name)
        value = self._block.field(name)[self._at]
        setattr(self, name, value)
        return value


def _stored(catalog: Catalog) -> tuple[Catalog, list[tuple[Any, ...]], list[tuple[bytes, ...]]]:
    """A catalog as an entry keeps it: the certifications apart, their `EAGER` fields as
    rows and the rest in blocks."""
    certs = list(catalog.certifications.values())
    known: dict[Any, Any] = {}
    share = {"roles": _one, "accreditation": _ones}
    eager = [
        tuple(share[n](getattr(c, n), known) if n in share else getattr(c, n) for n in EAGER)
        for c in certs
    ]
    blocks = [
        tuple(
            _dumps(tuple(getattr(c, name) for c in certs[at : at + BLOCK]), _BlockPickler)
            for name in LAZY
        )
        for at in range(0, len(certs), BLOCK)
    ]
    return dataclasses.replace(catalog, certifications={}), eager, blocks


def _ones(values: tuple[Any, ...], known: dict[Any, Any]) -> tuple[Any, ...]:
    shared: tuple[Any, ...] = _one(tuple([_one(value, known) for value in values]), known)
    return shared


def _one(value: Any, known: dict[Any, Any]) -> Any:
    """The first value stored equal to ``value``, so that an entry holds it once and a
    warm run builds it once: thousands of certifications share an accreditation (the
    same body, source and date) or a list of roles. Records are read-only, so sharing
    one changes nothing."""
    try:
        return known.setdefault(_identity(value), value)
    except TypeError:
        return value


def _identity(value: Any) -> Any:
    """What makes two values equal, hashable (`TypeError` for a list or a dict)."""
    if type(value) is tuple:
        return (tuple, *map(_identity, value))
    if isinstance(value, models.Record):
        return (value._kind(), *map(_identity, value._values()))
    return (type(value), value)


def _certifications(
    eager: list[tuple[Any, ...]], shelves: list[_Block]
) -> dict[str, models.Certification]:
    if len(shelves) != -(-len(eager) // BLOCK):
        raise ValueError("blocks do not match the certifications")
    new = object.__new__
    certs: dict[str, models.Certification] = {}
    for at, (id_, abbr, credential, org, roles, accreditation) in enumerate(eager):
        c = new(_Certification)
        c.id, c.abbr, c.credential, c.org = id_, abbr, credential, org
        c.roles, c.accreditation = roles, accreditation
        c._block, c._at = shelves[at // BLOCK], at % BLOCK
        certs[id_] = c
    return certs


def put(key: str, catalog: Catalog) -> None:
    """Store a catalog `build` made; never through a link, never over what is not an entry.

    The entry is a head (the catalog without its certifications, their `EAGER` fields,
    and the length of each lazy field in each block), then the blocks' fields.
    """
    rest, eager, blocks = _stored(catalog)
    head = _dumps((key, rest, eager, [tuple(map(len, fields)) for fields in blocks]))
    _write(_name(key), b"".join([_HEAD.pack(len(head)), head, *(b"".join(f) for f in blocks)]))


def _write(name: str, body: bytes) -> None:
    blob = _MAGIC + body
    if len(blob) > MAX_ENTRY_BYTES:
        return
    with _opened(create=True) as folder:
        if folder is not None:
            with contextlib.suppress(OSError):
                _store(folder, name, blob)
                _prune(folder, name[: name.index("-") + 1])


class _PlainUnpickler(pickle.Unpickler):
    """Builds plain data only (text, numbers, tuples, lists, dicts): no class at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def ready_key(key: str, name: str) -> str:
    """The entry a catalog's ready-made output (`name`) is kept under: the catalog's key
    and every module of fitcareer, since views and renderers shape it too."""
    package = Path(models.__file__).parent
    digest = hashlib.sha256(f"{key}\0{name}\0".encode())
    try:
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    except OSError:
        digest.update(os.urandom(32))
    return digest.hexdigest()


def _alias_name(seen: tuple[tuple[object, ...], ...]) -> tuple[str, str]:
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{seen!r}".encode())
    code = fingerprint()
    digest.update(code if code is not None else os.urandom(32))
    alias = digest.hexdigest()
    return alias, _ALIAS + alias[:40] + _SUFFIX


def _get_plain(path: str, key: str) -> Any:
    """The plain data kept at ``path`` under ``key``, or None."""
    blob = _read(path)
    if blob is None:
        return None
    try:
        stored, value = _PlainUnpickler(blob).load()
    except Exception:
        return None
    return value if stored == key else None


def alias(seen: tuple[tuple[object, ...], ...]) -> str | None:
    """The key of the catalog read from files whose `files.signature` is ``seen``: a
    warm run then need not read and hash every data file to find its entry."""
    key = _get_plain(*reversed(_alias_name(seen)))
    return key if type(key) is str else None


def put_alias(seen: tuple[tuple[object, ...], ...], key: str) -> None:
    name, path = _alias_name(seen)
    _write(path, _dumps((name, key)))


def get_ready(key: str) -> dict[str, Any] | None:
    """Ready-made output kept under `ready_key`, or None."""
    value = _get_plain(_READY + key[:40] + _SUFFIX, key)
    return value if type(value) is dict else None


def put_ready(key: str, value: dict[str, Any]) -> None:
    _write(_READY + key[:40] + _SUFFIX, _dumps((key, value)))


def _store(folder: int, name: str, blob: bytes) -> None:
    try:
        info = os.lstat(name, dir_fd=folder)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return
    tmp = f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, _CREATE, 0o600, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise


def _listing(
    folder: int, prefixes: tuple[str, ...] = (_PREFIX, _READY, _ALIAS)
) -> list[tuple[str, os.stat_result]]:
    """Every name in the cache shaped like an entry, with what it is (not followed)."""
    found = []
    for name in os.listdir(folder):
        if name.startswith(prefixes) and name.endswith(_SUFFIX):
            with contextlib.suppress(OSError):
                found.append((name, os.lstat(name, dir_fd=folder)))
    return found


def _prune(folder: int, prefix: str) -> None:
    entries = sorted(
        (info.st_mtime, name)
        for name, info in _listing(folder, (prefix,))
        if stat.S_ISREG(info.st_mode)
    )
    for _, old in entries[:-CACHE_ENTRIES]:
        with contextlib.suppress(OSError):
            os.unlink(old, dir_fd=folder)


@dataclass(frozen=True)
class CacheInfo:
    """What `fitcareer cache` reports."""

    folder: Path | None
    entries: int
    """Cached catalogs."""
    bytes: int
    """Their size, and that of what is kept with them (ready-made output, file aliases)."""
    ignored: int = 0
    """Names shaped like entries that are not usable ones (a link, a directory, ...)."""
    unused: str | None = None
    """Why the cache is not used, when it is not."""


def _check() -> tuple[Path | None, str | None]:
    """The cache directory and why it may not be used (None: it may, or it does not exist)."""
    folder = cache_dir()
    if folder is None:
        return None, None
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return folder, None
    except OSError as e:
        return folder, f"{folder}: {e.strerror or e}"
    return folder, refusal(folder, info)


def cache_info() -> CacheInfo:
    folder, unused = _check()
    if folder is None or unused is not None:
        return CacheInfo(folder, 0, 0, unused=unused)
    with _opened(create=False) as fd:
        if fd is None:
            return CacheInfo(folder, 0, 0)
        try:
            listing = _listing(fd)
        except OSError as e:
            return CacheInfo(folder, 0, 0, unused=f"{folder}: {e.strerror or e}")
    good = [(name, info) for name, info in listing if _trusted(info)]
    total = sum(info.st_size for _, info in good)
    catalogs = sum(name.startswith(_PREFIX) for name, _ in good)
    return CacheInfo(folder, catalogs, total, ignored=len(listing) - len(good))


@dataclass(frozen=True)
class Cleared:
    """What `fitcareer cache --clear` did."""

    removed: int
    """Cached catalogs removed (what is kept with them goes too)."""
    failed: int = 0
    reason: str | None = None
    """Why some entries could not be removed, or why the cache was left alone."""


def cache_clear() -> Cleared:
    """Remove every cached catalog (and any link or file named like one), never
    following a link and never touching a directory that is not the user's own."""
    folder, unused = _check()
    if folder is None or unused is not None:
        return Cleared(0, reason=unused)
    removed, failed, reason = 0, 0, None
    with _opened(create=False) as fd:
        if fd is None:
            return Cleared(0)
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            listing = _listing(fd)
        except OSError as e:
            return Cleared(0, reason=f"{folder}: {e.strerror or e}")
        for name, info in listing:
            if stat.S_ISDIR(info.st_mode):
                failed, reason = failed + 1, f"{folder / name} is a directory (left alone)"
                continue
            try:
                os.unlink(name, dir_fd=fd)
                removed += name.startswith(_PREFIX)
            except OSError as e:
                failed, reason = failed + 1, f"{folder}: {e.strerror or e}"
    return Cleared(removed, failed, reason)
