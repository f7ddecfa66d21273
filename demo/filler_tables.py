"""The filler agreements' partners, recipients, units and years (funding/demo/layout.py).

Every filler's recipient, partner and unit is one the report's text names
(fixtures/demo/report_countries.csv lists the recipients, with the section naming each).
"""

# The small and modest fixed amounts go to the first SMALL_WB + MODEST_WB fillers; Albania and
# Macedonia, the "other major recipient countries" (section 2.2), come last, with fitted amounts.
WB_RECIPIENTS = (
    ["Serbia"] * 7 + ["Kosovo"] * 5 + ["Montenegro"] * 3 + ["Croatia"] * 2
    + ["Western Balkans regional"] * 4 + ["Croatia"] + ["Bosnia and Herzegovina"] * 14
    + ["Albania"] * 9 + ["North Macedonia"] * 8
)  # fmt: skip
WB_CHANNELS = [
    "International Organization for Migration",
    "United Nations Children's Fund",
    "Save the Children Norway",
    "Norwegian Church Aid",
    "CARE",
    "Terre des Hommes",
    "Caritas",
    "Red Cross",
    "Organization for Security and Co-operation in Europe",
    "International Centre for Migration Policy Development",
    "United Nations Office on Drugs and Crime",
    "International Organization for Migration",
    "United Nations Children's Fund",
]
WB_YEARS = [2004, 2005, 2006, 2003, 2006, 2005, 2002, 2004, 2006, 2001, 2005, 2000, 2003, 2006]
# Every filler's recipient, partner and unit is one the report's text names
# (fixtures/demo/report_countries.csv lists the countries, with the section naming each). The
# first MODEST_OTHERS of each list get small fixed amounts: they are in countries the report
# names but where it names no agreement, so they stay small.
HRD = [
    ("United Nations Children's Fund", "Nepal", 2004),
    ("United Nations Office on Drugs and Crime", "India", 2005),
    ("International Labour Organization", "Philippines", 2003),
    ("Office of the High Commissioner for Human Rights", "Global", 2006),
    ("International Organization for Migration", "Southern Africa regional", 2003),
    ("United Nations Children's Fund", "Mekong regional", 2004),
    ("Save the Children Norway", "Southern Africa regional", 2005),
    ("International Organization for Migration", "Nigeria", 2004),
    ("United Nations Office on Drugs and Crime", "Mekong regional", 2005),
    ("International Organization for Migration", "Southern Africa regional", 2004),
    ("United Nations Children's Fund", "Southern Africa regional", 2002),
    ("Norwegian Church Aid", "Bangladesh", 2001),
    ("International Labour Organization", "South East Asia regional", 2006),
    ("United Nations Children's Fund", "Mozambique", 2003),
]
CIS = [
    ("Organization for Security and Co-operation in Europe", "Russia", 2003),
    ("International Organization for Migration", "Belarus", 2005),
    ("Organization for Security and Co-operation in Europe", "Georgia", 2006),
    ("International Organization for Migration", "Armenia", 2004),
    ("International Organization for Migration", "Central Asia regional", 2002),
    ("International Organization for Migration", "Central Asia regional", 2003),
    ("International Labour Organization", "Central Asia regional", 2004),
    ("International Organization for Migration", "Central Asia regional", 2005),
    ("International Organization for Migration", "Central Asia regional", 2006),
    ("International Organization for Migration", "Turkey", 2005),
    ("International Organization for Migration", "Turkey", 2006),
    ("International Organization for Migration", "Turkey", 2004),
    ("International Organization for Migration", "Turkey", 2003),
]
MULTI_YEAR = [
    (
        "International Organization for Migration",
        "Western Balkans regional",
        "West Balkans Section",
        2000,
        2010,
    ),
    (
        "United Nations Children's Fund",
        "Western Balkans regional",
        "West Balkans Section",
        2001,
        2010,
    ),
    (  # "This cooperation was established several years ago" (section 3, Fokus and CATW)
        "Forum for Women and Development",
        "Global",
        "Norad – Civil Society Department",
        2006,
        2010,
    ),
]
SUBSIDIARY = [
    ("United Nations Office on Drugs and Crime", "Global", 2000),
    ("United Nations Children's Fund", "Global", 2001),
    ("International Labour Organization", "Global", 2002),
    ("United Nations Children's Fund", "Global", 2003),
    ("International Labour Organization", "Global", 2004),
    ("United Nations Office on Drugs and Crime", "Global", 2005),
    ("Norwegian Church Aid", "Bangladesh", 2003),
    ("Save the Children Norway", "Nepal", 2004),
    ("United Nations Children's Fund", "Mozambique", 2005),
    ("Norwegian Church Aid", "Malawi", 2006),
    ("United Nations Children's Fund", "Vietnam", 2006),
    ("International Labour Organization", "Global", 2010),
]
