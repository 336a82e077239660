"""The ecologists and students groups with their permissions, and the shipped taxon list.

Everything this migration needs is written here, frozen: later edits to the app's constants or to
fixtures/monitoring/taxa.csv need a migration of their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ECOLOGIST_MODELS = ["structure", "structurephoto", "deployment", "deploymentfailure", "media", "observation", "taxon"]
ECOLOGISTS, STUDENTS = "ecologists", "students"
STUDENT_PERMS = ["add_observation", "view_observation", "add_media", "view_media", "view_deployment", "view_structure"]

# scientific name, Dutch name, English name, rank, kind, class
TAXA = [
    ('Vulpes vulpes', 'vos', 'red fox', 'species', 'animal', 'Mammalia'),
    ('Martes foina', 'steenmarter', 'beech marten', 'species', 'animal', 'Mammalia'),
    ('Martes martes', 'boommarter', 'pine marten', 'species', 'animal', 'Mammalia'),
    ('Meles meles', 'das', 'European badger', 'species', 'animal', 'Mammalia'),
    ('Capreolus capreolus', 'ree', 'roe deer', 'species', 'animal', 'Mammalia'),
    ('Sus scrofa', 'wild zwijn', 'wild boar', 'species', 'animal', 'Mammalia'),
    ('Erinaceus europaeus', 'egel', 'European hedgehog', 'species', 'animal', 'Mammalia'),
    ('Mustela nivalis', 'wezel', 'least weasel', 'species', 'animal', 'Mammalia'),
    ('Mustela erminea', 'hermelijn', 'stoat', 'species', 'animal', 'Mammalia'),
    ('Mustela putorius', 'bunzing', 'European polecat', 'species', 'animal', 'Mammalia'),
    ('Lutra lutra', 'otter', 'Eurasian otter', 'species', 'animal', 'Mammalia'),
    ('Lepus europaeus', 'haas', 'European hare', 'species', 'animal', 'Mammalia'),
    ('Oryctolagus cuniculus', 'konijn', 'European rabbit', 'species', 'animal', 'Mammalia'),
    ('Sciurus vulgaris', 'eekhoorn', 'red squirrel', 'species', 'animal', 'Mammalia'),
    ('Rattus norvegicus', 'bruine rat', 'brown rat', 'species', 'animal', 'Mammalia'),
    ('Ondatra zibethicus', 'muskusrat', 'muskrat', 'species', 'animal', 'Mammalia'),
    ('Myocastor coypus', 'beverrat', 'coypu', 'species', 'animal', 'Mammalia'),
    ('Apodemus sylvaticus', 'bosmuis', 'wood mouse', 'species', 'animal', 'Mammalia'),
    ('Myodes glareolus', 'rosse woelmuis', 'bank vole', 'species', 'animal', 'Mammalia'),
    ('Microtus arvalis', 'veldmuis', 'common vole', 'species', 'animal', 'Mammalia'),
    ('Sorex araneus', 'gewone bosspitsmuis', 'common shrew', 'species', 'animal', 'Mammalia'),
    ('Crocidura russula', 'huisspitsmuis', 'greater white-toothed shrew', 'species', 'animal', 'Mammalia'),
    ('Felis catus', 'huiskat', 'domestic cat', 'species', 'animal', 'Mammalia'),
    ('Canis familiaris', 'hond', 'domestic dog', 'species', 'animal', 'Mammalia'),
    ('Rodentia', 'knaagdier', 'rodent', 'order', 'animal', 'Mammalia'),
    ('Mammalia', 'zoogdier', 'mammal', 'class', 'animal', 'Mammalia'),
    ('Bufo bufo', 'gewone pad', 'common toad', 'species', 'animal', 'Amphibia'),
    ('Rana temporaria', 'bruine kikker', 'common frog', 'species', 'animal', 'Amphibia'),
    ('Pelophylax', 'groene kikker', 'water frog', 'genus', 'animal', 'Amphibia'),
    ('Lissotriton vulgaris', 'kleine watersalamander', 'smooth newt', 'species', 'animal', 'Amphibia'),
    ('Ichthyosaura alpestris', 'alpenwatersalamander', 'alpine newt', 'species', 'animal', 'Amphibia'),
    ('Triturus cristatus', 'kamsalamander', 'great crested newt', 'species', 'animal', 'Amphibia'),
    ('Epidalea calamita', 'rugstreeppad', 'natterjack toad', 'species', 'animal', 'Amphibia'),
    ('Natrix helvetica', 'ringslang', 'grass snake', 'species', 'animal', 'Reptilia'),
    ('Zootoca vivipara', 'levendbarende hagedis', 'viviparous lizard', 'species', 'animal', 'Reptilia'),
    ('Anguis fragilis', 'hazelworm', 'slow worm', 'species', 'animal', 'Reptilia'),
    ('Anas platyrhynchos', 'wilde eend', 'mallard', 'species', 'animal', 'Aves'),
    ('Gallinula chloropus', 'waterhoen', 'common moorhen', 'species', 'animal', 'Aves'),
    ('Ardea cinerea', 'blauwe reiger', 'grey heron', 'species', 'animal', 'Aves'),
    ('Turdus merula', 'merel', 'common blackbird', 'species', 'animal', 'Aves'),
    ('Phasianus colchicus', 'fazant', 'common pheasant', 'species', 'animal', 'Aves'),
    ('Aves', 'vogel', 'bird', 'class', 'animal', 'Aves'),
    ('Homo sapiens', 'mens', 'human', 'species', 'human', 'Mammalia'),
    ('vehicle', 'voertuig', 'vehicle', '', 'vehicle', ''),
    ('blank', 'leeg beeld', 'blank', '', 'blank', ''),
    ('unknown', 'onbekend', 'unknown', '', 'unknown', ''),
    ('unclassified', 'niet gedetermineerd', 'unclassified', '', 'unclassified', ''),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="monitoring")
    ecologists, _ = Group.objects.get_or_create(name=ECOLOGISTS)
    ecologists.permissions.add(*perms.filter(content_type__model__in=ECOLOGIST_MODELS))
    students, _ = Group.objects.get_or_create(name=STUDENTS)
    students.permissions.add(*perms.filter(codename__in=STUDENT_PERMS))
    Taxon = apps.get_model("monitoring", "Taxon")
    for scientific_name, name_nl, name_en, rank, kind, taxon_class in TAXA:
        Taxon.objects.update_or_create(
            scientific_name=scientific_name,
            defaults={"name_nl": name_nl, "name_en": name_en, "rank": rank, "kind": kind, "taxon_class": taxon_class},
        )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[ECOLOGISTS, STUDENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
