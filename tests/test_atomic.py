"""One way to write a file whole or not at all, for reports and for model, cache and manifest files alike."""

from __future__ import annotations

import os
import stat

import pytest

from screener import atomic
from screener.artefacts import dump_skops
from screener.atomic import finish, new_temp, write_atomically


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_atomically_replaces_whole_and_leaves_no_temp(tmp_path):
    path = tmp_path / "sub" / "model.json"
    write_atomically(path, b"first")
    write_atomically(path, b"second")
    assert path.read_bytes() == b"second"
    assert leftovers(path.parent) == []


def test_a_failed_write_leaves_the_previous_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "card.md"
    path.write_bytes(b"the last good card")

    def full_disk(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(path), "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(path, b"half a card")
    monkeypatch.undo()
    assert path.read_bytes() == b"the last good card"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("umask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)]
)
def test_temporary_paths_get_the_mode_a_new_file_gets(tmp_path, umask, file_mode, folder_mode):
    before = os.umask(umask)
    try:
        file_temp = new_temp(tmp_path / "r.xlsx")
        folder_temp = new_temp(tmp_path / "r", folder=True)
    finally:
        os.umask(before)
    assert stat.S_IMODE(file_temp.stat().st_mode) == file_mode
    assert stat.S_IMODE(folder_temp.stat().st_mode) == folder_mode
    assert file_temp.name.startswith(f".r.xlsx.{os.getpid()}.") and file_temp.name.endswith(".tmp")


def test_finish_removes_the_temp_when_placing_fails(tmp_path):
    target = tmp_path / "r.json"
    temp = new_temp(target)

    def refuse(_temp, _target):
        raise FileExistsError(17, "appeared meanwhile")

    with pytest.raises(FileExistsError):
        finish(temp, target, lambda path: path.write_text("{}"), refuse)
    assert not temp.exists() and not target.exists()


def test_model_files_and_reports_share_the_writer(tmp_path, monkeypatch):
    """dump_skops (models) goes through the same temporary-then-rename code the report writer uses."""
    calls = []
    real = atomic.finish

    def counting(*args, **kwargs):
        calls.append(args[1].name)
        return real(*args, **kwargs)

    monkeypatch.setattr(atomic, "finish", counting)
    dump_skops({"weights": [1.0, 2.0]}, tmp_path / "m.skops")
    assert calls == ["m.skops"]
