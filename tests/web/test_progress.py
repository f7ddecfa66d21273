"""web.progress: phases and a bar on a terminal, nothing otherwise."""

import io

from django.core.management.base import BaseCommand

from web.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_it_draws_a_bar_and_ends_each_phase_with_its_time():
    out, clock = Terminal(), Clock()
    progress = Progress(out, clock=clock)
    progress.phase("Reading rows", total=200)
    clock.now = 1.0
    progress.update(50)
    clock.now = 2.5
    progress.phase("Writing amounts")
    progress.finish()
    text = out.getvalue()
    assert "\rReading rows [........" in text
    assert "\rReading rows [########......................] 50/200  25%" in text
    assert "\rReading rows [##############################] 200/200 100% (2.5 s)\n" in text
    assert text.endswith("\rWriting amounts… (0.0 s)\n")


def test_it_redraws_at_most_every_few_tenths_of_a_second():
    out, clock = Terminal(), Clock()
    progress = Progress(out, clock=clock, every=0.2)
    progress.phase("Rows", total=1000)
    for done in range(1, 101):
        progress.update(done)  # no time passes: no redraw
    assert out.getvalue().count("\r") == 1
    clock.now = 0.3
    progress.update(101)
    assert out.getvalue().count("\r") == 2


def test_a_disabled_progress_writes_nothing():
    out = Terminal()
    progress = Progress(out, enabled=False)
    progress.phase("Rows", total=10)
    progress.update(5)
    progress.finish()
    assert out.getvalue() == ""


def test_a_command_shows_progress_only_on_a_terminal_and_unless_quiet():
    def command(stderr):
        return BaseCommand(stdout=io.StringIO(), stderr=stderr)

    assert Progress.for_command(command(Terminal())).enabled
    assert not Progress.for_command(command(Terminal()), quiet=True).enabled
    assert not Progress.for_command(command(io.StringIO())).enabled
