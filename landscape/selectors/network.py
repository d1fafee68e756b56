"""The whole ecosystem as a network: the most connected published entries and their links.

Links are the relations the entry pages show: memberships, parents, awards, operators and
providers. With a tag, only entries carrying it take part; with a kind, only actors of it
(with the schemes and programmes tied to them).
"""

from collections import Counter

from core.caching.remembered import remembered
from core.public.languages import language_columns
from core.public.selectors import carrying_tag
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from landscape.selectors.keys import whole_atlas
from trainings.models import TrainingProgramme

MAX_NODES = 60
ACTOR, SCHEME, PROGRAMME = "actor", "scheme", "programme"
MODELS = {ACTOR: Actor, SCHEME: FundingScheme, PROGRAMME: TrainingProgramme}


def network(*, tag=None, kind=""):
    """(entries, links, degrees): the MAX_NODES most linked entries, the links among them as
    index pairs, and each entry's number of links in the whole (narrowed) atlas.

    Who is linked to whom is kept until the counts change; the names are read at each visit
    (one query per kind), so that renaming an entry does not count every link again.
    """
    key = f"network:{tag.pk if tag else ''}:{kind}"
    top, links, degrees = remembered(key, lambda: _structure(tag, kind), depends_on=whole_atlas())
    found = {}
    for node_kind, model in MODELS.items():
        ids = [pk for kind_of, pk in top if kind_of == node_kind]
        if ids:
            columns = language_columns(model, "name")
            for entry in model.objects.filter(pk__in=ids).only(*columns, "slug"):
                found[node_kind, entry.pk] = entry
    # Kinds together, most linked first within each: the ring reads by kind.
    order = sorted(
        top, key=lambda node: (list(MODELS).index(node[0]), -degrees[node], found[node].name_fr)
    )
    index = {node: position for position, node in enumerate(order)}
    pairs = sorted((index[first], index[second]) for first, second in links)
    return [found[node] for node in order], pairs, [degrees[node] for node in order]


def _allowed(model, tag, **filters):
    entries = model.objects.published().filter(**filters)
    return (carrying_tag(entries, tag) if tag else entries).values("pk")


def _links(tag, kind):
    """Every link between two allowed entries, as ((kind, pk), (kind, pk)) pairs."""
    actors = _allowed(Actor, tag, **({"kind": kind} if kind else {}))
    schemes = _allowed(FundingScheme, tag)
    programmes = _allowed(TrainingProgramme, tag)
    members = Actor.members.through.objects.filter(
        from_actor__in=actors, to_actor__in=actors
    ).values_list("from_actor_id", "to_actor_id")
    parents = Actor.objects.filter(pk__in=actors, parent__in=actors).values_list("pk", "parent_id")
    awards = (
        Award.objects.published()
        .filter(actor__in=actors, scheme__in=schemes)
        .values_list("actor_id", "scheme_id")
    )
    operators = FundingScheme.operators.through.objects.filter(
        actor__in=actors, fundingscheme__in=schemes
    ).values_list("actor_id", "fundingscheme_id")
    providers = TrainingProgramme.providers.through.objects.filter(
        actor__in=actors, trainingprogramme__in=programmes
    ).values_list("actor_id", "trainingprogramme_id")
    return [
        *(((ACTOR, a), (ACTOR, b)) for a, b in members),
        *(((ACTOR, a), (ACTOR, b)) for a, b in parents),
        *(((ACTOR, a), (SCHEME, b)) for a, b in awards),
        *(((ACTOR, a), (SCHEME, b)) for a, b in operators),
        *(((ACTOR, a), (PROGRAMME, b)) for a, b in providers),
    ]


def _structure(tag, kind):
    """(top nodes, the links among them, their degrees), nodes as (kind, pk) pairs."""
    links = set(_links(tag, kind))
    degrees = Counter()
    for first, second in links:
        degrees[first] += 1
        degrees[second] += 1
    ranked = sorted(degrees.items(), key=lambda item: (-item[1], item[0]))
    top = [node for node, _degree in ranked[:MAX_NODES]]
    kept = set(top)
    among = [(first, second) for first, second in links if first in kept and second in kept]
    return top, among, {node: degrees[node] for node in top}
