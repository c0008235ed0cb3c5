"""An asyncio server run in a background thread, for the test servers that share that life:
started (waiting until it listens, or failing with the reason), stopped, used as a context."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Self


class ThreadedAsyncServer:
    """Subclasses give `_listen()`: start listening and return the asyncio server."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    async def _listen(self) -> asyncio.Server:
        raise NotImplementedError

    def start(self) -> Self:
        name = type(self).__name__
        self._thread = threading.Thread(target=self._run, daemon=True, name=name)
        self._thread.start()
        if not self._ready.wait(5) or self._error is not None:
            raise RuntimeError(f"{name} did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # pragma: no cover - reported by start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = await self._listen()
        self._ready.set()
        async with server:
            await self._stop.wait()
            server.close()
