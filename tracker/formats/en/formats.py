# English dates as the pages wrote them before translation: 1 Dec 2026, 2026-12-01 15:08.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "Y-m-d H:i"
