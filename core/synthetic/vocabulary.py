"""Words the synthetic atlas is made of: French cities with their regions, and the tags."""

# (city, region code of ecosystem.Region), biggest health and research centres first: the
# generator picks a city with a weight that falls with its rank.
CITIES = [
    ("Paris", "IDF"), ("Lyon", "ARA"), ("Marseille", "PAC"), ("Toulouse", "OCC"), ("Lille", "HDF"),
    ("Bordeaux", "NAQ"), ("Nantes", "PDL"), ("Strasbourg", "GES"), ("Montpellier", "OCC"),
    ("Rennes", "BRE"), ("Grenoble", "ARA"), ("Nice", "PAC"), ("Villejuif", "IDF"),
    ("Saclay", "IDF"), ("Nancy", "GES"), ("Rouen", "NOR"), ("Clermont-Ferrand", "ARA"),
    ("Dijon", "BFC"), ("Tours", "CVL"), ("Brest", "BRE"), ("Angers", "PDL"), ("Caen", "NOR"),
    ("Reims", "GES"), ("Amiens", "HDF"), ("Limoges", "NAQ"), ("Poitiers", "NAQ"),
    ("Besançon", "BFC"), ("Saint-Étienne", "ARA"), ("Nîmes", "OCC"), ("Créteil", "IDF"),
    ("Boulogne-Billancourt", "IDF"), ("Versailles", "IDF"), ("Palaiseau", "IDF"),
    ("Évry-Courcouronnes", "IDF"), ("Orléans", "CVL"), ("Metz", "GES"), ("Mulhouse", "GES"),
    ("Le Mans", "PDL"), ("Aix-en-Provence", "PAC"), ("Valbonne", "PAC"), ("Toulon", "PAC"),
    ("Avignon", "PAC"), ("Perpignan", "OCC"), ("Pau", "NAQ"), ("La Rochelle", "NAQ"),
    ("Le Havre", "NOR"), ("Annecy", "ARA"), ("Chambéry", "ARA"), ("Valence", "ARA"),
    ("Villeurbanne", "ARA"), ("Roubaix", "HDF"), ("Dunkerque", "HDF"), ("Arras", "HDF"),
    ("Lorient", "BRE"), ("Vannes", "BRE"), ("Quimper", "BRE"), ("Saint-Malo", "BRE"),
    ("Troyes", "GES"), ("Colmar", "GES"), ("Béziers", "OCC"), ("Albi", "OCC"), ("Tarbes", "OCC"),
    ("Bayonne", "NAQ"), ("Niort", "NAQ"), ("Angoulême", "NAQ"), ("Blois", "CVL"),
    ("Bourges", "CVL"), ("Chartres", "CVL"), ("Auxerre", "BFC"), ("Belfort", "BFC"),
    ("Cherbourg-en-Cotentin", "NOR"), ("Évreux", "NOR"), ("Saint-Nazaire", "PDL"),
    ("La Roche-sur-Yon", "PDL"), ("Laval", "PDL"), ("Cannes", "PAC"), ("Gap", "PAC"),
    ("Ajaccio", "COR"), ("Bastia", "COR"), ("Saint-Denis", "LRE"), ("Saint-Pierre", "LRE"),
    ("Pointe-à-Pitre", "GUA"), ("Fort-de-France", "MTQ"), ("Cayenne", "GUF"), ("Mamoudzou", "MAY"),
]  # fmt: skip

PATHOLOGIES = [
    "diabète", "diabète de type 1", "diabète de type 2", "obésité", "hypertension artérielle",
    "insuffisance cardiaque", "fibrillation atriale", "infarctus du myocarde",
    "accident vasculaire cérébral", "maladie d'Alzheimer", "maladie de Parkinson",
    "sclérose en plaques", "épilepsie", "sclérose latérale amyotrophique", "migraine",
    "dépression", "schizophrénie", "troubles bipolaires", "autisme", "troubles du sommeil",
    "apnée du sommeil", "addictions", "cancer du sein", "cancer du poumon", "cancer colorectal",
    "cancer de la prostate", "cancer du pancréas", "mélanome", "leucémie", "lymphome",
    "tumeurs cérébrales", "cancers pédiatriques", "BPCO", "asthme", "mucoviscidose",
    "fibrose pulmonaire", "insuffisance rénale chronique", "maladies du foie", "hépatite C", "VIH",
    "tuberculose", "COVID-19", "sepsis", "infections nosocomiales", "antibiorésistance",
    "maladies rares", "maladies génétiques", "drépanocytose", "myopathies",
    "polyarthrite rhumatoïde", "arthrose", "ostéoporose", "lombalgie", "glaucome", "DMLA",
    "rétinopathie diabétique", "surdité", "endométriose", "prématurité",
    "maladies cardiovasculaires", "maladies neurodégénératives", "maladies infectieuses",
    "santé mentale", "psoriasis", "dermatite atopique", "maladie de Crohn",
    "chutes des personnes âgées", "fragilité", "douleur chronique",
]  # fmt: skip

TECHNOLOGIES = [
    "apprentissage automatique", "apprentissage profond", "réseaux de neurones",
    "vision par ordinateur", "traitement automatique du langage", "grands modèles de langage",
    "IA générative", "IA explicable", "apprentissage fédéré", "apprentissage par renforcement",
    "jumeau numérique", "robotique chirurgicale", "objets connectés",
    "dispositifs médicaux connectés", "capteurs portables", "imagerie médicale", "radiologie",
    "IRM", "scanner", "échographie", "anatomopathologie numérique", "dermatoscopie",
    "électrocardiogramme", "électroencéphalogramme", "génomique", "séquençage", "protéomique",
    "multi-omique", "biomarqueurs numériques", "reconnaissance vocale", "agents conversationnels",
    "réalité virtuelle", "réalité augmentée", "cloud de santé", "calcul haute performance",
    "données synthétiques", "traitement du signal", "segmentation d'images", "aide au diagnostic",
    "aide à la décision clinique", "modèles prédictifs", "analyse de survie", "séries temporelles",
    "graphes de connaissances", "ontologies médicales", "interopérabilité", "FHIR",
    "entrepôt de données de santé", "dossier patient informatisé", "logiciel dispositif médical",
    "imagerie 3D", "microscopie", "radiomique", "pharmacovigilance automatisée",
    "criblage virtuel",
]  # fmt: skip

CARE = [
    "télémédecine", "téléconsultation", "télésurveillance", "téléexpertise", "soins primaires",
    "médecine de ville", "urgences", "soins intensifs", "réanimation", "bloc opératoire",
    "parcours de soins", "coordination des soins", "hospitalisation à domicile",
    "maintien à domicile", "soins palliatifs", "rééducation", "santé de la femme", "périnatalité",
    "pédiatrie", "gériatrie", "psychiatrie", "oncologie", "cardiologie", "neurologie",
    "dermatologie", "ophtalmologie", "pneumologie", "néphrologie", "gastro-entérologie",
    "rhumatologie", "endocrinologie", "médecine nucléaire", "radiothérapie", "anesthésie",
    "pharmacie clinique", "biologie médicale", "médecine personnalisée", "médecine de précision",
    "prévention", "dépistage", "éducation thérapeutique", "observance thérapeutique", "triage",
    "gestion des lits", "planification hospitalière", "expérience patient", "santé au travail",
    "soins infirmiers", "médecine du sport", "santé bucco-dentaire", "nutrition",
]  # fmt: skip

RESEARCH = [
    "essais cliniques", "recherche clinique", "recherche translationnelle", "épidémiologie",
    "santé publique", "cohortes", "données de vie réelle", "bio-informatique", "biostatistique",
    "découverte de médicaments", "repositionnement de médicaments", "biotechnologies",
    "thérapies géniques", "immunothérapie", "vaccins", "neurosciences", "science des données",
    "formation continue", "formation initiale", "enseignement supérieur", "doctorat",
    "reproductibilité", "science ouverte", "jeux de données publics", "annotation de données",
    "évaluation clinique", "validation externe", "études médico-économiques",
    "sciences humaines et sociales", "éthique de la recherche", "transfert de technologie",
    "valorisation de la recherche", "chaires d'IA", "instituts 3IA", "laboratoires communs",
    "partenariat public-privé", "entrepreneuriat", "incubation",
]  # fmt: skip

POLICY = [
    "France 2030", "stratégie nationale pour l'IA", "Ségur du numérique", "Health Data Hub",
    "espace européen des données de santé", "RGPD", "AI Act", "hébergement de données de santé",
    "marquage CE", "règlement sur les dispositifs médicaux", "évaluation HAS", "remboursement",
    "prise en charge anticipée numérique", "article 51", "innovation en santé",
    "souveraineté numérique", "cybersécurité", "éthique de l'IA", "IA de confiance",
    "accès aux données", "consentement", "équité en santé", "déserts médicaux", "territoires",
    "politique industrielle", "commande publique", "financement de l'innovation",
    "appels à projets", "plans d'investissement", "numérique en santé", "Mon espace santé",
    "doctrine du numérique en santé", "Grand Défi", "PEPR", "programmes prioritaires de recherche",
    "sobriété numérique",
]  # fmt: skip

OTHER = [
    "start-up", "levée de fonds", "international", "Europe", "Afrique francophone", "open source",
    "communauté", "hackathon", "prix et concours", "événements", "réseaux professionnels",
    "associations de patients", "mécénat", "fondations", "industrie pharmaceutique", "medtech",
    "assurance santé", "mutuelles",
]  # fmt: skip

# The tags, by core.models.TagGroup value. The generator creates those the atlas lacks.
TAGS = {
    "pathology": PATHOLOGIES,
    "technology": TECHNOLOGIES,
    "care": CARE,
    "research": RESEARCH,
    "policy": POLICY,
    "other": OTHER,
}
