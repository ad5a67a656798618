"""Progress bars (`progress.py`): drawn on a terminal only, never when quiet."""

from __future__ import annotations

import io

import pytest


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from sportkg import settings
    from sportkg.progress import progress

    piped = io.StringIO()
    assert list(progress(range(5), total=5, desc="articles", stream=piped)) == list(range(5))
    assert piped.getvalue() == ""
    terminal = _Terminal()
    assert list(progress(range(5), total=5, desc="articles", stream=terminal)) == list(range(5))
    assert "articles" in terminal.getvalue()
    monkeypatch.setattr(settings, "QUIET", True)
    quiet = _Terminal()
    assert list(progress(range(5), total=5, desc="articles", stream=quiet)) == list(range(5))
    assert quiet.getvalue() == ""
