"""Progress of long work on a terminal: its phases, each with a bar where its size is known.

    progress = Progress.for_command(command, quiet=options["quiet"])
    progress.phase("Reading rows", total=50_000)
    progress.update(10_000)          # redrawn at most every `every` seconds
    progress.phase("Writing amounts")
    progress.finish()

Writes to the command's stderr, and only when it is a terminal and the user did not ask for
quiet: piped or logged output gets the summary alone. A disabled Progress does nothing, so the
code it reports on needs no conditions. Kept by hand rather than a dependency: it is small.
"""

import time

from django.core.management.base import OutputWrapper

WIDTH = 30


class Progress:
    def __init__(self, stream, *, enabled=True, every=0.2, clock=time.monotonic):
        if stream is not None and not isinstance(stream, OutputWrapper):
            stream = OutputWrapper(stream)
        self.stream, self.enabled, self.every, self.clock = stream, enabled, every, clock
        self.name, self.total, self.done = None, None, 0
        self.started = self.drawn = None

    @classmethod
    def for_command(cls, command, quiet=False):
        """A Progress on a management command's stderr, enabled on a terminal unless `quiet`."""
        stream = command.stderr
        return cls(stream, enabled=not quiet and is_terminal(stream))

    def phase(self, name, total=None):
        """End the current phase (with its time) and start the next."""
        if not self.enabled:
            return
        self.end_phase()
        self.name, self.total, self.done = name, total, 0
        self.started = self.clock()
        self.drawn = None
        self.draw()

    def update(self, done):
        """`done` units of the current phase are done (rows, activities, …)."""
        if not self.enabled or self.name is None:
            return
        self.done = done
        if self.drawn is None or self.clock() - self.drawn >= self.every:
            self.draw()

    def finish(self):
        if self.enabled:
            self.end_phase()

    def end_phase(self):
        if self.name is None:
            return
        if self.total is not None:
            self.done = self.total
        self.draw(end=f" ({self.clock() - self.started:.1f} s)\n")
        self.name = None

    def draw(self, end=""):
        self.drawn = self.clock()
        # style_func=str: plain text, not the red a command's stderr gives errors
        self.stream.write(f"\r{self.line()}{end}", style_func=str, ending="")
        self.stream.flush()

    def line(self):
        if not self.total:
            count = f" {self.done:,}" if self.done else ""
            return f"{self.name}…{count}"
        share = min(self.done / self.total, 1)
        filled = round(share * WIDTH)
        bar = "#" * filled + "." * (WIDTH - filled)
        return f"{self.name} [{bar}] {self.done:,}/{self.total:,} {share:4.0%}"


SILENT = Progress(None, enabled=False)  # for callers that want no progress


def is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
