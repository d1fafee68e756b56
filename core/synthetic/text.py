"""French phrase banks, and the summaries and descriptions assembled from them."""

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# What an entry is about, as it reads in a sentence and in a name (« … et imagerie »).
TOPICS = [
    ("l'imagerie médicale", "imagerie"),
    ("la détection précoce des cancers", "oncologie"),
    ("le suivi des maladies chroniques", "maladies chroniques"),
    ("la prévention cardiovasculaire", "cardiologie"),
    ("la santé mentale", "santé mentale"),
    ("la neurologie", "neurosciences"),
    ("la médecine de précision", "médecine de précision"),
    ("la génomique clinique", "génomique"),
    ("l'anatomopathologie numérique", "pathologie numérique"),
    ("la radiothérapie", "radiothérapie"),
    ("les urgences hospitalières", "urgences"),
    ("la réanimation", "soins critiques"),
    ("la télésurveillance à domicile", "télésurveillance"),
    ("les parcours de soins", "parcours de soins"),
    ("la gestion des établissements de santé", "pilotage hospitalier"),
    ("la découverte de médicaments", "découverte de médicaments"),
    ("les essais cliniques", "essais cliniques"),
    ("la pharmacovigilance", "pharmacovigilance"),
    ("l'ophtalmologie", "ophtalmologie"),
    ("la dermatologie", "dermatologie"),
    ("la santé de la femme", "santé de la femme"),
    ("la pédiatrie", "pédiatrie"),
    ("le vieillissement et la fragilité", "bien vieillir"),
    ("les maladies rares", "maladies rares"),
    ("les maladies infectieuses", "maladies infectieuses"),
    ("l'épidémiologie", "épidémiologie"),
    ("les données de santé", "données de santé"),
    ("l'interopérabilité des systèmes d'information", "interopérabilité"),
    ("la chirurgie assistée", "chirurgie"),
    ("la biologie médicale", "biologie médicale"),
    ("les soins primaires", "soins primaires"),
    ("la nutrition", "nutrition"),
    ("le diabète", "diabétologie"),
    ("la rééducation", "rééducation"),
    ("le sommeil", "sommeil"),
    ("la cybersécurité des hôpitaux", "cybersécurité"),
]

VERBS = [
    "développe des algorithmes pour",
    "conçoit des outils d'aide à la décision pour",
    "met l'apprentissage profond au service de",
    "exploite les données de vie réelle pour",
    "accompagne les équipes soignantes dans",
    "valide en conditions réelles des modèles consacrés à",
    "fédère chercheurs et cliniciens autour de",
    "industrialise des solutions logicielles pour",
]

COMPLEMENTS = [
    "en lien étroit avec les hôpitaux de la région",
    "avec des modèles validés sur plusieurs centres",
    "dans le respect du RGPD et de l'hébergement de données de santé",
    "en s'appuyant sur des données multicentriques",
    "pour réduire les délais de diagnostic",
    "au plus près des patients",
    "avec une attention particulière à l'explicabilité",
    "à l'échelle nationale",
    "en partenariat avec des laboratoires publics",
    "pour des établissements de toute taille",
]

SENTENCES = [
    "Ses travaux portent sur {topic}, avec une équipe de {people} personnes.",
    "Les modèles sont entraînés sur des données pseudonymisées issues de {sites} établissements.",
    "Une étude rétrospective portant sur {patients} patients en a mesuré l'intérêt clinique.",
    "Le projet s'appuie sur un comité scientifique réunissant cliniciens, chercheurs et patients.",
    "Les premiers résultats ont été présentés en {year} lors d'un congrès international.",
    "La démarche qualité suit les exigences du règlement européen sur les dispositifs médicaux.",
    "L'évaluation associe des indicateurs cliniques, organisationnels et médico-économiques.",
    "Un entrepôt de données de santé alimente les travaux, sous le contrôle d'un comité éthique.",
    "La collaboration avec {city} a permis d'étendre l'expérimentation à de nouveaux services.",
    "Les algorithmes sont conçus pour s'intégrer au dossier patient sans double saisie.",
    "Une attention particulière est portée à l'équité des performances entre populations.",
    "Les codes et les jeux de données d'évaluation sont en partie publiés en accès ouvert.",
    "Depuis {year}, le déploiement s'étend à d'autres régions françaises.",
    "Des professionnels de santé participent à chaque étape, de la conception à l'évaluation.",
    "Le modèle économique repose sur des licences annuelles et des partenariats de recherche.",
    "La gouvernance des données associe les représentants des usagers.",
    "Les équipes publient régulièrement dans des revues à comité de lecture.",
    "Une formation des utilisateurs accompagne chaque mise en service.",
    "L'explicabilité des résultats fait l'objet d'un programme de recherche dédié.",
    "Les indicateurs de suivi sont rendus publics chaque année.",
]


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def clip(text: str, length: int) -> str:
    """`text` cut at a word boundary to at most `length` characters, ending with a full stop."""
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def summary(
    rng: random.Random,
    subject: str,
    *,
    topic: str,
    verbs: Sequence[str] = VERBS,
    length: int = 300,
) -> str:
    """One sentence: « {subject} qui développe des algorithmes pour {topic} {complement}. »"""
    text = f"{subject} qui {contract(pick(rng, verbs), topic)} {pick(rng, COMPLEMENTS)}."
    return clip(text, length)


CONTRACTIONS = {"à le": "au", "à les": "aux", "de le": "du", "de les": "des"}


def contract(words: str, topic: str) -> str:
    """`words` followed by `topic`, « à le diabète » written « au diabète »."""
    preposition, _, rest = words.rpartition(" ")
    article, _, noun = topic.partition(" ")
    contracted = CONTRACTIONS.get(f"{rest} {article}")
    return f"{preposition} {contracted} {noun}" if contracted else f"{words} {topic}"


def description(rng: random.Random, *, topic: str, city: str) -> str:
    """Two or three paragraphs of two to four sentences, separated by a blank line."""
    values = {
        "topic": topic,
        "city": city,
        "people": rng.randint(4, 400),
        "sites": rng.randint(2, 40),
        "patients": f"{rng.randint(2, 250) * 100:,}".replace(",", "\u202f"),
        "year": rng.randint(2016, 2026),
    }
    sizes = [rng.randint(2, 4) for _ in range(rng.randint(2, 3))]
    # Drawn all at once, so that no sentence comes twice.
    sentences = iter(rng.sample(SENTENCES, sum(sizes)))
    paragraphs = [" ".join(next(sentences).format(**values) for _ in range(size)) for size in sizes]
    return "\n\n".join(paragraphs)


def _elides(word: str) -> bool:
    return word[:1].casefold() in "aeiouyéèêîô"


def of_city(city: str) -> str:
    """« de Lyon », « d'Angers », « du Mans »."""
    if city.startswith("Le "):
        return f"du {city[3:]}"
    return f"d'{city}" if _elides(city) else f"de {city}"


def at_city(city: str) -> str:
    """« à Lyon », « au Havre »."""
    return f"au {city[3:]}" if city.startswith("Le ") else f"à {city}"
