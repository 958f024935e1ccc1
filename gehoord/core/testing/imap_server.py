"""A real IMAP server for tests: Debian's Dovecot, run from a throwaway configuration.

Nothing under /etc/dovecot is touched. The server listens on a free port of
127.0.0.1 with one user and plain-text login (no TLS: it never leaves the
machine). ``make test`` installs dovecot-imapd when it is missing; if it is
still not there the fixture fails loudly, it never skips.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
MAIL_USER = "nobody"
MAIL_GROUP = "nogroup"

CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dir}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={dir}/mail/%n
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service ipc {{
  chroot =
}}
"""


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    directory: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Dovecot did not answer on port {port}:\n{log.read_text() if log.exists() else ''}")


@contextmanager
def running_imap_server(user: str = "klachten", password: str = "geheim") -> Iterator[ImapServer]:
    if not os.access(DOVECOT, os.X_OK):
        raise RuntimeError(
            f"{DOVECOT} is missing: install Debian's dovecot-imapd (make test does: "
            "scripts/ensure-system-packages.sh imap)."
        )
    # Dovecot refuses root as the mail user: as root, everything runs as nobody;
    # as a plain user, as that user.
    as_root = os.geteuid() == 0
    mail_user = MAIL_USER if as_root else pwd.getpwuid(os.getuid()).pw_name
    mail_group = MAIL_GROUP if as_root else grp.getgrgid(os.getgid()).gr_name
    directory = Path(tempfile.mkdtemp(prefix="gehoord-imap-"))
    directory.chmod(0o755)
    port = free_port()
    (directory / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
    config = directory / "dovecot.conf"
    config.write_text(CONFIG.format(dir=directory, user=mail_user, group=mail_group, port=port))
    for sub in ("run", "state", "mail"):
        (directory / sub).mkdir()
    for path in [directory, *directory.rglob("*")]:
        shutil.chown(path, mail_user, mail_group)
    command = [DOVECOT, "-F", "-c", str(config)]
    if as_root:
        command = ["runuser", "-u", MAIL_USER, "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, directory / "dovecot.log")
        yield ImapServer("127.0.0.1", port, user, password, directory)
    finally:
        stop = [DOVEADM, "-c", str(config), "stop"]
        subprocess.run(
            ["runuser", "-u", MAIL_USER, "--", *stop] if as_root else stop, capture_output=True, timeout=15
        )
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)
