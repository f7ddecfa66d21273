"""The analysts' breakdowns of yearly amounts: dimensions (what a table groups by), tables (the
grouped queries and their rows, shares and totals), filters (the query string), charts, downloads
(CSV, XLSX, JSON) and the pages (views)."""
