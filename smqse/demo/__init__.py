"""The seeded demo organisation: Métallerie Durand Industrie, a French multi-site metal-parts manufacturer.

    from smqse.demo import build_demo, DemoSize, DEMO_END_MONTH, load_ground_truth
    build_demo(smqse.db.connect(path))            # the demo: 4 sites, 50 indicators, 6 years, ~600 events
    build_demo(con, DemoSize.small())             # 2 sites, 2 years, for fast tests
    build_demo(con, DemoSize.enterprise())        # 300 sites, 150 indicators, 10 years, 1 M events

Measurements: one row per (indicator, site, month) over `years` × 12 months ending DEMO_END_MONTH, so
rows = sites × indicators × 12 × years. The signals injected are listed in data/demo_ground_truth.json.
"""

from smqse.demo.catalogue import DEMO_END_MONTH, DemoSize, load_ground_truth
from smqse.demo.database import build_demo_database
from smqse.demo.generator import build_demo

__all__ = ["DEMO_END_MONTH", "DemoSize", "build_demo", "build_demo_database", "load_ground_truth"]
