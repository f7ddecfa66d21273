"""Records named in both languages: the English name (`name`, `title`, `label`) is the record's
key, which imports, filters, downloads and links name it by; the Norwegian one sits beside it
(`name_nb`, …), blank where no source or common usage gives it. Pages, commands and the report
print the name in the active language, the English one where no Norwegian one is recorded
(docs/translation.md)."""

from django.utils.translation import get_language


def is_norwegian(language=None):
    """Whether `language` (else the active language) is Norwegian bokmål."""
    return (language or get_language() or "").startswith("nb")


class Bilingual:
    """Mixed into a model whose `translated` field (default "name") has an `<field>_nb` twin."""

    translated = "name"

    def in_language(self, language=None):
        """The name in `language` (else the active language); the English one when no
        Norwegian one is recorded."""
        english = getattr(self, self.translated)
        if is_norwegian(language):
            return getattr(self, f"{self.translated}_nb") or english
        return english

    def lacks_translation(self, language=None):
        """Whether `language` is Norwegian and the record has no Norwegian name (the draft
        report marks such names)."""
        return is_norwegian(language) and not getattr(self, f"{self.translated}_nb")

    @property
    def localised(self):
        """The name in the active language (for templates)."""
        return self.in_language()
