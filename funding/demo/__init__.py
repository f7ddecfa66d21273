"""Demo data: the agreements the 2007 report names, filler agreements, and illustrative amounts.

The report gives no per-project amounts, only portfolio totals (section 2). `layout.build()`
lays out the agreement-years (fixtures/demo/narrative_agreements.csv plus deterministic fillers)
and `allocation.allocate()` chooses amounts by iterative proportional fitting, so that the
records reproduce every published figure; `loading` writes them through the importer and
removes them. docs/demo-data.md explains the choices.
"""

from .loading import DemoLoadError, demo_load, demo_remove

__all__ = ["DemoLoadError", "demo_load", "demo_remove"]
