"""An entry's direct neighbours, read from what its detail view has already prefetched.

No query of its own: each detail view prefetches the published entries at the other end of
every relation (ActorDetailView, SchemeDetailView, ProgrammeDetailView).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ecosystem.models import Actor
from funding.models import FundingScheme
from trainings.models import TrainingProgramme


@dataclass(frozen=True)
class Neighbour:
    entry: object
    relation: str


def neighbours(entry):
    """(entry, relation) pairs around `entry`, each neighbour once, in the page's order."""
    if isinstance(entry, Actor):
        groups = [
            (_("organisation mère"), _published_parent(entry)),
            (_("membre de"), entry.memberships.all()),
            (_("membre"), entry.members.all()),
            (_("lancé ou regroupé"), entry.children.all()),
            (_("financé par"), [award.scheme for award in entry.awards.all()]),
            (_("dispositif opéré"), entry.operated_schemes.all()),
            (_("formation délivrée"), entry.programmes.all()),
        ]
    elif isinstance(entry, FundingScheme):
        groups = [
            (_("fait partie de"), _published_parent(entry)),
            (_("opérateur"), entry.operators.all()),
            (_("dispositif rattaché"), entry.children.all()),
            (_("bénéficiaire"), [award.actor for award in entry.awards.all()]),
        ]
    elif isinstance(entry, TrainingProgramme):
        groups = [(_("établissement"), entry.providers.all())]
    else:
        groups = []
    found, seen = [], set()
    for relation, entries in groups:
        for other in entries:
            key = (type(other), other.pk)
            if key in seen or key == (type(entry), entry.pk):
                continue
            seen.add(key)
            found.append(Neighbour(other, str(relation)))
    return found


def _published_parent(entry):
    return [entry.parent] if entry.parent and entry.parent.is_published else []
