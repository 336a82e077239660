"""Small factories for realised projects."""

from io import BytesIO

import factory
from django.core.files.base import ContentFile
from PIL import Image

from projects import services
from projects.models import Photo, Project

# A point in Boom (region "Rupel, Zenne en Dijle") and one in the Netherlands (no region).
BOOM = (51.0875, 4.3665)
BREDA = (51.5890, 4.7760)


def jpeg(width: int = 2000, height: int = 1200, color=(40, 120, 60)) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_nl = factory.Sequence(lambda n: f"Project {n}")
    title_en = factory.Sequence(lambda n: f"Project {n} EN")
    kind = Project.Kind.BUSINESS_SITE
    year = 2018
    latitude, longitude = BOOM
    partners = "Provincie Antwerpen\nGemeente Boom"
    story_nl = "Een verhaal over het project."
    story_en = "A story about the project."
    is_published = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.save_project(project=model_class(*args, **kwargs))


def add_photo(project: Project, *, moment: str = Photo.Moment.AFTER, credit: str = "Jan Fotograaf") -> Photo:
    photo = Photo(project=project, moment=moment, credit=credit, alt_nl="Een poel", alt_en="A pond")
    photo.image.save("photo.jpg", ContentFile(jpeg()), save=False)
    return services.save_photo(photo=photo)
