"""Synthetic funding schemes and awards for `manage.py generate_entries`.

See core/synthetic/__init__.py. Awards count as entries of the atlas: each links a scheme made
here to an actor that the ecosystem app's generator made before.
"""

from decimal import Decimal

from core.synthetic.generator import euros, pk
from core.synthetic.text import TOPICS, description, pick, summary
from ecosystem.models import Actor, ActorKind, Region
from funding.models import Award, FundingScheme, SchemeKind, SchemeState

SHARES = {"funding.FundingScheme": 0.10, "funding.Award": 0.25}

PLAN_SHARE = 0.10
CHILD_SHARE = 0.40
OPERATOR_KINDS = {ActorKind.PUBLIC_AGENCY, ActorKind.INVESTOR, ActorKind.CONSORTIUM}

NAMES = {
    SchemeKind.INVESTMENT_PLAN: [
        "Plan national IA et {short} {year}",
        "Stratégie d'accélération {short} {year}",
        "Plan régional santé numérique {region} {year}",
    ],
    SchemeKind.PROGRAMME: [
        "Programme régional IA et {short} {year}",
        "Programme d'expérimentation {short} – {region}",
    ],
    SchemeKind.GRANT: ["Subvention innovation {short} {year}", "Aide à la maturation en {short}"],
    SchemeKind.CALL_FOR_PROJECTS: [
        "Appel à projets « IA et {short} » {year}",
        "Appel à manifestation d'intérêt {short} {year}",
    ],
    SchemeKind.LOAN: ["Prêt d'amorçage santé numérique {year}", "Avance remboursable {short}"],
    SchemeKind.EQUITY: ["Fonds d'amorçage {short}", "Programme d'investissement {short} {year}"],
    SchemeKind.NON_FINANCIAL_SUPPORT: [
        "Accompagnement {short} {region}",
        "Programme d'accélération {short} {year}",
    ],
    SchemeKind.OTHER: ["Dispositif {short} {year}"],
}
VERBS = [
    "finance des projets d'IA consacrés à",
    "soutient les entreprises innovantes qui travaillent sur",
    "accompagne les établissements de santé vers l'IA appliquée à",
    "cofinance des expérimentations portant sur",
]
ELIGIBILITY = [
    "Start-up et PME françaises de moins de huit ans.",
    "Établissements de santé publics et privés, seuls ou en consortium.",
    "Laboratoires publics associés à au moins un partenaire industriel.",
    "Consortiums réunissant un établissement de santé, un laboratoire et une entreprise.",
]
SECTORS = [
    "Dispositifs médicaux",
    "Logiciels de santé",
    "Biotechnologies",
    "Établissements de santé",
    "Recherche publique",
    "Médico-social",
]
NOTES = [
    "Financement d'une étude multicentrique sur {topic}.",
    "Soutien au développement d'un logiciel consacré à {topic}.",
    "Aide à l'industrialisation d'une solution pour {topic}.",
    "",
]
FIGURES = [
    ("Budget", lambda rng: euros(rng.randint(1, 500) * 1_000_000)),
    ("Projets financés", lambda rng: str(rng.randint(3, 300))),
    ("Lauréats", lambda rng: str(rng.randint(2, 120))),
    ("Taux de sélection", lambda rng: f"{rng.randint(5, 60)}\u00a0%"),
]


def scheme(context, kind, *, region):
    """One unsaved scheme of `kind`: name, text, dates, budget."""
    rng = context.rng
    city, _ = context.city()
    topic, short = pick(rng, TOPICS)
    year = rng.randint(2012, 2027)
    name = pick(rng, NAMES[kind]).format(short=short, year=year, region=region)
    subject = "Plan public" if kind == SchemeKind.INVESTMENT_PLAN else "Dispositif public"
    plan = kind == SchemeKind.INVESTMENT_PLAN
    budget = rng.randint(100, 3000) * 1_000_000 if plan else rng.randint(1, 500) * 100_000
    return FundingScheme(
        **context.entry_fields(FundingScheme, name),
        kind=kind,
        state=rng.choices(list(SchemeState), (2, 5, 3))[0],
        summary=summary(rng, subject, topic=topic, verbs=VERBS),
        description=description(rng, topic=topic, city=city),
        website=f"https://www.example.org/dispositifs/{year}" if rng.random() < 0.6 else "",
        announced_year=year,
        announced_month=rng.randint(1, 12) if rng.random() < 0.6 else None,
        budget_eur=Decimal(budget) if rng.random() < 0.85 else None,
        eligibility=pick(rng, ELIGIBILITY),
        sectors="\n".join(rng.sample(SECTORS, rng.randint(1, 4))),
    )


def award(context, scheme, actor):
    rng = context.rng
    first_year = scheme.announced_year or 2015
    return Award(
        scheme=scheme,
        actor=actor,
        amount_eur=Decimal(rng.randint(10, 20_000) * 1000) if rng.random() < 0.85 else None,
        year=rng.randint(first_year, max(first_year, 2027)) if rng.random() < 0.9 else None,
        note=pick(rng, NOTES).format(topic=pick(rng, TOPICS)[0]),
    )


def generate(context):
    """Plans, then schemes (some within a plan) with their operators, then the awards."""
    rng = context.rng
    scheme_count = context.counts["funding.FundingScheme"]
    award_count = context.counts["funding.Award"]
    actors = context.created.get("ecosystem.Actor") or list(
        Actor.objects.published().order_by("pk")
    )
    if award_count and not (scheme_count and actors):
        # An award needs a scheme and an actor: with too few entries, make schemes instead.
        scheme_count, award_count = scheme_count + award_count, 0
    regions = [label for _, label in Region.choices]

    plan_count = max(1, round(scheme_count * PLAN_SHARE)) if scheme_count else 0
    plans = context.insert(
        FundingScheme,
        [
            scheme(context, SchemeKind.INVESTMENT_PLAN, region=pick(rng, regions))
            for _ in range(plan_count)
        ],
    )
    kinds = [kind for kind in SchemeKind if kind != SchemeKind.INVESTMENT_PLAN]
    others = []
    for _ in range(scheme_count - plan_count):
        child = scheme(context, pick(rng, kinds), region=pick(rng, regions))
        if rng.random() < CHILD_SHARE:
            child.parent = pick(rng, plans)
        others.append(child)
    schemes = plans + context.insert(FundingScheme, others)

    operators = [actor for actor in actors if actor.kind in OPERATOR_KINDS] or actors
    links = []
    for funding_scheme in schemes if operators else ():
        chosen = {pick(rng, operators) for _ in range(rng.randint(1, 3))}
        links += [(funding_scheme.pk, actor.pk) for actor in sorted(chosen, key=pk)]
    context.insert_rows(FundingScheme.operators.through, ("fundingscheme", "actor"), links)
    context.tag(schemes)
    context.add_details(schemes, FIGURES)

    awards = [
        award(context, pick(rng, plans if rng.random() < 0.3 else schemes), pick(rng, actors))
        for _ in range(award_count)
    ]
    context.created["funding.FundingScheme"] = schemes
    context.created["funding.Award"] = context.insert(Award, awards)
