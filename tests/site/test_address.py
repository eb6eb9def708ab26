"""``brm serve --dev-addr``: a mistaken address is a usage error before any page is made,
and a port another program holds is said plainly, with what to do."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest

from brm_build.cli import main
from brm_build.site.address import parse_address, unavailable

from ..conftest import CASES

CLEAN = CASES / "valid" / "minimal"


@pytest.fixture
def busy() -> Iterator[str]:
    """HOST:PORT where another program listens."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        host, port = listener.getsockname()
        yield f"{host}:{port}"


def test_a_port_in_use_says_so_and_how_to_choose_another(
    busy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--root", str(CLEAN), "--dev-addr", busy])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        f"brm: {busy} is in use by another program: stop it, or choose another with "
        "--dev-addr HOST:PORT, such as --dev-addr 127.0.0.1:8001\n"
    )


def test_a_free_port_is_available(busy: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = f"127.0.0.1:{probe.getsockname()[1]}"
    assert unavailable(free) is None
    assert unavailable(busy) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("localhost:8001", ("localhost", 8001)),
        ("[::1]:8002", ("::1", 8002)),
        ("0.0.0.0:65535", ("0.0.0.0", 65535)),
    ],
)
def test_addresses_as_mkdocs_reads_them(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("8000", "'8000' is not HOST:PORT, such as 127.0.0.1:8000"),
        (":8000", "':8000' is not HOST:PORT, such as 127.0.0.1:8000"),
        ("127.0.0.1:0", "'0' is not a port: use a number from 1 to 65535"),
        ("127.0.0.1:65536", "'65536' is not a port: use a number from 1 to 65535"),
        ("127.0.0.1:http", "'http' is not a port: use a number from 1 to 65535"),
        (
            "example.com:80",
            "'example.com' is not an IP address: use one, such as 127.0.0.1, or localhost",
        ),
    ],
)
def test_a_mistaken_address_is_a_usage_error(
    text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        parse_address(text)
    assert main(["serve", "--root", str(CLEAN), "--dev-addr", text]) == 2
    assert capsys.readouterr().err.endswith(f"argument --dev-addr: {message}\n")
