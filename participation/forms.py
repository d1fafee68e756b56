"""The public forms: propose a correction or a new entry, follow by e-mail."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.registry import content_models
from participation import guards
from participation.models import Frequency, Proposal

CONSENT_TEXT = _(
    "J'accepte que cette adresse serve uniquement à me dire la suite donnée à ma proposition. "
    "Elle n'est ni publiée ni transmise, et je peux demander son effacement à tout moment."
)


class GuardMixin:
    """A visitor's form with a honeypot, a minimum fill time and a cap on links.

    `started` is the signed token of when the form was shown (guards.start_token), posted back.
    """

    # Fields whose text may hold links without counting towards the cap.
    link_fields = ("website", "source")

    def __init__(self, *args, started=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = started
        # Hidden from people by the template; robots that fill every field fill it too.
        self.fields["homepage"] = forms.CharField(
            label=_("Laissez ce champ vide"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(
                _("Ce formulaire semble rempli par un robot : il n'a pas été envoyé."),
                code="honeypot",
            )
        elapsed = guards.seconds_since_start(self.started or "")
        if elapsed is None or elapsed > settings.ATLAS_PROPOSAL_MAX_SECONDS:
            raise forms.ValidationError(
                _("Ce formulaire a expiré : vérifiez-le et envoyez-le à nouveau."),
                code="expired",
            )
        if elapsed < settings.ATLAS_PROPOSAL_MIN_SECONDS:
            raise forms.ValidationError(
                _("Formulaire envoyé trop vite : relisez-le puis envoyez-le à nouveau."),
                code="too_fast",
            )
        texts = [
            value
            for name, value in cleaned.items()
            if isinstance(value, str) and name not in self.link_fields
        ]
        if guards.link_count(*texts) > settings.ATLAS_PROPOSAL_MAX_LINKS:
            raise forms.ValidationError(
                _("Trop de liens : %(max)s au plus, en plus de la source et du site web.")
                % {"max": settings.ATLAS_PROPOSAL_MAX_LINKS},
                code="links",
            )
        return cleaned


class ProposalForm(GuardMixin, forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)

    class Meta:
        model = Proposal
        fields = []
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "source": _(
                "Obligatoire : l'adresse d'une page, ou la référence d'un document, qui le montre."
            ),
            "tags": _("Séparés par des virgules : « imagerie médicale, oncologie »."),
            "email": _("Facultative : pour vous dire si votre proposition est retenue."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Cochez cette case pour que nous utilisions votre adresse.")
            )
        return cleaned


class CorrectionForm(ProposalForm):
    """What should change in one entry, and, if the visitor knows them, the right values."""

    class Meta(ProposalForm.Meta):
        fields = ["message", "name", "summary", "website", "description", "tags", "source", "email"]
        labels = {
            "name": _("Nom exact"),
            "summary": _("Résumé corrigé"),
            "website": _("Site web exact"),
            "description": _("Description corrigée"),
            "tags": _("Thèmes qui conviennent"),
        }
        help_texts = {
            **ProposalForm.Meta.help_texts,
            "message": _("Ce qui est inexact ou manque sur la fiche."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True


class NewEntryForm(ProposalForm):
    """An entry the atlas lacks: its kind, name and a few facts."""

    entry_kind = forms.ChoiceField(label=_("Type de fiche"))

    class Meta(ProposalForm.Meta):
        fields = [
            "entry_kind",
            "name",
            "summary",
            "website",
            "description",
            "tags",
            "city",
            "region",
            "message",
            "source",
            "email",
        ]
        labels = {"message": _("Autre chose à nous dire")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = {model._meta.label_lower: model for model in content_models()}
        self.fields["entry_kind"].choices = [
            (label, model._meta.verbose_name.capitalize()) for label, model in self.models.items()
        ]
        self.fields["name"].required = True
        self.fields["summary"].required = True

    def chosen_model(self):
        return self.models[self.cleaned_data["entry_kind"]]


class SubscribeForm(GuardMixin, forms.Form):
    """An e-mail address and how often to hear about what changed."""

    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
