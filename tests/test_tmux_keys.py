"""The installed binary in tmux: keystroke timing a Pilot test cannot show (closing the last pane, a paste)."""

from __future__ import annotations

import time

import pytest

from .test_tmux import Tmux, pytestmark, term  # noqa: F401  (the fixture and the markers)

assert pytestmark


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
def test_closing_the_last_pane_leaves_the_app_alive(term, size):  # noqa: F811
    t: Tmux = term(width=size[0], height=size[1])
    t.wait_for("Type to search")
    t.type("detainees")
    t.wait_for("passage(s)")
    t.keys("Down", "Enter")
    t.wait_for("Next hit")
    t.keys("x")
    t.wait_until(lambda s: "Next hit" not in s, "the pane closed")
    t.keys("?")
    t.wait_for("every key")
    t.keys("Escape")
    t.wait_until(lambda s: "every key" not in s, "help closed")
    t.keys("/")
    t.type("Marotto")
    t.wait_until(lambda s: "Marotto" in s.splitlines()[1] + s.splitlines()[2], "typing in the box")


def test_the_last_text_pasted_is_searched(term):  # noqa: F811
    t: Tmux = term()
    t.wait_for("Type to search")
    t.type("detainees")
    t.wait_for("passage(s)")
    t.tmux("send-keys", "-t", "t", "C-u", ";", "send-keys", "-t", "t", "-l", "Marotto")  # one burst
    time.sleep(4)
    s = t.screen()
    assert "Marotto" in s.splitlines()[2]  # the box
    results = s.split("passage(s)", 1)[-1]
    assert "Wayne Marotto" in results and "detainees" not in results.lower()


def test_a_slash_typed_quickly_in_the_box_is_kept(term):  # noqa: F811
    """"x/y 9/11" typed in one burst kept no slash (attacker check): / goes to the box from elsewhere, and in
    the empty box it does nothing, but the box was still empty only because the x waited in its queue."""
    t: Tmux = term()
    t.wait_for("Type to search")
    t.tmux("send-keys", "-t", "t", "-l", "x/y 9/11 and/or")  # one burst, the box focused and empty
    t.wait_until(lambda s: "x/y 9/11 and/or" in s.splitlines()[2], "every slash in the box")
