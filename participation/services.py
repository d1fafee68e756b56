"""What happens to a proposal: received, compared with its entry, accepted or rejected."""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.models import Source
from core.publishing import working_copies
from core.publishing.history import record_revision
from core.publishing.status import PublicationStatus
from core.search.near_duplicates import near_duplicate
from participation.models import ProposalKind, ProposalStatus

logger = logging.getLogger("atlas.participation")
# The entry's fields a proposal may give a value for, in the order a reviewer compares them.
PROPOSED_FIELDS = ("name", "summary", "website", "description", "city", "region")


def proposal_create(*, form, kind, model, entry=None, language):
    """Keep the proposal that the valid `form` holds, about `entry` or a new entry of `model`."""
    proposal = form.save(commit=False)
    proposal.kind = kind
    proposal.content_type = ContentType.objects.get_for_model(model)
    proposal.object_id = entry.pk if entry is not None else None
    proposal.language = language
    proposal.save()
    return proposal


class EntryGone(Exception):
    """The entry a correction is about no longer exists."""


@dataclass
class FieldComparison:
    label: str
    current: str
    proposed: str

    @property
    def changed(self):
        return bool(self.proposed) and self.proposed != self.current


def comparison(proposal):
    """Each field the proposal speaks of, beside what the entry says now, as text."""
    model = proposal.content_type.model_class()
    entry = proposal.entry
    rows = []
    for name in PROPOSED_FIELDS:
        if not _has_field(model, name):
            continue
        field = model._meta.get_field(name)
        current = _display(entry, name) if entry is not None else ""
        rows.append(FieldComparison(str(field.verbose_name), current, _display(proposal, name)))
    current_tags = ", ".join(sorted(entry.tags.names(), key=str.casefold)) if entry else ""
    rows.append(FieldComparison(_("thèmes"), current_tags, ", ".join(tags_to_apply(proposal))))
    return rows


def tags_to_apply(proposal):
    """The proposal's themes, each one that repeats an existing tag written as that tag.

    A visitor types themes freely: their « imagerie medicale » is the atlas's « Imagerie
    médicale », not a new tag beside it (the rule of the tag admin and of imports).
    """
    names = []
    for name in proposal.tag_names:
        twin = near_duplicate(name)
        names.append(twin.name if twin is not None else name)
    return list(dict.fromkeys(names))


def _has_field(model, name):
    return any(field.name == name for field in model._meta.concrete_fields)


def _display(instance, name):
    getter = getattr(instance, f"get_{name}_display", None)
    return str(getter() if getter and getattr(instance, name) else getattr(instance, name))


def _proposed_values(proposal, model):
    return {
        name: getattr(proposal, name)
        for name in PROPOSED_FIELDS
        if getattr(proposal, name) and _has_field(model, name)
    }


def origin_of(proposal):
    return _("proposition n° %(number)s") % {"number": proposal.pk}


@transaction.atomic
def proposal_accept(*, proposal, reviewer, note=""):
    """Accept `proposal`: a new draft entry, or its changes on a draft of the entry.

    A published entry gets a working copy, which a reviewer publishes as any other; an entry
    not public yet is changed as it is. Either way its history names the proposal. Returns the
    entry, or None when the proposal gives no value to apply (a message only). Raises
    EntryGone if the entry was deleted meanwhile.
    """
    model = proposal.content_type.model_class()
    values = _proposed_values(proposal, model)
    reason = _("D'après la %(origin)s, acceptée par %(reviewer)s") % {
        "origin": origin_of(proposal),
        "reviewer": reviewer,
    }
    if proposal.kind == ProposalKind.NEW_ENTRY:
        entry = _new_draft(proposal, model, values, reviewer=reviewer, reason=reason)
        proposal.object_id = entry.pk
    elif not values and not proposal.tag_names:
        entry = None
    else:
        entry = model._default_manager.select_for_update().filter(pk=proposal.object_id).first()
        if entry is None:
            raise EntryGone
        for name, value in values.items():
            setattr(entry, name, value)
        tags = tags_to_apply(proposal) or None
        if entry.status == PublicationStatus.PUBLISHED:
            proposal.working_copy = working_copies.propose(
                entry=entry,
                user=reviewer,
                fields=list(values),
                tags=tags,
                origin=origin_of(proposal),
            )
        else:
            entry.skip_history_when_saving = True
            entry.save()
            if tags is not None:
                entry.tags.set(tags)
            del entry.skip_history_when_saving
            record_revision(entry, user=reviewer, reason=reason)
    _decide(proposal, ProposalStatus.ACCEPTED, reviewer=reviewer, note=note)
    return entry


def _new_draft(proposal, model, values, *, reviewer, reason):
    entry = model(status=PublicationStatus.DRAFT, **values)
    entry.slug = _free_slug(model, proposal.name)
    entry.skip_history_when_saving = True
    entry.save()
    entry.tags.set(tags_to_apply(proposal))
    url = proposal.source if proposal.source.startswith(("http://", "https://")) else ""
    Source.objects.create(
        entry=entry,
        title=_("Source de la %(origin)s") % {"origin": origin_of(proposal)}
        if url
        else proposal.source[:300],
        url=url,
    )
    del entry.skip_history_when_saving
    record_revision(entry, user=reviewer, history_type="+", reason=reason)
    return entry


def _free_slug(model, name):
    base = slugify(name)[:180] or "fiche"
    slug, number = base, 1
    while model._default_manager.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def proposal_reject(*, proposal, reviewer, note=""):
    _decide(proposal, ProposalStatus.REJECTED, reviewer=reviewer, note=note)


def _decide(proposal, status, *, reviewer, note):
    proposal.status = status
    proposal.review_note = note
    proposal.reviewed_by = reviewer
    proposal.reviewed_at = timezone.now()
    proposal.save()


def notify_outcome(*, proposal):
    """Tell the proposer, if they left an address, what became of their proposal.

    The address served only for this: once the message has gone, it is forgotten. Returns
    whether a message went; a mail server that fails is logged, not raised.
    """
    if not proposal.email:
        return False
    with translation.override(proposal.language):
        context = {"proposal": proposal, "accepted": proposal.status == ProposalStatus.ACCEPTED}
        subject = render_to_string("participation/email/outcome_subject.txt", context).strip()
        body = render_to_string("participation/email/outcome.txt", context)
    try:
        send_mail(subject, body, None, [proposal.email])
    except OSError:
        logger.warning("Outcome of proposal %s not sent", proposal.pk, exc_info=True)
        return False
    proposal.email = ""
    proposal.save(update_fields=["email"])
    return True
