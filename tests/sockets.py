"""What the tests' TCP relays share."""
import socket


def shut(*socks: socket.socket) -> None:
    """Shut down and close each socket, whatever state the other end left it in."""
    for sock in socks:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
