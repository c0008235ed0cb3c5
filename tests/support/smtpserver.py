"""SMTP servers on loopback port 25 for the STARTTLS probe's tests (tests run as root).

`SmtpServer` is aiosmtpd with STARTTLS (a certificate issued by a trustme test CA, or none),
optionally advertising REQUIRETLS and delaying every reply (once, before its first line), and
it records the commands each connection sent. `SilentServer` accepts and never says a word;
`BannerThenClose` sends its banner and hangs up; `ScriptedServer` sends fixed replies, one
for the connection and one for each line it receives. Each listens on its own 127.0.25.x address::

    ca = trustme.CA()
    with SmtpServer("127.0.25.1", ca.issue_cert("mx.test")) as server:
        ...  # server.commands: ["EHLO mailpath.invalid", "STARTTLS", "EHLO ...", "QUIT"]
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

__all__ = ["BannerThenClose", "ScriptedServer", "SilentServer", "SmtpServer"]


class _RecordingSmtp(SMTP):
    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owner = owner
        self._in_reply = False

    async def push(self, status: Any) -> None:
        # The delay comes once before each reply (a round trip), not before each line of it.
        if self._owner.delay and not self._in_reply:
            await asyncio.sleep(self._owner.delay)
        self._in_reply = str(status)[3:4] == "-"
        await super().push(status)

    async def smtp_EHLO(self, arg: str) -> None:
        self._owner.commands.append(f"EHLO {arg}")
        await super().smtp_EHLO(arg)

    async def smtp_HELO(self, arg: str) -> None:
        self._owner.commands.append(f"HELO {arg}")
        await super().smtp_HELO(arg)

    async def smtp_STARTTLS(self, arg: str) -> None:
        self._owner.commands.append("STARTTLS")
        await super().smtp_STARTTLS(arg)

    async def smtp_MAIL(self, arg: str | None) -> None:
        self._owner.commands.append(f"MAIL {arg}")
        await super().smtp_MAIL(arg)

    async def smtp_QUIT(self, arg: str) -> None:
        self._owner.commands.append("QUIT")
        await super().smtp_QUIT(arg)


class _Handler:
    def __init__(self, requiretls: bool) -> None:
        self.requiretls = requiretls

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        if self.requiretls:
            responses.insert(-1, "250-REQUIRETLS")
        return responses


class SmtpServer:
    def __init__(
        self,
        address: str,
        cert: trustme.LeafCert | None,
        *,
        port: int = 25,
        requiretls: bool = False,
        delay: float = 0.0,
    ) -> None:
        self.address = address
        self.port = port
        self.delay = delay
        self.commands: list[str] = []
        context: ssl.SSLContext | None = None
        if cert is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(context)
        owner = self

        class _Controller(Controller):
            def factory(self) -> SMTP:
                return _RecordingSmtp(owner, self.handler, **self.SMTP_kwargs)

        kwargs: dict[str, Any] = {"hostname": address, "port": port}
        if context is not None:
            kwargs["tls_context"] = context
        self._controller = _Controller(_Handler(requiretls), **kwargs)

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        self.commands.clear()  # the controller's own readiness connection
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


class _RawServer:
    """A TCP listener in a thread that does `serve(conn)` for each connection."""

    def __init__(self, address: str, port: int = 25) -> None:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((address, port))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self.held: list[socket.socket] = []
        self.accepted = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def serve(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.serve(conn)
            self.accepted += 1

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self.held:
            conn.close()
        self._sock.close()


class SilentServer(_RawServer):
    """Accepts, then holds the connection open and says nothing."""

    def serve(self, conn: socket.socket) -> None:
        self.held.append(conn)


class BannerThenClose(_RawServer):
    """Sends a 220 banner and closes the connection."""

    def serve(self, conn: socket.socket) -> None:
        conn.sendall(b"220 mx.test ESMTP\r\n")
        conn.close()


class ScriptedServer(_RawServer):
    """Sends `replies[0]` on connecting and the next reply for each line received (one
    connection at a time); closes after the last. Records the lines received."""

    def __init__(
        self,
        address: str,
        replies: list[str],
        port: int = 25,
        *,
        cert: trustme.LeafCert | None = None,
        hold: bool = False,
    ) -> None:
        super().__init__(address, port)
        self.replies = replies
        self.received: list[str] = []
        #: With a certificate, a 220 reply to STARTTLS starts TLS.
        self.context: ssl.SSLContext | None = None
        if cert is not None:
            self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            cert.configure_cert(self.context)
        #: After the last reply, read one more line and keep the connection open, silent
        #: (never closing TLS).
        self.hold = hold

    def serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        line = b""
        for i, reply in enumerate(self.replies):
            if i:
                line = _readline(conn)
                if not line:
                    break
                self.received.append(line.decode().rstrip("\r\n"))
            conn.sendall(reply.encode() + b"\r\n")
            if (
                self.context is not None
                and line.upper().startswith(b"STARTTLS")
                and reply[:3] == "220"
            ):
                conn = self.context.wrap_socket(conn, server_side=True)
        if self.hold:
            line = _readline(conn)  # e.g. the EHLO it will never answer
            if line:
                self.received.append(line.decode().rstrip("\r\n"))
            self.held.append(conn)
        else:
            conn.close()


def _readline(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        try:
            chunk = conn.recv(1)
        except OSError:
            return b""
        if not chunk:
            return b""
        data += chunk
    return data
