"""A slow, breakable link between a test's phone and the live server: a TCP proxy on 127.0.0.1
that sends what the phone uploads at a set rate and can cut every connection mid-transfer, as a
weak 3G signal in a commune office does."""
import socket
import threading
import time
from typing import Self
from urllib.parse import urlsplit

from ..sockets import shut

CHUNK = 8192


class SlowLink:
    def __init__(self, upstream_url: str, up_bytes_per_second: int, latency: float = 0.05):
        target = urlsplit(upstream_url)
        self.upstream = (target.hostname, target.port)
        self.rate = up_bytes_per_second
        self.latency = latency
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.down = False
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.closed = True
        self.cut()
        self.listener.close()

    # -- what a test does ------------------------------------------------------------------------
    def cut(self) -> None:
        """Drop every connection now, in the middle of whatever it carries; refuse new ones."""
        self.down = True
        with self.lock:
            for sock in self.open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.open.clear()

    def restore(self) -> None:
        self.down = False

    # -- the proxy ---------------------------------------------------------------------------------
    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.update((client, server))
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, upload: bool) -> None:
        try:
            first = True
            while True:
                data = source.recv(CHUNK)
                if not data:
                    break
                if first:
                    time.sleep(self.latency)
                    first = False
                if upload:
                    time.sleep(len(data) / self.rate)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            shut(source, sink)
            with self.lock:
                self.open.discard(source)
                self.open.discard(sink)
