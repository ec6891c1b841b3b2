"""Which filesystems ``make serve`` trusts to report a save (``newsroom.site.watching``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsroom.site import watching

# /proc/self/mountinfo as the kernel writes it: a root on ext4, a Windows drive under WSL,
# an NFS home, a tmpfs inside it, and a mount point with a space (written as \\040)
MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
31 22 0:40 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\\
40 22 0:50 / /home rw,relatime - nfs4 server:/home rw,vers=4.2
41 40 0:51 / /home/bien-tap/nhap rw - tmpfs tmpfs rw
42 22 0:52 / /srv/tin\\040tuc rw - xfs /dev/sdb1 rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/newsroom/docs", "ext4"),
        ("/mnt/c/Users/bien-tap/newsroom/docs", "9p"),
        ("/mnt/cd", "ext4"),  # a sibling's name is not its mount
        ("/home/bien-tap/newsroom/docs", "nfs4"),
        ("/home/bien-tap/nhap/docs", "tmpfs"),  # the innermost mount holds it
        ("/srv/tin tuc/docs", "xfs"),
    ],
)
def test_the_innermost_mount_names_the_filesystem(path: str, kind: str) -> None:
    assert watching.filesystem_of(Path(path), MOUNTINFO) == kind


def test_shared_folders_are_polled_and_local_ones_are_not() -> None:
    assert {"9p", "nfs4", "cifs", "fuse.sshfs", "virtiofs"}.isdisjoint(watching.LOCAL_FILESYSTEMS)
    assert {"ext4", "xfs", "btrfs", "overlay", "tmpfs"} <= watching.LOCAL_FILESYSTEMS


def test_this_machine_s_mounts_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real mount table: /proc is procfs (polled); the test's folder follows its mount."""
    monkeypatch.delenv(watching.ENV_VAR, raising=False)
    assert watching.why_polling(Path("/proc/self")) == "proc filesystem"
    mounts = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    kind = watching.filesystem_of(tmp_path, mounts)
    expected = None if kind in watching.LOCAL_FILESYSTEMS else f"{kind} filesystem"
    assert watching.why_polling(tmp_path) == expected
    monkeypatch.setenv(watching.ENV_VAR, "poll")
    assert watching.why_polling(tmp_path) == f"{watching.ENV_VAR}=poll"
