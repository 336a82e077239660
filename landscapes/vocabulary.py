"""Reference vocabularies the catalogue of measures uses. Loaded by a data migration."""

APPLICATION_AREAS = [
    # code, name nl, name en, heading nl, heading en
    ("private_garden", "privétuin", "private garden", "In mijn tuin", "In my garden"),
    (
        "company_site",
        "bedrijfsterrein",
        "company site",
        "Op mijn bedrijfsterrein",
        "On my company site",
    ),
    (
        "industrial_area",
        "industriezone",
        "industrial area",
        "In de industriezone",
        "In the industrial area",
    ),
    ("farmland", "landbouwgebied", "farmland", "Op landbouwgrond", "On farmland"),
    ("school", "school", "school", "Op school", "At school"),
    (
        "public_land",
        "openbaar domein",
        "local-government land",
        "Op openbaar domein",
        "On public land",
    ),
    (
        "transport_infrastructure",
        "weg, spoor en kanaal",
        "transport infrastructure",
        "Langs wegen, spoor en kanalen",
        "Along roads, railways and canals",
    ),
]

ECOSYSTEM_SERVICES = [
    ("shade", "schaduw", "shade"),
    ("pollination", "bestuiving", "pollination"),
    ("cooling", "verkoeling", "cooling"),
    ("infiltration", "infiltratie", "infiltration"),
    ("water_retention", "waterbuffering", "water retention"),
    ("noise_reduction", "geluidsdemping", "noise reduction"),
    ("wood_production", "houtproductie", "wood production"),
    ("education", "educatie", "education"),
    ("carbon_storage", "koolstofopslag", "carbon storage"),
    ("recreation", "recreatie", "recreation"),
]

DEVELOPMENT_GOALS = [
    (1, "Geen armoede", "No poverty"),
    (2, "Geen honger", "Zero hunger"),
    (3, "Goede gezondheid en welzijn", "Good health and well-being"),
    (4, "Kwaliteitsonderwijs", "Quality education"),
    (5, "Gendergelijkheid", "Gender equality"),
    (6, "Schoon water en sanitair", "Clean water and sanitation"),
    (7, "Betaalbare en duurzame energie", "Affordable and clean energy"),
    (8, "Eerlijk werk en economische groei", "Decent work and economic growth"),
    (9, "Industrie, innovatie en infrastructuur", "Industry, innovation and infrastructure"),
    (10, "Ongelijkheid verminderen", "Reduced inequalities"),
    (11, "Duurzame steden en gemeenschappen", "Sustainable cities and communities"),
    (12, "Verantwoorde consumptie en productie", "Responsible consumption and production"),
    (13, "Klimaatactie", "Climate action"),
    (14, "Leven in het water", "Life below water"),
    (15, "Leven op het land", "Life on land"),
    (16, "Vrede, justitie en sterke publieke diensten", "Peace, justice and strong institutions"),
    (17, "Partnerschap om doelstellingen te bereiken", "Partnerships for the goals"),
]


def load_vocabularies(application_area, ecosystem_service, development_goal) -> None:
    """Create or update the vocabularies with the given model classes (historical or real)."""
    for position, (code, nl, en, h_nl, h_en) in enumerate(APPLICATION_AREAS):
        application_area.objects.update_or_create(
            code=code,
            defaults={
                "name_nl": nl,
                "name_en": en,
                "heading_nl": h_nl,
                "heading_en": h_en,
                "position": position,
            },
        )
    for code, nl, en in ECOSYSTEM_SERVICES:
        ecosystem_service.objects.update_or_create(code=code, defaults={"name_nl": nl, "name_en": en})
    for number, nl, en in DEVELOPMENT_GOALS:
        development_goal.objects.update_or_create(number=number, defaults={"name_nl": nl, "name_en": en})
