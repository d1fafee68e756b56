"""Synthetic training programmes for `manage.py generate_entries` (core/synthetic/__init__.py)."""

from decimal import Decimal

from core.synthetic.generator import pk
from core.synthetic.text import TOPICS, description, of_city, pick, summary
from ecosystem.models import Actor, ActorKind
from trainings.models import DiplomaType, TeachingFormat, TeachingLanguage, TrainingProgramme

SHARES = {"trainings.TrainingProgramme": 0.15}

PROVIDER_KINDS = {ActorKind.UNIVERSITY, ActorKind.HOSPITAL, ActorKind.RESEARCH_INSTITUTE}
NAMES = {
    DiplomaType.DU: [
        "DU intelligence artificielle et {short} {of_city}",
        "DU IA en santé – {short}",
    ],
    DiplomaType.DIU: ["DIU IA et {short}", "DIU santé numérique et {short}"],
    DiplomaType.TRACK: ["Parcours IA et {short} {of_city}", "Parcours data et {short}"],
    DiplomaType.MASTER: ["Master IA et {short} {of_city}", "Master santé numérique {of_city}"],
    DiplomaType.MASTER_TRACK: ["Parcours de master IA et {short}"],
    DiplomaType.BACHELOR: ["Licence données de santé {of_city}", "Bachelor IA et santé {of_city}"],
    DiplomaType.MOOC: ["MOOC l'IA pour {short}", "MOOC initiation à l'IA en {short}"],
    DiplomaType.CONTINUING: [
        "Formation continue IA et {short}",
        "Programme régional IA et {short}",
    ],
    DiplomaType.CERTIFICATE: ["Certificat IA appliquée à {short}"],
    DiplomaType.OTHER: ["Atelier IA et {short} {of_city}"],
}
DURATIONS = {
    DiplomaType.MASTER: (600, 1200),
    DiplomaType.BACHELOR: (1200, 1800),
    DiplomaType.MOOC: (6, 40),
}
VERBS = [
    "forme des professionnels à l'IA appliquée à",
    "prépare les étudiants aux usages de l'IA pour",
    "initie les soignants aux outils numériques dédiés à",
]
AUDIENCES = [
    "Médecins, pharmaciens et internes.",
    "Ingénieurs et data scientists souhaitant travailler en santé.",
    "Professionnels paramédicaux et cadres de santé.",
    "Étudiants en santé ou en informatique, à partir de la troisième année.",
]
OBJECTIVES = [
    "Comprendre les principes de l'apprentissage automatique",
    "Évaluer un algorithme d'aide au diagnostic",
    "Conduire un projet d'IA dans un établissement de santé",
    "Connaître le cadre réglementaire des données de santé",
    "Interpréter les performances d'un modèle prédictif",
    "Préparer et annoter un jeu de données médicales",
]
PREREQUISITES = ["Aucun.", "Notions de statistiques.", "Bases de programmation en Python.", ""]
FIGURES = [
    ("Étudiants par an", lambda rng: str(rng.randint(10, 300))),
    ("Taux d'insertion", lambda rng: f"{rng.randint(70, 100)}\u00a0%"),
    ("Intervenants", lambda rng: str(rng.randint(4, 60))),
]


def programme(context, diploma_type):
    rng = context.rng
    city, _ = context.city()
    topic, short = pick(rng, TOPICS)
    name = pick(rng, NAMES[diploma_type]).format(short=short, of_city=of_city(city))
    low, high = DURATIONS.get(diploma_type, (20, 300))
    teaching_format = pick(rng, [*TeachingFormat.values, ""])
    return TrainingProgramme(
        **context.entry_fields(TrainingProgramme, name),
        diploma_type=diploma_type,
        summary=summary(rng, "Formation", topic=topic, verbs=VERBS),
        description=description(rng, topic=topic, city=city),
        website=f"https://www.example.org/formations/{diploma_type}" if rng.random() < 0.7 else "",
        duration_hours=rng.randint(low, high) if rng.random() < 0.85 else None,
        teaching_format=teaching_format,
        language=rng.choices(list(TeachingLanguage), (8, 1, 1))[0],
        audience=pick(rng, AUDIENCES),
        objectives="\n".join(rng.sample(OBJECTIVES, rng.randint(2, 4))),
        prerequisites=pick(rng, PREREQUISITES),
        cost_eur=Decimal(rng.randint(0, 80) * 100) if rng.random() < 0.7 else None,
        city="" if teaching_format == TeachingFormat.REMOTE else city,
    )


def generate(context):
    """Programmes of every type, each delivered by one to three actors."""
    rng, count = context.rng, context.counts["trainings.TrainingProgramme"]
    actors = context.created.get("ecosystem.Actor") or list(
        Actor.objects.published().order_by("pk")
    )
    providers = [actor for actor in actors if actor.kind in PROVIDER_KINDS] or actors
    programmes = context.insert(
        TrainingProgramme, [programme(context, pick(rng, DiplomaType.values)) for _ in range(count)]
    )
    links = []
    for training in programmes if providers else ():
        chosen = {pick(rng, providers) for _ in range(rng.randint(1, 3))}
        links += [(training.pk, actor.pk) for actor in sorted(chosen, key=pk)]
    context.insert_rows(TrainingProgramme.providers.through, ("trainingprogramme", "actor"), links)
    context.tag(programmes)
    context.add_details(programmes, FIGURES)
    context.created["trainings.TrainingProgramme"] = programmes
