"""Date formats per language (FORMAT_MODULE_PATH): Django's own, but for the date formats the
pages use. Amounts and shares are written by web.formats, which reads DECIMAL_SEPARATOR."""
