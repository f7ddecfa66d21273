"""Staging: the checked rows go into temporary tables, where SQL finds cross-row problems and
matches them with what the database already holds. Nothing here writes to a data table.

import_stage holds the staged rows (its columns are the staged-row description's); it is
grouped into import_proj (projects), import_agr (agreements) and import_amt (amounts), each
with the id and old values of its existing record once resolved. PostgreSQL fills the stage
with COPY; other databases with executemany. Every other statement is portable SQL
(UPDATE … FROM needs SQLite ≥ 3.33).
"""

from django.db import connection

from funding.models import YearlyAmount
from projects.models import Agreement, Project, ProjectMeasure

from .schema import SCHEMA

Status = YearlyAmount.Status
TEMP_TABLES = ["import_stage", "import_mset", "import_proj", "import_agr", "import_amt"]
BATCH = 10_000
TEMP_STATISTICS = 10
T = {
    "project": Project._meta.db_table,
    "agreement": Agreement._meta.db_table,
    "amount": YearlyAmount._meta.db_table,
    "pm": ProjectMeasure._meta.db_table,
}


class Stage:
    """The temporary tables of one import, on the current connection and transaction."""

    def __init__(self, fmt, schema=SCHEMA):
        self.fmt, self.schema = fmt, schema
        self.cursor = connection.cursor()
        self.postgres = connection.vendor == "postgresql"
        self.rows = 0
        self.statistics_target = "DEFAULT"  # set for the transaction by analyze()

    def sql(self, query, params=None):
        self.cursor.execute(query.format(**T), params)
        return self.cursor

    def all(self, query, params=None):
        return self.sql(query, params).fetchall()

    def count(self, query, params=None):
        return self.sql(query, params).fetchone()[0]

    def create(self):
        self.drop()
        self.sql(f"CREATE TEMP TABLE import_stage ({self.schema.stage_columns()})")
        self.sql("CREATE TEMP TABLE import_mset (set_id INTEGER, measure_id BIGINT, share NUMERIC)")

    def drop(self):
        for table in TEMP_TABLES:
            self.sql(f"DROP TABLE IF EXISTS {table}")

    def fill(self, staged):
        """Stream staged rows into import_stage."""
        if self.postgres:
            self.copy(staged)
            self.analyze("import_stage")
        else:
            self.insert(staged)

    def copy(self, staged):
        names = self.schema.column_list()
        with self.cursor.cursor.copy(f"COPY import_stage ({names}) FROM STDIN") as copy:
            for row in staged:
                copy.write_row(row)
                self.rows += 1

    def insert(self, staged):
        marks = ", ".join(["%s"] * len(self.schema.names))
        insert = f"INSERT INTO import_stage ({self.schema.column_list()}) VALUES ({marks})"
        batch = []
        for row in staged:
            batch.append(row)
            if len(batch) == BATCH:
                self.cursor.executemany(insert, batch)
                self.rows += len(batch)
                batch = []
        if batch:
            self.cursor.executemany(insert, batch)
            self.rows += len(batch)

    def derive(self, measure_sets):
        """Group the staged rows into projects, agreements and amounts.

        Rows of one group that disagree are flagged with MIN(x) <> MAX(x), not COUNT(DISTINCT x),
        which would sort every group.
        """
        rows = [(sid, mid, share) for key, sid in measure_sets.items() for mid, share in key]
        if rows:
            self.cursor.executemany("INSERT INTO import_mset VALUES (%s, %s, %s)", rows)
        self.group_projects()
        self.group_agreements()
        if self.fmt == "norad":
            self.add_up_payments()
        else:
            self.group_amounts()
        self.analyze("import_proj", "import_agr", "import_amt", "import_mset")

    def group_projects(self):
        keys = self.schema.key_list()
        self.sql(
            f"""CREATE TEMP TABLE import_proj AS SELECT {keys}, {self.schema.project_group()},
            MIN(line) AS line, CAST(NULL AS BIGINT) AS project_id,
            CASE WHEN MAX(measure_set) IS NULL THEN 0 ELSE 1 END AS measures_changed
            FROM import_stage GROUP BY {keys}"""
        )

    def group_agreements(self):
        self.sql(
            f"""CREATE TEMP TABLE import_agr AS SELECT akey, {self.schema.agreement_group()},
            MIN(year) AS first_year, MAX(year) AS last_year, MIN(line) AS line,
            CAST(NULL AS BIGINT) AS project_id, CAST(NULL AS BIGINT) AS agreement_id,
            CAST(NULL AS INTEGER) AS old_first, CAST(NULL AS INTEGER) AS old_last
            FROM import_stage GROUP BY akey"""
        )

    def group_amounts(self):
        self.sql(
            """CREATE TEMP TABLE import_amt AS SELECT akey, year, MIN(line) AS line,
            MAX(line) AS last_line, MAX(ore) AS ore, MAX(status) AS status,
            CASE WHEN MIN(ore) <> MAX(ore) OR MIN(status) <> MAX(status)
              THEN 1 ELSE 0 END AS values_differ,
            MIN(ore) AS min_ore, CAST(NULL AS BIGINT) AS agreement_id,
            CAST(NULL AS BIGINT) AS old_id, CAST(NULL AS BIGINT) AS old_ore,
            CAST(NULL AS TEXT) AS old_status
            FROM import_stage GROUP BY akey, year"""
        )

    def add_up_payments(self):
        """A Norad extract's payments add up; disbursed wins over planned."""
        paid, disbursed, planned = "d > 0 OR n_planned = 0", Status.DISBURSED, Status.PLANNED
        self.sql(
            f"""CREATE TEMP TABLE import_amt AS SELECT akey, year, line, last_line,
            CASE WHEN {paid} THEN d ELSE p END AS ore,
            CASE WHEN {paid} THEN '{disbursed}' ELSE '{planned}' END AS status,
            0 AS values_differ, 0 AS min_ore, CAST(NULL AS BIGINT) AS agreement_id,
            CAST(NULL AS BIGINT) AS old_id, CAST(NULL AS BIGINT) AS old_ore,
            CAST(NULL AS TEXT) AS old_status
            FROM (SELECT akey, year, MIN(line) AS line, MAX(line) AS last_line,
              SUM(CASE WHEN status = '{disbursed}' THEN ore ELSE 0 END) AS d,
              SUM(CASE WHEN status = '{planned}' THEN ore ELSE 0 END) AS p,
              SUM(CASE WHEN status = '{planned}' THEN 1 ELSE 0 END) AS n_planned
              FROM import_stage GROUP BY akey, year) AS payments"""
        )

    def analyze(self, *tables):
        """Refresh PostgreSQL's statistics after bulk changes, or it plans nested loops.

        The staging tables are sampled lightly (300 times TEMP_STATISTICS rows): the planner needs
        their sizes and rough distinct counts, not fine histograms. Data tables get the
        server's default, as their statistics outlive the import.
        """
        if not self.postgres:
            return
        for table in tables:
            target = TEMP_STATISTICS if table in TEMP_TABLES else "DEFAULT"
            if target != self.statistics_target:
                self.sql(f"SET LOCAL default_statistics_target = {target}")
                self.statistics_target = target
            self.sql(f"ANALYZE {table}")

    def resolve(self):
        """Find the existing project, agreement and amount of each staged one."""
        self.sql(
            f"""UPDATE import_proj SET project_id = p.id, {self.schema.old_values("p")}
            FROM {{project}} AS p WHERE {self.schema.same_project("p", "import_proj")}"""
        )
        self.link_projects()
        self.link_agreements()
        self.link_amounts()
        self.match_measures()
        self.analyze("import_proj", "import_agr", "import_amt")

    def link_projects(self):
        self.sql(
            f"""UPDATE import_agr SET project_id = ip.project_id FROM import_proj AS ip
            WHERE {self.schema.same_project("ip", "import_agr")} AND ip.project_id IS NOT NULL
            AND import_agr.project_id IS NULL"""
        )

    def link_agreements(self):
        self.sql(
            """UPDATE import_agr SET agreement_id = a.id, old_first = a.first_year,
            old_last = a.last_year FROM {agreement} AS a
            WHERE import_agr.agreement_id IS NULL AND import_agr.number IS NOT NULL
            AND a.number = import_agr.number"""
        )
        self.sql(
            """UPDATE import_agr SET agreement_id = a.id, old_first = a.first_year,
            old_last = a.last_year FROM {agreement} AS a
            WHERE import_agr.agreement_id IS NULL AND import_agr.number IS NULL
            AND a.number IS NULL AND a.project_id = import_agr.project_id
            AND a.unit_id = import_agr.unit_id"""
        )

    def link_amounts(self):
        self.sql(
            """UPDATE import_amt SET old_id = y.id,
            old_ore = CAST(ROUND(y.amount * 100) AS BIGINT), old_status = y.status
            FROM import_agr AS ia JOIN {amount} AS y ON y.agreement_id = ia.agreement_id
            WHERE ia.akey = import_amt.akey AND y.year = import_amt.year"""
        )

    def match_measures(self):
        """An existing project whose measure shares are exactly the staged set keeps them."""
        self.sql(
            """UPDATE import_proj SET measures_changed = 0 WHERE project_id IS NOT NULL
            AND measure_set IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM import_mset AS m WHERE m.set_id = import_proj.measure_set
              AND NOT EXISTS (SELECT 1 FROM {pm} AS pm WHERE pm.project_id = import_proj.project_id
                AND pm.measure_id = m.measure_id AND pm.share = m.share))
            AND NOT EXISTS (SELECT 1 FROM {pm} AS pm WHERE pm.project_id = import_proj.project_id
              AND NOT EXISTS (SELECT 1 FROM import_mset AS m
                WHERE m.set_id = import_proj.measure_set
                AND m.measure_id = pm.measure_id AND m.share = pm.share))"""
        )
