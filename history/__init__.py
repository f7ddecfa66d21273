"""The audit trail every app shares (django-simple-history).

- models: the abstract base of every historical model (`ImportRunStamp`, the import run that
  made a change), `bulk_history` for the models imports write in bulk, `import_run_reason`,
  and `record_existing_rows` for the migrations that added history to existing rows;
- changes: the site-wide list of recent changes across every audited model;
- views, urls: the recent-changes page (/changes/, editors only).
"""
