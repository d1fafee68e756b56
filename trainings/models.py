"""Training programmes in AI for health and the institutions that deliver them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry
from core.public.structured_data import CONTEXT, without_empty
from core.publishing.history import entry_history
from ecosystem.models import Actor

# A year has fewer than 9 000 hours: anything longer is a typing mistake.
MAX_DURATION_HOURS = 9000


class DiplomaType(models.TextChoices):
    DU = "du", _("Diplôme universitaire (DU)")
    DIU = "diu", _("Diplôme interuniversitaire (DIU)")
    TRACK = "track", _("Parcours de formation")
    MASTER = "master", _("Master")
    MASTER_TRACK = "master_track", _("Parcours de master")
    BACHELOR = "bachelor", _("Licence ou bachelor")
    MOOC = "mooc", _("MOOC")
    CONTINUING = "continuing", _("Formation continue")
    CERTIFICATE = "certificate", _("Certificat")
    OTHER = "other", _("Autre")


class TeachingFormat(models.TextChoices):
    ON_SITE = "on_site", _("En présentiel")
    REMOTE = "remote", _("À distance")
    HYBRID = "hybrid", _("Hybride")


class TeachingLanguage(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    BOTH = "fr_en", _("Français et anglais")


# schema.org's educationalProgramMode values for each teaching format.
PROGRAM_MODES = {
    TeachingFormat.ON_SITE: "onsite",
    TeachingFormat.REMOTE: "online",
    TeachingFormat.HYBRID: "blended",
}


class TrainingProgramme(Entry):
    """A diploma or course that trains people in AI for health."""

    diploma_type = models.CharField(
        _("type de formation"), max_length=20, choices=DiplomaType.choices
    )
    providers = models.ManyToManyField(
        Actor,
        verbose_name=_("établissements"),
        help_text=_("Les universités ou organismes qui délivrent la formation."),
        blank=True,
        related_name="programmes",
    )
    duration_hours = models.PositiveIntegerField(
        _("durée (heures)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_HOURS)],
    )
    teaching_format = models.CharField(
        _("modalité"), max_length=20, choices=TeachingFormat.choices, blank=True
    )
    language = models.CharField(
        _("langue d'enseignement"),
        max_length=10,
        choices=TeachingLanguage.choices,
        default=TeachingLanguage.FRENCH,
    )
    audience = models.TextField(_("public visé"), blank=True)
    objectives = models.TextField(
        _("objectifs pédagogiques"), blank=True, help_text=_("Un objectif par ligne.")
    )
    prerequisites = models.TextField(_("prérequis"), blank=True)
    cost_eur = models.DecimalField(
        _("coût (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    city = models.CharField(_("ville"), max_length=100, blank=True)

    history = entry_history(m2m_fields=["providers"])

    class Meta(Entry.Meta):
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        permissions = [
            ("publish_trainingprogramme", _("Peut publier, dépublier et archiver une formation"))
        ]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(duration_hours__isnull=True)
                | models.Q(duration_hours__gte=1, duration_hours__lte=MAX_DURATION_HOURS),
                name="trainings_programme_duration_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_eur__isnull=True) | models.Q(cost_eur__gte=0),
                name="trainings_programme_cost_not_negative",
            ),
        ]

    list_url_name = "trainings:programme-list"
    detail_url_name = "trainings:programme-detail"
    section_title = _("Formations")
    section_intro = _(
        "Diplômes universitaires, DIU et parcours qui forment les experts de l'IA en santé."
    )
    category_field = "diploma_type"
    category_choices = DiplomaType

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def structured_data(self, build_url):
        """This programme as a schema.org EducationalOccupationalProgram."""
        return {
            "@context": CONTEXT,
            "@type": "EducationalOccupationalProgram",
            "name": self.name,
            "url": build_url(self.get_absolute_url()),
            **without_empty(
                {
                    "description": self.summary,
                    "sameAs": self.website,
                    "provider": [
                        provider.schema_org_reference(build_url)
                        for provider in self.providers.all()
                    ],
                    "programType": str(self.category_label),
                    "educationalCredentialAwarded": str(self.category_label),
                    "timeToComplete": f"PT{self.duration_hours}H" if self.duration_hours else None,
                    "educationalProgramMode": PROGRAM_MODES.get(self.teaching_format),
                    "inLanguage": ["fr", "en"] if self.language == "fr_en" else self.language,
                    "offers": {
                        "@type": "Offer",
                        "price": str(self.cost_eur),
                        "priceCurrency": "EUR",
                        "category": "Tuition",
                    }
                    if self.cost_eur is not None
                    else None,
                    "keywords": ", ".join(tag.name for tag in self.tags.all()),
                }
            ),
        }
