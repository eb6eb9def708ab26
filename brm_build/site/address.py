"""Where ``brm serve`` listens: ``HOST:PORT`` read as MkDocs reads it, and whether the
preview can listen there, asked before any page is generated."""

from __future__ import annotations

import errno
import ipaddress
import socket

ADVICE = "choose another with --dev-addr HOST:PORT, such as --dev-addr 127.0.0.1:8001"


def parse_address(text: str) -> tuple[str, int]:
    """The host and port of ``HOST:PORT`` (an IP address or localhost, a port 1-65535);
    ValueError says what is wrong."""
    host, colon, port = text.rpartition(":")
    if not colon or not host:
        raise ValueError(f"'{text}' is not HOST:PORT, such as 127.0.0.1:8000")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"'{port}' is not a port: use a number from 1 to 65535")
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if bare != "localhost":
        try:
            ipaddress.ip_address(bare)
        except ValueError:
            raise ValueError(
                f"'{host}' is not an IP address: use one, such as 127.0.0.1, or localhost"
            ) from None
    return bare, int(port)


def unavailable(text: str) -> str | None:
    """Why the preview cannot listen at ``text`` (HOST:PORT), or None when it can."""
    host, port = parse_address(text)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the preview's server does: a port that only closed connections wait on is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"{text} is in use by another program: stop it, or {ADVICE}"
            if exc.errno == errno.EACCES:
                return f"{text} needs privileges to listen on: {ADVICE}"
            return f"cannot listen at {text}: {exc.strerror}; {ADVICE}"
    return None
