"""Synthetic actors for `manage.py generate_entries` (see core/synthetic/__init__.py)."""

from core.synthetic.generator import euros, pk
from core.synthetic.text import TOPICS, at_city, description, of_city, pick, summary
from ecosystem.models import Actor, ActorKind, Region

SHARES = {"ecosystem.Actor": 0.50}

# How often each kind appears; the hubs (groups, universities, agencies) come first.
KIND_WEIGHTS = {
    ActorKind.COMPANY: 45,
    ActorKind.HOSPITAL: 12,
    ActorKind.OTHER: 10,
    ActorKind.RESEARCH_INSTITUTE: 8,
    ActorKind.UNIVERSITY: 6,
    ActorKind.PUBLIC_AGENCY: 5,
    ActorKind.CONSORTIUM: 5,
    ActorKind.INVESTOR: 5,
    ActorKind.CAMPUS: 4,
}
HUB_KINDS = [
    ActorKind.UNIVERSITY,
    ActorKind.PUBLIC_AGENCY,
    ActorKind.HOSPITAL,
    ActorKind.RESEARCH_INSTITUTE,
    ActorKind.INVESTOR,
]
HUB_SHARE = 0.05
CHILD_SHARE = 0.15

BRAND_STARTS = [
    "Cardio", "Neuro", "Onco", "Derma", "Radio", "Pneumo", "Ortho", "Patho", "Bio", "Medi",
    "Thera", "Geno", "Vita", "Clini", "Sana", "Physio", "Opti", "Pharma", "Immuno", "Hema",
    "Ophta", "Nephro", "Gastro", "Echo", "Kine", "Psy", "Endo", "Derm", "Lumi", "Cyto",
]  # fmt: skip
BRAND_ENDS = [
    "sight", "lab", "mind", "scan", "vision", "logic", "data", "flow", "nova", "care",
    "tech", "link", "path", "metrics", "gen", "sense", "wave", "quant", "via", "lens",
]  # fmt: skip
BRAND_TAILS = ["", "", "", " Santé", " Health", " Analytics", " Medical", " IA"]
SAINTS = [
    "Saint-Louis", "Sainte-Anne", "Saint-Joseph", "Pasteur", "Necker", "Foch", "Lariboisière",
    "Saint-Antoine", "Pitié-Salpêtrière", "Bichat", "Cochin", "Purpan", "Pellegrin",
    "Édouard-Herriot", "Pontchaillou", "Rangueil", "Charcot", "Laennec", "Curie", "Bergonié",
]  # fmt: skip

NAMES = {
    ActorKind.COMPANY: ["{brand}"],
    ActorKind.HOSPITAL: [
        "Centre hospitalier universitaire {of_city}",
        "Centre hospitalier {of_city}",
        "Clinique numérique {of_city}",
        "Hôpital {saint} {of_city}",
        "Institut de cancérologie {of_city}",
        "Groupe hospitalier {saint}",
    ],
    ActorKind.RESEARCH_INSTITUTE: [
        "Laboratoire d'IA et {short} {of_city}",
        "Institut de recherche en {short} {of_city}",
        "Équipe-projet {brand}",
    ],
    ActorKind.UNIVERSITY: [
        "Université {of_city}",
        "Faculté de santé {of_city}",
        "École d'ingénieurs en santé numérique {of_city}",
    ],
    ActorKind.PUBLIC_AGENCY: [
        "Groupement régional d'appui au numérique en santé – {region}",
        "Observatoire régional de la santé numérique – {region}",
        "Direction de l'innovation en santé {of_city}",
    ],
    ActorKind.CONSORTIUM: ["Consortium {short} {region}", "Réseau {short} {of_city}"],
    ActorKind.INVESTOR: ["{brand} Capital Santé", "Fonds {short} Innovation", "{brand} Ventures"],
    ActorKind.CAMPUS: [
        "Campus santé numérique {of_city}",
        "Incubateur {brand} – {city}",
        "Biopôle {of_city}",
    ],
    ActorKind.OTHER: ["Association {short} {of_city}", "Fondation {brand} pour la santé"],
}
SUBJECTS = {
    ActorKind.COMPANY: ["Start-up basée", "Entreprise basée", "Medtech installée"],
    ActorKind.HOSPITAL: ["Établissement de santé situé", "Hôpital situé"],
    ActorKind.RESEARCH_INSTITUTE: ["Équipe de recherche installée", "Laboratoire situé"],
    ActorKind.UNIVERSITY: ["Université située", "Établissement d'enseignement supérieur situé"],
    ActorKind.PUBLIC_AGENCY: ["Organisme public installé"],
    ActorKind.CONSORTIUM: ["Consortium coordonné"],
    ActorKind.INVESTOR: ["Investisseur basé", "Fonds d'investissement basé"],
    ActorKind.CAMPUS: ["Lieu d'innovation situé"],
    ActorKind.OTHER: ["Structure basée", "Association basée"],
}
FIGURES = [
    ("Effectif", lambda rng: f"{rng.randint(3, 900)} personnes"),
    ("Levée de fonds", lambda rng: euros(rng.randint(5, 900) * 100_000)),
    ("Patients suivis", lambda rng: f"{rng.randint(1, 500) * 100:,}".replace(",", "\u202f")),
    ("Publications", lambda rng: str(rng.randint(5, 400))),
    ("Établissements partenaires", lambda rng: str(rng.randint(2, 80))),
]


def brand(rng):
    return pick(rng, BRAND_STARTS) + pick(rng, BRAND_ENDS) + pick(rng, BRAND_TAILS)


def founding_year(rng, kind):
    if kind == ActorKind.COMPANY:
        return rng.randint(2008, 2025)
    if kind == ActorKind.UNIVERSITY and rng.random() < 0.1:
        return rng.randint(1250, 1900)
    return rng.randint(1900, 2024)


def actor(context, kind):
    """One unsaved actor of `kind`, with its name, text and place."""
    rng = context.rng
    city, region = context.city()
    topic, short = pick(rng, TOPICS)
    name = pick(rng, NAMES[kind]).format(
        brand=brand(rng),
        city=city,
        of_city=of_city(city),
        region=Region(region).label,
        saint=pick(rng, SAINTS),
        short=short,
    )
    fields = context.entry_fields(Actor, name)
    return Actor(
        **fields,
        kind=kind,
        summary=summary(rng, f"{pick(rng, SUBJECTS[kind])} {at_city(city)}", topic=topic),
        description=description(rng, topic=topic, city=city),
        website=f"https://www.example.org/{fields['slug']}" if rng.random() < 0.7 else "",
        city=city,
        region=region,
        founding_year=founding_year(rng, kind) if rng.random() < 0.8 else None,
    )


def generate(context):
    """Hubs first, then actors of every kind, some of them the hubs' children; then members."""
    rng, count = context.rng, context.counts["ecosystem.Actor"]
    hub_count = round(count * HUB_SHARE)
    hubs = context.insert(Actor, [actor(context, pick(rng, HUB_KINDS)) for _ in range(hub_count)])
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    others = []
    for _ in range(count - hub_count):
        other = actor(context, rng.choices(kinds, kind_weights)[0])
        if hubs and rng.random() < CHILD_SHARE:
            other.parent = pick(rng, hubs)
        others.append(other)
    actors = hubs + context.insert(Actor, others)

    memberships = []
    for consortium in actors:
        if consortium.kind == ActorKind.CONSORTIUM:
            members = {pick(rng, actors) for _ in range(rng.randint(3, 10))} - {consortium}
            memberships += [(consortium.pk, member.pk) for member in sorted(members, key=pk)]
    context.insert_rows(Actor.members.through, ("from_actor", "to_actor"), memberships)
    context.tag(actors)
    context.add_details(actors, FIGURES)
    context.created["ecosystem.Actor"] = actors
