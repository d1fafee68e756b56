"""The public proposal forms: a correction of an entry, or an entry the atlas lacks."""

from django.apps import apps
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache

from core.registry import content_models
from participation import guards, services
from participation.forms import CorrectionForm, NewEntryForm
from participation.models import ProposalKind

RATE_ACTION = "proposal"


def content_model(label):
    """The content model named `label` ("ecosystem.actor"), or a 404."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if model not in content_models():
        raise Http404
    return model


@method_decorator(never_cache, name="dispatch")
class ProposalView(View):
    """Show the form (GET) and receive it (POST); every refusal says why, with a 4xx."""

    template_name = "participation/proposal_form.html"

    def get(self, request, *args, **kwargs):
        return self.show(self.make_form())

    def post(self, request, *args, **kwargs):
        if guards.rate_exceeded(request, RATE_ACTION):
            return render(request, "participation/too_many.html", status=429)
        form = self.make_form(data=request.POST, started=request.POST.get("started"))
        if not form.is_valid():
            return self.show(form, status=400)
        guards.count_attempt(request, RATE_ACTION)
        proposal = self.save(form)
        return render(
            request, "participation/proposal_thanks.html", {"proposal": proposal, **self.extra()}
        )

    def show(self, form, status=200):
        context = {"form": form, "started": guards.start_token(), **self.extra()}
        return render(self.request, self.template_name, context, status=status)


class CorrectionView(ProposalView):
    """« Proposer une correction » of one published entry."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.model = content_model(kwargs["model"])

    def dispatch(self, request, *args, **kwargs):
        self.entry = self.model.objects.published().filter(slug=kwargs["slug"]).first()
        if self.entry is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, **kwargs):
        return CorrectionForm(**kwargs)

    def extra(self):
        return {
            "entry": self.entry,
            "page_title": _("Proposer une correction : %(name)s") % {"name": self.entry.name},
        }

    def save(self, form):
        return services.proposal_create(
            form=form,
            kind=ProposalKind.CORRECTION,
            model=self.model,
            entry=self.entry,
            language=get_language(),
        )


class NewEntryView(ProposalView):
    """« Proposer une fiche »: of the kind of the list it came from, or any other."""

    def make_form(self, **kwargs):
        kind = self.request.GET.get("type", "")
        return NewEntryForm(initial={"entry_kind": kind}, **kwargs)

    def extra(self):
        return {"page_title": _("Proposer une fiche")}

    def save(self, form):
        return services.proposal_create(
            form=form,
            kind=ProposalKind.NEW_ENTRY,
            model=form.chosen_model(),
            language=get_language(),
        )
