"""Figures, names and places of the NRM demo (liaison/nrm/demo.py). Every name is made up."""

from __future__ import annotations

import random

from liaison.core.vocabularies import Gender
from liaison.directory.roles import Role

CASES_BY_YEAR = {2021: 38, 2022: 44, 2023: 86, 2024: 58, 2025: 48, 2026: 26}
LABOUR_SHARE = {2021: 0.72, 2022: 0.75, 2023: 0.827, 2024: 0.80, 2025: 0.78, 2026: 0.77}
POLICE, NGOS = ("pj", "gnr", "psp"), ("apf", "apav", "caritas")
# Who meets people first: the labour inspectorate and the rural GNR find most labour cases.
FIRST_CONTACT = {
    "labour": {"gnr": 26, "act": 24, "pj": 16, "psp": 8, "apf": 8, "caritas": 10, "apav": 8},
    "sexual": {"psp": 25, "pj": 20, "apf": 30, "apav": 25},
    "other": {"psp": 35, "pj": 25, "apav": 20, "caritas": 20},
}
CITIZENSHIPS = {
    "labour": {"NP": 17, "IN": 16, "RO": 11, "BR": 8, "MA": 7, "PT": 9, "UZ": 12, "TM": 6, "BD": 8},
    "sexual": {"BR": 35, "RO": 25, "PT": 15, "MA": 10, "UZ": 10, "TM": 5},
    "other": {"RO": 40, "PT": 20, "BR": 15, "MA": 10, "UZ": 10, "NP": 5},
}
# Fictitious colleagues in the agencies the directory demo leaves without a case worker.
STAFF = {
    "psp": ("demo-psp-investigator", "Vasco Pestana Guerreiro", Role.INVESTIGATOR),
    "gnr": ("demo-gnr-investigator", "Catarina Louro Batalha", Role.INVESTIGATOR),
    "caritas": ("demo-caritas-case-worker", "Teresa Quaresma Lima", Role.CASE_WORKER),
    "apav": ("demo-apav-case-worker", "Beatriz Sarmento Vale", Role.CASE_WORKER),
}
PROVIDERS = (  # name, agency, services, region, places, languages, takes children
    ("Casa de Acolhimento Norte (demo)", "apf", ["shelter", "psychological"], "Porto", 12, ["por", "eng"], False),
    ("Centro de Acolhimento e Proteção Sul (demo)", "apav", ["shelter", "legal_aid"], "Alentejo", 15, ["por", "eng", "nep", "hin"], False),
    ("Casa Abrigo para Crianças (demo)", "caritas", ["shelter", "psychological"], "Lisboa", 8, ["por"], True),
    ("Gabinete de Apoio Jurídico (demo)", "apav", ["legal_aid"], "Lisboa", None, ["por", "eng", "rus"], False),
    ("Consulta de Saúde para Migrantes (demo)", "caritas", ["health"], "Lisboa", None, ["por", "eng", "fra"], True),
    ("Serviço de Interpretação (demo)", "apf", ["interpretation"], "", None, ["rus", "uzb", "tuk", "nep", "pan", "ara"], True),
    ("Retorno Voluntário e Reintegração (demo)", "iom", ["return_reintegration"], "Lisboa", None, ["por", "eng", "rus"], True),
    ("Formação e Emprego Alentejo (demo)", "caritas", ["employment"], "Beja", 20, ["por"], False),
)  # fmt: skip
SERVICE_FOR = {"SocialCare": "shelter", "Legal": "legal_aid", "Health": "health", "Livelihood": "employment",
               "SexualExploitationRehabilitation": "psychological", "LabourExploitationRehabilitation": "psychological"}  # fmt: skip
NEEDS = {
    "labour": ["LabourExploitationRehabilitation", "Legal", "Financial", "Livelihood", "Health", "SocialCare"],
    "sexual": ["SexualExploitationRehabilitation", "Health", "Legal", "SocialCare", "Financial"],
    "other": ["SocialCare", "Legal", "Health", "Financial"],
}  # fmt: skip
LANGUAGE = {"UZ": "uzb", "TM": "tuk", "NP": "nep", "IN": "pan", "RO": "ron", "BR": "por", "MA": "ara", "PT": "por", "BD": "ben"}  # fmt: skip
ORIGIN_PARTNERS = {"UZ": "uz_mia", "TM": "tm_mia"}
# Given names (male | female) and surnames; Uzbek and Turkmen in Latin=Cyrillic pairs.
NAMES = {
    "UZ": ("Sardor=Сардор Jasur=Жасур Bekzod=Бекзод Rustam=Рустам Otabek=Отабек Sherzod=Шерзод Dilshod=Дилшод Akmal=Акмал",
           "Shahzoda=Шахзода Dilnoza=Дилноза Nodira=Нодира Gulnora=Гулнора Zarina=Зарина Malika=Малика Feruza=Феруза",
           "Karimov=Каримов Rashidov=Рашидов Tursunov=Турсунов Yusupov=Юсупов Xolmatov=Холматов Ergashev=Эргашев Nazarov=Назаров Mirzayev=Мирзаев"),
    "TM": ("Merdan=Мердан Serdar=Сердар Batyr=Батыр Dovlet=Довлет Begench=Бегенч Myrat=Мырат Ahmet=Ахмет",
           "Aygul=Айгуль Maral=Марал Jeren=Джерен Bahar=Бахар Gulshat=Гульшат Ogulgerek=Огулгерек",
           "Atayev=Атаев Orazov=Оразов Berdiyev=Бердиев Hojayev=Ходжаев Annayev=Аннаев Gurbanov=Гурбанов Myradov=Мырадов"),
    "NP": ("Ram Bishal Suman Prakash Anil Dipesh Sanjay Krishna", "Sita Anita Sunita Puja Kamala",
           "Thapa Gurung Tamang Shrestha Rai Magar Karki Adhikari"),
    "IN": ("Harpreet Gurpreet Rajesh Amit Manpreet Sandeep Vikram Sukhwinder", "Priya Simran Neha Kiran",
           "Singh Kumar Sharma Sandhu Gill Patel Dhillon"),
    "RO": ("Ion Andrei Gheorghe Marius Florin Ionuț Vasile", "Maria Elena Ioana Andreea Mihaela Alina",
           "Popescu Ionescu Stan Dumitru Rusu Munteanu Lăzărescu Țurcanu"),
    "BR": ("João Lucas Matheus Gabriel Rafael Thiago Felipe", "Ana Juliana Camila Fernanda Larissa Bruna Jéssica",
           "Silva Santos Oliveira Souza Pereira Lima Carvalho Rodrigues Almeida"),
    "MA": ("Mohamed Youssef Hamza Karim Said Rachid Omar", "Fatima Khadija Salma Nadia Imane",
           "El_Amrani Benali El_Idrissi Bennani Alaoui Tazi Chakir"),
    "PT": ("João Rui Nuno Paulo Carlos Miguel André", "Ana Sara Cátia Marta Filipa",
           "Ferreira Costa Martins Sousa Gomes Lopes Marques Ribeiro Pinto"),
    "BD": ("Rahim Abdul Shahid Rubel Jamal", "Nasrin Sumaiya", "Hossain Rahman Islam Ahmed Uddin Miah"),
}  # fmt: skip
LATIN_VARIANTS = [("Mohamed", "Muhammad"), ("Youssef", "Yusuf"), ("ș", "s"), ("ț", "t"), ("ă", "a"),
                  ("ã", "a"), ("é", "e"), ("Harpreet", "Harprit"), ("Shrestha", "Shresta"), ("ou", "u")]  # fmt: skip
PLACES = {"A": ["Odemira", "Beja", "Serpa", "Ferreira do Alentejo", "Alcácer do Sal", "Almeirim"],
          "F": ["Lisboa", "Porto", "Setúbal"], "I": ["Albufeira", "Lisboa", "Porto"], "C": ["Leiria", "Braga"],
          "T": ["Lisboa", "Cascais"], "N": ["Lisboa", "Loures"], "sexual": ["Lisboa", "Porto", "Faro", "Coimbra"],
          "other": ["Lisboa", "Porto", "Amadora"]}  # fmt: skip
INDUSTRIES = {"A": 62, "F": 12, "I": 9, "C": 6, "T": 6, "N": 5}
INDUSTRY_VALUE = {"A": "A_AgricultureForestryAndFishing", "F": "F_Construction", "I": "I_AccommodationAndFoodServiceActivities",
                  "C": "C_Manufacturing", "T": "T_ActivitiesOfHouseholdsAsEmployers", "N": "N_AdministrativeAndSupportServiceActivities"}  # fmt: skip
SUMMARIES = {
    "labour": "Trabalho em {place} sem contrato; salário retido, documentos guardados pelo empregador e dívida de viagem.",
    "sexual": "Recrutada com promessa de emprego; explorada sexualmente em {place}; controlo por ameaças à família.",
    "other": "Obrigado a mendigar e a cometer pequenos furtos em {place}; dinheiro entregue ao grupo.",
}  # fmt: skip
CLOSE_REASONS = {
    "support_completed": 40,
    "lost_contact": 18,
    "declined": 12,
    "referred": 15,
    "other": 5,
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def person_parts(rng: random.Random, country: str, sex: str) -> dict[str, str]:
    male, female, surnames = (s.split() for s in NAMES[country])
    given = rng.choice(female if sex == Gender.FEMININE else male)
    family, father = rng.choice(surnames), rng.choice(male)
    parts = {"given": given, "family": family.replace("_", " "), "patronymic": ""}
    if country in ("UZ", "TM"):
        if sex == Gender.FEMININE:
            parts["family"] = "=".join(
                p + ("а" if p[-1] in "вВ" else "a") for p in family.split("=")
            )
        latin, cyrillic = father.split("=")
        ending = ("ovna", "овна") if sex == Gender.FEMININE else ("ovich", "ович")
        parts["patronymic"] = (
            f"{latin}{ending[0]}={cyrillic}{ending[1]}" if rng.random() < 0.5 else ""
        )
    return parts


def spelt(parts: dict[str, str], variant: int, rng: random.Random) -> dict[str, str]:
    """Variant 0 is the Latin spelling; 1 and 2 are what another agency wrote down."""
    out = {}
    for key, value in parts.items():
        if "=" in value:
            latin, cyrillic = value.split("=")
            out[key] = cyrillic if variant == 1 else latin.replace("x", "kh").replace("X", "Kh")
        else:
            out[key] = value
            if variant:
                for old, new in LATIN_VARIANTS:
                    out[key] = out[key].replace(old, new)
    if variant == 2 and rng.random() < 0.5:
        out["given"], out["family"] = out["family"], out["given"]  # written surname first
    return out
