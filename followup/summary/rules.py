"""How section 2.2 writes a number: the rounding, the hedge before a rounded figure, and the
words for a share, a change between two years, a lead and the pledges' fulfilment. Each rule
is a function of the exact value(s) alone; docs/follow-up.md ("Section 2.2") states them and
tests/followup/test_summary.py tests each at its bounds."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from web.formats import count, nok, percent

TENTH, ONE, HUNDRED = Decimal("0.1"), Decimal(1), Decimal(100)
THOUSAND, MILLION = Decimal(1_000), Decimal(1_000_000)
NEARLY, AROUND = "nearly", "around"
HEDGES = {NEARLY: _("nearly %(figure)s"), AROUND: _("around %(figure)s")}
BY_FAR = Decimal("1.5")  # the largest share is "by far" the largest at 1.5 times the second's
GOOD_MARGIN = Decimal("1.1")  # pledges kept "with a good margin": more than 10 % above them
MARGIN, KEPT, SHORT = "margin", "kept", "short"
# A share in words: (from, up to, words); `from` is included, `up to` is not. Below 0.45 the
# share is written in per cent.
SHARE_WORDS = [
    (Decimal("0.45"), Decimal("0.5"), _("nearly half")),
    (Decimal("0.5"), Decimal("0.5"), _("half")),
    (Decimal("0.5"), Decimal("0.55"), _("just over half")),
    (Decimal("0.55"), Decimal("0.75"), _("well over half")),
    (Decimal("0.75"), Decimal("0.75"), _("three quarters")),
    (Decimal("0.75"), Decimal("0.95"), _("more than three quarters")),
    (Decimal("0.95"), ONE, _("nearly all")),
    (ONE, ONE, _("all")),
]
# A year's amount against the year before's, in words: (from, up to, words), as above; between
# 0.6 and 1.9 the change is written in per cent ("fell by 30 %", "rose by 20 %").
CHANGE_WORDS = [
    (Decimal(0), Decimal("0.45"), _("more than halved")),
    (Decimal("0.45"), Decimal("0.6"), _("almost halved")),
    (Decimal("1.9"), Decimal(2), _("almost doubled")),
    (Decimal(2), Decimal(2), _("doubled")),
]
STEADY = (Decimal("0.95"), Decimal("1.05"))  # "stayed about the same", both bounds included


def rounded(value):
    """`value` rounded half up to a whole number from its tenths: 58.48 → 58.5 → 59,
    47.48 → 47.5 → 48, 18.4005 → 18.4 → 18, 251.999 → 252.0 → 252."""
    return Decimal(value).quantize(TENTH, ROUND_HALF_UP).quantize(ONE, ROUND_HALF_UP)


def hedge(exact, printed):
    """The hedge a rounded figure takes: none when it is exact; NEARLY when the exact value falls
    short of the printed one by more than a tenth of its unit (58.48 printed 59); AROUND when it
    differs otherwise (200.001 printed 200, 26.998 printed 27, 14.32 printed 14)."""
    if exact == printed:
        return None
    return NEARLY if printed - exact > TENTH else AROUND


def hedged(figure, which):
    """`figure` (a text) after its hedge's word ("nearly NOK 59 million")."""
    return str(HEDGES[which] % {"figure": figure}) if which else figure


def amount_text(value):
    """An amount in NOK as section 2.2 writes it: in whole millions, by `rounded` and `hedge`
    ("nearly NOK 59 million"); below half a million (which would print as 0) in whole
    thousands by the same rules ("around NOK 390 000")."""
    millions = Decimal(value) / MILLION
    printed = rounded(millions)
    if printed:
        text = ngettext("NOK %(millions)s million", "NOK %(millions)s million", int(printed))
        text %= {"millions": count(printed)}
        return hedged(text, hedge(millions, printed))
    thousands = Decimal(value) / THOUSAND
    printed = rounded(thousands)
    return hedged(nok(printed * THOUSAND, code=True), hedge(thousands, printed))


def share_text(share):
    """A share (0.2658) in whole per cent, by `rounded` and `hedge` ("nearly 27 %")."""
    points = Decimal(share) * HUNDRED
    printed = rounded(points)
    return hedged(percent(printed / HUNDRED, 0), hedge(points, printed))


def between(value, bounds):
    """The words of the first (from, up to, words) in `bounds` that holds `value`: from ≤ value
    < up to, or value == from when from == up to; None when none does."""
    for low, high, words in bounds:
        if (low == high and value == low) or low <= value < high:
            return str(words)
    return None


def share_words(share):
    """A share in words (SHARE_WORDS): 0.45 to 0.5 "nearly half", 0.5 "half", above 0.5 to
    0.55 "just over half", 0.55 to 0.75 "well over half", 0.75 "three quarters", above 0.75 to
    0.95 "more than three quarters", 0.95 to 1 "nearly all", 1 "all"; below 0.45 in per cent
    (`share_text`)."""
    return between(Decimal(share), SHARE_WORDS) or share_text(share)


def change_words(ratio):
    """A year's amount against the year before's (`ratio`, 0.5 for half) in words: below 0.45
    "more than halved", 0.45 to 0.6 "almost halved", 0.6 to 0.95 "fell by N %", 0.95 to 1.05
    (both included) "stayed about the same", above 1.05 to 1.9 "rose by N %", 1.9 to 2 "almost
    doubled", 2 "doubled", above 2 "more than doubled"; N in whole per cent by `rounded`."""
    ratio = Decimal(ratio)
    words = between(ratio, CHANGE_WORDS)
    if words:
        return words
    if STEADY[0] <= ratio <= STEADY[1]:
        return gettext("stayed about the same")
    if ratio > 2:
        return gettext("more than doubled")
    change = percent(rounded(abs(ratio - 1) * HUNDRED) / HUNDRED, 0)
    if ratio < 1:
        return gettext("fell by %(percent)s") % {"percent": change}
    return gettext("rose by %(percent)s") % {"percent": change}


def by_far(first, second):
    """Whether the largest share `first` is "by far" the largest: at least BY_FAR (1.5) times the
    second largest (`second`; None when there is no second)."""
    return second is None or Decimal(first) >= BY_FAR * Decimal(second)


def fulfilment(awarded, pledged):
    """How the funding `awarded` stands against the sum of the pledges: MARGIN when it exceeds
    them by more than 10 % (GOOD_MARGIN), KEPT when it reaches them, SHORT below them; None
    when the records give no amount."""
    if awarded is None:
        return None
    if awarded > GOOD_MARGIN * pledged:
        return MARGIN
    return KEPT if awarded >= pledged else SHORT
