"""Public funding schemes and the awards they made to actors."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry, Source, StrippedTextModel, year_between, year_validators
from core.public.languages import FrenchColumnsQuerySet
from core.public.structured_data import CONTEXT, without_empty
from core.publishing.history import AtlasHistoricalRecords, entry_history
from core.publishing.status import published_condition
from ecosystem.models import Actor

# Public funding of innovation as this atlas knows it starts after the war.
FIRST_YEAR = 1945
LAST_YEAR = 2100


class SchemeKind(models.TextChoices):
    INVESTMENT_PLAN = "investment_plan", _("Plan d'investissement")
    PROGRAMME = "programme", _("Programme")
    GRANT = "grant", _("Subvention")
    CALL_FOR_PROJECTS = "call_for_projects", _("Appel à projets")
    LOAN = "loan", _("Prêt ou avance remboursable")
    EQUITY = "equity", _("Investissement en fonds propres")
    NON_FINANCIAL_SUPPORT = "non_financial_support", _("Accompagnement non financier")
    OTHER = "other", _("Autre")


class SchemeState(models.TextChoices):
    OPEN = "open", _("Ouvert aux candidatures")
    ONGOING = "ongoing", _("En cours")
    CLOSED = "closed", _("Clos")


class Month(models.IntegerChoices):
    JANUARY = 1, _("janvier")
    FEBRUARY = 2, _("février")
    MARCH = 3, _("mars")
    APRIL = 4, _("avril")
    MAY = 5, _("mai")
    JUNE = 6, _("juin")
    JULY = 7, _("juillet")
    AUGUST = 8, _("août")
    SEPTEMBER = 9, _("septembre")
    OCTOBER = 10, _("octobre")
    NOVEMBER = 11, _("novembre")
    DECEMBER = 12, _("décembre")


class FundingScheme(Entry):
    """A public scheme that funds or supports actors: a plan, a programme, a call for projects."""

    kind = models.CharField(_("type de dispositif"), max_length=30, choices=SchemeKind.choices)
    state = models.CharField(
        _("état"), max_length=20, choices=SchemeState.choices, default=SchemeState.ONGOING
    )
    operators = models.ManyToManyField(
        Actor,
        verbose_name=_("opérateurs"),
        help_text=_("Les organismes qui portent ou mettent en œuvre le dispositif."),
        blank=True,
        related_name="operated_schemes",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("dispositif parent"),
        help_text=_("Le plan plus large dont ce dispositif fait partie."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    # The article often gives only a month ("annoncé en février 2023"): store what is known.
    announced_year = models.PositiveSmallIntegerField(
        _("année d'annonce"),
        null=True,
        blank=True,
        validators=year_validators(FIRST_YEAR, LAST_YEAR),
    )
    announced_month = models.PositiveSmallIntegerField(
        _("mois d'annonce"), choices=Month.choices, null=True, blank=True
    )
    budget_eur = models.DecimalField(
        _("budget (€)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    eligibility = models.TextField(_("éligibilité"), blank=True)
    sectors = models.TextField(
        _("secteurs visés"), blank=True, help_text=_("Un secteur par ligne.")
    )

    history = entry_history(m2m_fields=["operators"])

    class Meta(Entry.Meta):
        verbose_name = _("dispositif de financement")
        verbose_name_plural = _("dispositifs de financement")
        permissions = [
            ("publish_fundingscheme", _("Peut publier, dépublier et archiver un dispositif"))
        ]
        constraints = [
            *Entry.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(budget_eur__isnull=True) | models.Q(budget_eur__gte=0),
                name="funding_scheme_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=year_between("announced_year", FIRST_YEAR, LAST_YEAR),
                name="funding_scheme_announced_year_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(announced_month__isnull=True)
                | models.Q(
                    announced_month__gte=1, announced_month__lte=12, announced_year__isnull=False
                ),
                name="funding_scheme_announced_month_valid",
                violation_error_message=_("Indiquez l'année d'annonce avec le mois."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="funding_scheme_not_own_parent",
                violation_error_message=_("Un dispositif ne peut pas être son propre parent."),
            ),
        ]

    list_url_name = "funding:scheme-list"
    detail_url_name = "funding:scheme-detail"
    section_title = _("Financements")
    section_intro = _(
        "Les plans, programmes et appels à projets publics qui financent ou accompagnent l'IA en santé, et ce qu'ils ont attribué."
    )
    category_field = "kind"
    category_choices = SchemeKind

    @property
    def sector_list(self):
        return [line.strip() for line in self.sectors.splitlines() if line.strip()]

    def structured_data(self, build_url):
        """This scheme as a schema.org GovernmentService, with the grants it made."""
        service = without_empty(
            {
                "@type": "GovernmentService",
                "@id": build_url(self.get_absolute_url()),
                "name": self.name,
                "url": build_url(self.get_absolute_url()),
                "description": self.summary,
                "serviceType": str(self.category_label),
                "areaServed": {"@type": "Country", "name": "France"},
                "provider": [
                    operator.schema_org_reference(build_url) for operator in self.operators.all()
                ],
                "isRelatedTo": {"@id": build_url(self.parent.get_absolute_url())}
                if self.parent and self.parent.is_published
                else None,
                "keywords": ", ".join(tag.name for tag in self.tags.all()),
            }
        )
        grants = [self._grant_data(award, service, build_url) for award in self.awards.all()]
        return {"@context": CONTEXT, "@graph": [service, *grants]}

    def _grant_data(self, award, service, build_url):
        """An award as a schema.org MonetaryGrant, funded through this scheme's operators."""
        return without_empty(
            {
                "@type": "MonetaryGrant",
                "@id": build_url(f"{self.get_absolute_url()}#financement-{award.pk}"),
                "name": f"{self.name} → {award.actor.name}",
                "description": award.note,
                "amount": {
                    "@type": "MonetaryAmount",
                    "value": str(award.amount_eur),
                    "currency": "EUR",
                }
                if award.amount_eur is not None
                else None,
                "funder": service.get("provider"),
                "fundedItem": award.actor.schema_org_reference(build_url),
                "startDate": str(award.year) if award.year else None,
            }
        )


class AwardQuerySet(FrenchColumnsQuerySet):
    def published(self):
        """Awards whose scheme and beneficiary are both public."""
        return self.filter(
            published_condition(prefix="scheme__") & published_condition(prefix="actor__")
        )


class Award(StrippedTextModel):
    """Money or support that a scheme gave to an actor: GLEAMER, 4,5 M€ from France 2030."""

    scheme = models.ForeignKey(
        FundingScheme,
        verbose_name=_("dispositif"),
        # An award is a historical fact: remove the awards before the scheme or actor.
        on_delete=models.PROTECT,
        related_name="awards",
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("bénéficiaire"),
        on_delete=models.PROTECT,
        related_name="awards",
    )
    amount_eur = models.DecimalField(
        _("montant (€)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("En euros ; laissez vide si le montant n'est pas public."),
    )
    year = models.PositiveSmallIntegerField(
        _("année"), null=True, blank=True, validators=year_validators(FIRST_YEAR, LAST_YEAR)
    )
    note = models.TextField(_("note"), blank=True)
    sources = GenericRelation(Source)

    objects = AwardQuerySet.as_manager()
    history = AtlasHistoricalRecords()

    class Meta:
        ordering = ["-year", "-amount_eur", "pk"]
        verbose_name = _("financement attribué")
        verbose_name_plural = _("financements attribués")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_eur__isnull=True) | models.Q(amount_eur__gte=0),
                name="funding_award_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=year_between("year", FIRST_YEAR, LAST_YEAR),
                name="funding_award_year_plausible",
            ),
        ]

    def __str__(self):
        return _("%(scheme)s → %(actor)s") % {"scheme": self.scheme, "actor": self.actor}

    def get_absolute_url(self):
        return f"{self.scheme.get_absolute_url()}#financement-{self.pk}"

    @property
    def is_published(self):
        """Whether the public sees this award now (the Python twin of `published()`)."""
        return self.scheme.is_published and self.actor.is_published
