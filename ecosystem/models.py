"""The actors of the ecosystem: companies, public bodies, hospitals, universities, consortia."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry, year_between, year_validators
from core.public.structured_data import CONTEXT, without_empty
from core.publishing.history import entry_history

# The oldest French universities date from the Middle Ages.
FIRST_YEAR = 1000
LAST_YEAR = 2100


class ActorKind(models.TextChoices):
    COMPANY = "company", _("Start-up ou entreprise")
    PUBLIC_AGENCY = "public_agency", _("Organisme public")
    HOSPITAL = "hospital", _("Établissement de santé")
    UNIVERSITY = "university", _("Université")
    RESEARCH_INSTITUTE = "research_institute", _("Institut de recherche")
    CAMPUS = "campus", _("Campus ou incubateur")
    CONSORTIUM = "consortium", _("Consortium")
    INVESTOR = "investor", _("Investisseur")
    OTHER = "other", _("Autre")


class Region(models.TextChoices):
    AUVERGNE_RHONE_ALPES = "ARA", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "BFC", "Bourgogne-Franche-Comté"
    BRETAGNE = "BRE", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "CVL", "Centre-Val de Loire"
    CORSE = "COR", "Corse"
    GRAND_EST = "GES", "Grand Est"
    HAUTS_DE_FRANCE = "HDF", "Hauts-de-France"
    ILE_DE_FRANCE = "IDF", "Île-de-France"
    NORMANDIE = "NOR", "Normandie"
    NOUVELLE_AQUITAINE = "NAQ", "Nouvelle-Aquitaine"
    OCCITANIE = "OCC", "Occitanie"
    PAYS_DE_LA_LOIRE = "PDL", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "PAC", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "GUA", "Guadeloupe"
    GUYANE = "GUF", "Guyane"
    LA_REUNION = "LRE", "La Réunion"
    MARTINIQUE = "MTQ", "Martinique"
    MAYOTTE = "MAY", "Mayotte"


# The most precise schema.org type for each kind of actor; others are plain Organizations.
SCHEMA_ORG_TYPES = {
    ActorKind.PUBLIC_AGENCY: "GovernmentOrganization",
    ActorKind.HOSPITAL: "Hospital",
    ActorKind.UNIVERSITY: "CollegeOrUniversity",
    ActorKind.RESEARCH_INSTITUTE: "ResearchOrganization",
    ActorKind.CONSORTIUM: "Consortium",
}


class Actor(Entry):
    """An organisation or a place of the ecosystem."""

    kind = models.CharField(_("type d'acteur"), max_length=30, choices=ActorKind.choices)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    region = models.CharField(_("région"), max_length=3, choices=Region.choices, blank=True)
    founding_year = models.PositiveSmallIntegerField(
        _("année de création"),
        null=True,
        blank=True,
        validators=year_validators(FIRST_YEAR, LAST_YEAR),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisation mère ou initiatrice"),
        help_text=_("Le groupe dont l'acteur dépend, ou qui l'a lancé (Doliam pour son campus)."),
        # Deleting a parent must not delete what it launched: the link is simply cleared.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("membres"),
        help_text=_("Pour un consortium ou un réseau : les acteurs qui en font partie."),
        symmetrical=False,
        blank=True,
        related_name="memberships",
    )

    history = entry_history(m2m_fields=["members"])

    class Meta(Entry.Meta):
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        permissions = [("publish_actor", _("Peut publier, dépublier et archiver un acteur"))]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=year_between("founding_year", FIRST_YEAR, LAST_YEAR),
                name="ecosystem_actor_founding_year_plausible",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="ecosystem_actor_not_own_parent",
                violation_error_message=_(
                    "Un acteur ne peut pas être sa propre organisation mère."
                ),
            ),
        ]

    list_url_name = "ecosystem:actor-list"
    detail_url_name = "ecosystem:actor-detail"
    section_title = _("Acteurs")
    section_intro = _(
        "Start-up, organismes publics, hôpitaux, universités, campus et consortiums qui font l'IA en santé en France."
    )
    category_field = "kind"
    category_choices = ActorKind

    def structured_data(self, build_url):
        """This actor as a schema.org Organization (or its most precise subtype)."""
        return {
            "@context": CONTEXT,
            **self.schema_org_reference(build_url),
            **without_empty(
                {
                    "description": self.summary,
                    "sameAs": self.website,
                    "foundingDate": str(self.founding_year) if self.founding_year else None,
                    "address": without_empty(
                        {
                            "@type": "PostalAddress",
                            "addressLocality": self.city,
                            "addressRegion": self.get_region_display() if self.region else None,
                            "addressCountry": "FR",
                        }
                    ),
                    "keywords": ", ".join(tag.name for tag in self.tags.all()),
                    "parentOrganization": self.parent.schema_org_reference(build_url)
                    if self.parent and self.parent.is_published
                    else None,
                    "member": [
                        member.schema_org_reference(build_url) for member in self.members.all()
                    ],
                    "memberOf": [
                        group.schema_org_reference(build_url) for group in self.memberships.all()
                    ],
                }
            ),
        }

    def schema_org_reference(self, build_url):
        """The few properties that identify this actor inside another description."""
        return {
            "@type": SCHEMA_ORG_TYPES.get(self.kind, "Organization"),
            "name": self.name,
            "url": build_url(self.get_absolute_url()),
        }
