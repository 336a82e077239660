"""Demo content: realised projects, every one marked as demonstration (made up, not real projects).

Safe to run again: projects are matched on their slug and updated; pictures are drawn only once.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from landscapes.models import DevelopmentGoal, EcosystemService, Measure, Species

from . import services
from .constants import TWO_B_CONNECT
from .demo_images import draw
from .models import Photo, Project

K = Project.Kind
PARTNERS_2B = "Provincie Antwerpen\nLokaal bestuur (demo)\nBedrijvenvereniging (demo)"

PROJECTS = [
    {
        "slug": "demo-bedrijventerrein-geel",
        "title_nl": "Bedrijventerrein in Geel: van grind naar bloemenweide",
        "title_en": "Business park in Geel: from gravel to flower meadow",
        "kind": K.BUSINESS_SITE,
        "programme": TWO_B_CONNECT,
        "year": 2018,
        "point": (51.1687, 4.9890),
        "partners": PARTNERS_2B,
        "story_nl": "Zes bedrijven legden samen een bloemrijke berm en een haag aan langs hun terreinen. "
        "Een getrainde adviseur maakte het plan; de bedrijven beheren het zelf.",
        "story_en": "Six companies laid out a flower-rich verge and a hedgerow along their sites together. "
        "A trained advisor made the plan; the companies manage it themselves.",
        "measures": ["flower_rich_verge", "hedgerow", "unpaving"],
        "species": ["Bombus pascuorum", "Erinaceus europaeus", "Passer domesticus"],
        "goals": [11, 13, 15],
    },
    {
        "slug": "demo-bedrijventerrein-herentals",
        "title_nl": "Bedrijventerrein in Herentals: een poel en een groen dak",
        "title_en": "Business park in Herentals: a pond and a green roof",
        "kind": K.BUSINESS_SITE,
        "programme": TWO_B_CONNECT,
        "year": 2019,
        "point": (51.1800, 4.8380),
        "partners": PARTNERS_2B,
        "story_nl": "Regenwater van de daken loopt nu naar een poel in plaats van naar de riolering. "
        "Een groen dak houdt het gebouw koel.",
        "story_en": "Rainwater from the roofs now runs to a pond instead of the sewer. "
        "A green roof keeps the building cool.",
        "measures": ["pond", "green_roof", "wadi_infiltration"],
        "species": ["Triturus cristatus", "Bufo bufo"],
        "goals": [6, 9, 13],
    },
    {
        "slug": "demo-bedrijventerrein-boom",
        "title_nl": "Bedrijventerrein aan de Rupel: nestkasten en donkere nachten",
        "title_en": "Business park on the Rupel: nest boxes and dark nights",
        "kind": K.BUSINESS_SITE,
        "programme": TWO_B_CONNECT,
        "year": 2017,
        "point": (51.0890, 4.3700),
        "partners": PARTNERS_2B,
        "story_nl": "De bedrijven hingen nestkasten voor gierzwaluwen en vleermuizen en dimmen hun "
        "verlichting 's nachts.",
        "story_en": "The companies put up nest boxes for swifts and bats and dim their lights at night.",
        "measures": ["nest_boxes", "bat_friendly_lighting"],
        "species": ["Apus apus", "Pipistrellus pipistrellus"],
        "goals": [9, 15],
    },
    {
        "slug": "demo-waterbuffer-mol",
        "title_nl": "Waterbuffer met natuurlijke oevers in Mol",
        "title_en": "Water buffer with natural banks in Mol",
        "kind": K.WATER_BUFFER,
        "programme": "",
        "year": 2022,
        "point": (51.1910, 5.1160),
        "partners": "Gemeente (demo)\nWaterbeheerder (demo)",
        "story_nl": "Een oude gracht werd verbreed tot waterbuffer met flauwe, natuurlijke oevers.",
        "story_en": "An old ditch was widened into a water buffer with gentle, natural banks.",
        "measures": ["natural_banks", "pond"],
        "species": ["Alcedo atthis", "Caltha palustris"],
        "goals": [6, 13, 15],
    },
    {
        "slug": "demo-faunatunnel-kasterlee",
        "title_nl": "Faunatunnel onder een gewestweg in Kasterlee",
        "title_en": "Fauna tunnel under a regional road in Kasterlee",
        "kind": K.FAUNA_PASSAGE,
        "programme": "",
        "year": 2021,
        "point": (51.2410, 4.9660),
        "partners": "Provincie Antwerpen\nWegbeheerder (demo)",
        "story_nl": "Een tunnel met geleidende rasters laat dassen en amfibieën veilig onder de weg door.",
        "story_en": "A tunnel with guiding fences lets badgers and amphibians pass safely under the road.",
        "measures": ["fauna_passage"],
        "species": ["Meles meles", "Bufo bufo"],
        "goals": [15],
    },
    {
        "slug": "demo-schoolspeelplaats-mechelen",
        "title_nl": "Groene speelplaats voor een basisschool in Mechelen",
        "title_en": "Green playground for a primary school in Mechelen",
        "kind": K.SCHOOL_GREENING,
        "programme": "",
        "year": 2023,
        "point": (51.0280, 4.4800),
        "partners": "Basisschool (demo)\nOuderraad (demo)",
        "story_nl": "De helft van de betonnen speelplaats werd een groene speelplek met bomen en een wadi.",
        "story_en": "Half of the concrete playground became a green play area with trees and a swale.",
        "measures": ["school_green_playground", "unpaving", "tree_row"],
        "species": ["Passer montanus"],
        "goals": [3, 4, 11, 13],
    },
    {
        "slug": "demo-dorpsplein-hoogstraten",
        "title_nl": "Ontharde dorpskern in Hoogstraten",
        "title_en": "Unpaved village centre in Hoogstraten",
        "kind": K.PUBLIC_GREENING,
        "programme": "",
        "year": 2024,
        "point": (51.4000, 4.7600),
        "partners": "Gemeente (demo)",
        "story_nl": "Parkeerplaatsen maakten plaats voor bomen, bloemrijk gras en infiltratie.",
        "story_en": "Parking spaces made room for trees, flowering grass and infiltration.",
        "measures": ["unpaving", "tree_row", "ecological_garden_management"],
        "species": ["Apus apus"],
        "goals": [3, 11, 13],
    },
    {
        "slug": "demo-knotwilgen-overleg",
        "title_nl": "Knotwilgenrij uit het gebiedsoverleg",
        "title_en": "Pollard willow row from the local meeting",
        "kind": K.MEETING_OUTCOME,
        "programme": "",
        "year": 2025,
        "point": (51.3200, 4.9400),
        "partners": "Landbouwer (demo)\nNatuurvereniging (demo)",
        "story_nl": "Op het gebiedsoverleg stelde een landbouwer een rij knotwilgen voor; een jaar later "
        "stond ze er.",
        "story_en": "At the local meeting a farmer proposed a row of pollard willows; a year later it "
        "was planted.",
        "measures": ["pollard_willows", "field_margin"],
        "species": ["Athene noctua"],
        "goals": [15, 17],
    },
]


def load(*, stdout=None) -> None:
    with transaction.atomic():
        for data in PROJECTS:
            _load_project(dict(data))
    if stdout:
        stdout.write(
            f"projects: {Project.objects.filter(is_demo=True).count()} demonstration projects "
            f"with {Photo.objects.filter(project__is_demo=True).count()} pictures"
        )


def _load_project(data: dict) -> None:
    measures = Measure.objects.filter(slug__in=data.pop("measures"))
    species = Species.objects.filter(scientific_name__in=data.pop("species"))
    goals = DevelopmentGoal.objects.filter(number__in=data.pop("goals"))
    lat, lon = data.pop("point")
    project = Project.objects.filter(slug=data["slug"]).first() or Project(slug=data["slug"])
    for key, value in data.items():
        setattr(project, key, value)
    project.latitude, project.longitude = lat, lon
    project.is_demo = project.is_published = True
    services.save_project(project=project)
    project.measures.set(measures)
    project.species.set(species)
    project.development_goals.set(goals)
    project.ecosystem_services.set(EcosystemService.objects.filter(measures__in=measures).distinct())
    for position, moment in enumerate((Photo.Moment.BEFORE, Photo.Moment.AFTER)):
        if project.photos.filter(moment=moment).exists():
            continue
        photo = Photo(
            project=project,
            moment=moment,
            position=position,
            credit="Provincie Antwerpen (demotekening)",
            alt_nl="Getekend terrein vóór de werken: verhard en grijs"
            if moment == Photo.Moment.BEFORE
            else "Getekend terrein na de werken: gras, struiken, bomen en een poel",
            alt_en="Drawn site before the works: paved and grey"
            if moment == Photo.Moment.BEFORE
            else "Drawn site after the works: grass, shrubs, trees and a pond",
        )
        photo.image.save(
            f"{project.slug}-{moment}.jpg",
            ContentFile(draw(seed=project.slug, after=moment == Photo.Moment.AFTER)),
            save=False,
        )
        services.save_photo(photo=photo)
