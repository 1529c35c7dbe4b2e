"""What a served page lets in, without a server: tokens, addresses, sizes."""

from __future__ import annotations

import stat
from pathlib import Path

from planner.web.guard import (
    MAX_HEIGHT,
    MAX_PASTE,
    MAX_TYPED,
    MAX_WIDTH,
    PASTE_START,
    TOKEN_DAYS,
    Hosts,
    Tokens,
    clamp_size,
    takes_input,
)


def test_only_tokens_this_server_issued_and_not_too_old_are_taken() -> None:
    clock = [1_800_000_000.0]
    tokens = Tokens(b"k" * 32, now=lambda: clock[0])
    token = tokens.issue()
    assert tokens.valid(token)
    assert tokens.issue() != token
    assert not tokens.valid("A" * len(token))  # chosen by a visitor
    assert not tokens.valid(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))  # changed
    assert not tokens.valid(token + "A")
    assert not tokens.valid("not base64 !")
    assert not Tokens(b"another key".ljust(32)).valid(token)  # another server's
    clock[0] += TOKEN_DAYS * 86400 - 1
    assert tokens.valid(token)
    clock[0] += 2
    assert not tokens.valid(token)  # expired


def test_the_key_is_kept_in_the_data_folder_for_this_user_only(tmp_path: Path) -> None:
    first = Tokens.for_folder(tmp_path)
    token = first.issue()
    assert Tokens.for_folder(tmp_path).valid(token)  # a restarted server knows its pages
    mode = stat.S_IMODE((tmp_path / "serve.key").stat().st_mode)
    assert mode == 0o600
    assert not Tokens.for_folder(None).valid(token)  # a workshop room keeps nothing


def test_requests_must_name_this_server_and_come_from_its_own_pages() -> None:
    hosts = Hosts("127.0.0.1", allowed=["planner.forum.example"])
    assert hosts.allows("127.0.0.1:8000", None)
    assert hosts.allows("localhost:8000", "http://localhost:8000")
    assert hosts.allows("[::1]:8000", None)
    assert hosts.allows("planner.forum.example", "https://planner.forum.example")
    assert not hosts.allows("attacker.example:8000", None)  # DNS rebinding
    assert not hosts.allows(None, None)
    assert not hosts.allows("127.0.0.1:8000", "http://attacker.example")  # another site's page
    assert not hosts.allows("127.0.0.1:8000", "http://127.0.0.1:9999")  # another local service
    assert not hosts.allows("127.0.0.1:8000", "null")
    room = Hosts("0.0.0.0", room=["192.168.1.20"])
    assert room.allows("192.168.1.20:8000", "http://192.168.1.20:8000")
    assert not room.allows("192.168.1.21:8000", None)


def test_sizes_a_person_could_send_and_a_terminal_within_limits() -> None:
    assert takes_input("hello")
    assert not takes_input("x" * (MAX_TYPED + 1))
    assert takes_input(PASTE_START + "x" * 5000 + "\x1b[201~")  # a long answer pasted
    assert not takes_input(PASTE_START + "x" * MAX_PASTE)
    assert clamp_size(120, 40) == (120, 40)
    assert clamp_size(100_000, 100_000) == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(-5, 0) == (10, 5)
