"""Folders inside the download folder, opened so that no link can lead a file elsewhere.

Anyone who can write to the download share (Samba, NFS) could plant a link: a
`.medianest` that points to another folder, or a subfolder replaced by a link while a
download runs. So every folder is opened as a descriptor, one name at a time relative to
the one before, at the moment it is used, and every file operation afterwards goes
through those descriptors (`dir_fd`), never through a path that could change meanwhile:

- MediaNest's own folders (`.medianest` and a download's folder in it) must be real
  folders: a link there is refused (`O_NOFOLLOW`).
- A subfolder the user chose may be a link, as long as the folder it opens is inside the
  download folder's real path (checked on the opened descriptor, not on a path).

Only the standard library is used: the yt-dlp worker process loads this file too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import contextlib
import os
import shutil
import stat

_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafeFolderError(OSError):
    """A folder on the way is a link that leads outside the download folder (or is no folder)."""


def fd_path(fd: int) -> str | None:
    """The real path of an open folder, where the system tells (Linux: /proc)."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return None


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def open_root(folder: str) -> tuple[int, str]:
    """Open the download folder itself; return the descriptor and its real path now."""
    real = os.path.realpath(folder)
    fd = os.open(real, _DIRECTORY)
    return fd, real


def open_folder(root_fd: int, root: str, names: Iterable[str], *, create: bool, links: bool) -> int:
    """Open `names` below the open root, one at a time; make missing ones when `create`.

    `links=False` refuses any link on the way; `links=True` follows links but refuses a
    folder whose real path is outside `root` (the root's real path). The caller closes
    the descriptor returned.
    """
    # Without a way to read an open folder's real path, links cannot be checked: refuse them.
    follow = links and fd_path(root_fd) is not None
    fd = os.dup(root_fd)
    try:
        for name in names:
            if name in ("", ".", "..") or "/" in name or "\x00" in name:
                raise UnsafeFolderError(f"not a plain folder name: {name!r}")
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o755, dir_fd=fd)
            try:
                next_fd = os.open(name, _DIRECTORY | (0 if follow else _NOFOLLOW), dir_fd=fd)
            except OSError as err:
                if os.path.islink(_join(fd, name)) or isinstance(err, NotADirectoryError):
                    raise UnsafeFolderError(f"{name} is a link or not a folder") from err
                raise
            os.close(fd)
            fd = next_fd
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                raise UnsafeFolderError(f"{name} is not a folder")
            real = fd_path(fd)
            if real is not None and not _inside(real, root):
                raise UnsafeFolderError(f"{name} leads outside the download folder")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _join(fd: int, name: str) -> str:
    base = fd_path(fd)
    return os.path.join(base, name) if base else name


def parts(relative: str) -> list[str]:
    """The folder names of a relative path."""
    return [name for name in relative.split("/") if name not in ("", ".")]


@contextlib.contextmanager
def _parent(root: str, names: list[str]) -> Iterator[int | None]:
    """The open folder that holds `root/names...`, never reached through a link (or None)."""
    try:
        root_fd, real = open_root(root)
    except OSError:
        yield None
        return
    try:
        parent = open_folder(root_fd, real, names[:-1], create=False, links=False)
    except OSError:
        yield None
        return
    finally:
        os.close(root_fd)
    try:
        yield parent
    finally:
        os.close(parent)


def remove_tree(root: str, names: list[str]) -> None:
    """Remove `root/names...` and what is in it, never through a link; errors are ignored."""
    if not names:
        return
    with _parent(root, names) as parent:
        if parent is not None and not os.path.islink(_join(parent, names[-1])):  # never a planted link
            shutil.rmtree(names[-1], dir_fd=parent, ignore_errors=True)


def remove_empty(root: str, names: list[str]) -> None:
    """Remove the empty folder `root/names...` (only when empty; never through a link)."""
    with _parent(root, names) as parent, contextlib.suppress(OSError):
        if parent is not None:
            os.rmdir(names[-1], dir_fd=parent)


def place(src_fd: int, name: str, dst_fd: int) -> str:
    """Move the file `name` from one open folder to another under a name no file has.

    A hard link is made first and fails if the name is taken, so an existing file is
    never replaced, even by a download finishing at the same moment; where links are not
    possible the file is copied into a new file opened exclusively. Returns the new name.
    """
    stem, ext = os.path.splitext(name)
    for n in range(1, 1000):
        target = f"{stem}{ext}" if n == 1 else f"{stem} ({n}){ext}"
        try:
            os.link(name, target, src_dir_fd=src_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links, or another device
            try:
                out = os.open(
                    target,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                    0o644,
                    dir_fd=dst_fd,
                )
            except FileExistsError:
                continue
            source = os.open(name, os.O_RDONLY | _NOFOLLOW, dir_fd=src_fd)
            with os.fdopen(source, "rb") as reader, os.fdopen(out, "wb") as writer:
                shutil.copyfileobj(reader, writer, 1024 * 1024)
        os.unlink(name, dir_fd=src_fd)
        return target
    raise FileExistsError("too many files with this name in the download folder")


__all__ = [
    "UnsafeFolderError",
    "fd_path",
    "open_folder",
    "open_root",
    "parts",
    "place",
    "remove_empty",
    "remove_tree",
]
