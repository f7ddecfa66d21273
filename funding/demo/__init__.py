"""Demo data: the agreements the 2007 report names, filler agreements, and illustrative amounts.

The report gives no per-project amounts, only portfolio totals (section 2). `layout.build()`
lays out the agreement-years (fixtures/demo/narrative_agreements.csv plus deterministic fillers)
and `allocation.allocate()` chooses amounts by iterative proportional fitting, so that the
records reproduce every published figure. docs/demo-data.md explains the choices.
"""

from .loading import demo_load, demo_remove, equal_shares

__all__ = ["demo_load", "demo_remove", "equal_shares"]
