"""Controlled vocabularies shared by the apps: HTCDS 2.0 value names with Liaison's ``x_`` extensions.

Values are the HTCDS system identifiers (what files and the API carry); labels are translated.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """HTCDS ``prs_Gender``."""

    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class TraffickingStatus(models.TextChoices):
    """HTCDS ``vic_TraffickingStatus``."""

    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible (presumed) victim")
    ACTUAL = "ActualVictimOfTrafficking", _("Identified victim")
    NOT_A_VICTIM = "NotAVictimOfTrafficking", _("Not a victim")


class DecisionMakingOrg(models.TextChoices):
    """HTCDS ``vic_TraffickingStatusDecisionMakingOrg``."""

    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT_OR_PROSECUTION = "CourtOrProsecution", _("Court or prosecution")
    NON_POLICE_GOVERNMENT = "NonPoliceGovernmentalOrganization", _("Non-police government body")
    OTHER = "Other", _("Other")


class ExploitationType(models.TextChoices):
    """HTCDS ``vic_TypeOfExploitation`` plus the extensions GLOTIP needs."""

    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = (
        "ForcedMilitaryByNonStateActors",
        _("Forced military service by non-state actors"),
    )
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    FORCED_CRIMINALITY = "x_ForcedCriminalActivity", _("Forced criminal activity")
    MIXED = "x_MixedExploitation", _("Mixed sexual and labour exploitation")
    ILLEGAL_ADOPTION = "x_IllegalAdoption", _("Illegal adoption")
    OTHER = "Other", _("Other")


class Industry(models.TextChoices):
    """HTCDS ``vic_ForcedLabourIndustry``: ISIC Rev.4 sections."""

    A = "A_AgricultureForestryAndFishing", _("A — Agriculture, forestry and fishing")
    B = "B_MiningAndQuarrying", _("B — Mining and quarrying")
    C = "C_Manufacturing", _("C — Manufacturing")
    D = (
        "D_ElectricityGasSteamAndAirConditioningSupply",
        _("D — Electricity, gas, steam and air conditioning"),
    )
    E = "E_WaterSupplySewerageWasteManagement", _("E — Water supply, sewerage and waste management")
    F = "F_Construction", _("F — Construction")
    G = (
        "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
        _("G — Wholesale and retail trade, repair of vehicles"),
    )
    H = "H_TransportationAndStorage", _("H — Transportation and storage")
    I = "I_AccommodationAndFoodServiceActivities", _("I — Accommodation and food services")  # noqa: E741
    J = "J_InformationAndCommunication", _("J — Information and communication")
    K = "K_FinancialAndInsuranceActivities", _("K — Financial and insurance activities")
    L = "L_RealEstateActivities", _("L — Real estate")
    M = (
        "M_ProfessionalScientificAndTechnicalActivities",
        _("M — Professional, scientific and technical activities"),
    )
    N = "N_AdministrativeAndSupportServiceActivities", _("N — Administrative and support services")
    O = "O_PublicAdministrationAndDefence", _("O — Public administration and defence")  # noqa: E741
    P = "P_Education", _("P — Education")
    Q = "Q_HumanHealthAndSocialWorkActivities", _("Q — Human health and social work")
    R = "R_ArtsEntertainmentAndRecreation", _("R — Arts, entertainment and recreation")
    S = "S_OtherServiceActivities", _("S — Other service activities")
    T = "T_ActivitiesOfHouseholdsAsEmployers", _("T — Households as employers (domestic work)")
    U = "U_ActivitiesOfExtraterritorialOrganizations", _("U — Extraterritorial organisations")


class SexualExploitationType(models.TextChoices):
    """HTCDS ``vic_TypeOfSexExploitation``."""

    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE_INTERACTIVE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE_SEXUAL = "PrivateSexualServices", _("Private sexual services")


class MeansOfControl(models.TextChoices):
    """HTCDS ``vic_MethodsOfControl`` plus ``x_RestrictsMovement``."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of reporting to the authorities")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats against children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCES = "RestrictsFinancialAccess", _("Restricts access to money")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds food, water or sleep")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    RESTRICTS_MOVEMENT = "x_RestrictsMovement", _("Restricts movement")
    OTHER = "Other", _("Other")


class RecruitmentMethod(models.TextChoices):
    """HTCDS ``vic_MethodOfRecruitment``."""

    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL = "AtAnEducationalInstitution", _("At a school or college")
    AT_WORK = "AtWork", _("At work")
    SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_AD = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TV_AD = "ThroughATelevisionAdvert", _("Through a television advertisement")
    NEWSPAPER_AD = "ThroughANewspaperAdvert", _("Through a newspaper advertisement")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", _("Other")


class RelationToRecruiter(models.TextChoices):
    """HTCDS ``vic_RelationshipToTrafficker`` (the standard's value ``Unaquainted`` is kept as spelt)."""

    FAMILIAL = "Familial", _("Family member")
    ACQUAINTED = "Acquainted", _("Acquaintance")
    UNACQUAINTED = "Unaquainted", _("Stranger")


class OnlinePlatform(models.TextChoices):
    """HTCDS ``vic_RecruitmentWebsitesAndApps`` / ``vic_ExploitationWebsitesAndApps``."""

    FACEBOOK = "Facebook", "Facebook"
    INSTAGRAM = "Instagram", "Instagram"
    WHATSAPP = "WhatsApp", "WhatsApp"
    TELEGRAM = "Telegram", "Telegram"
    MESSENGER = "FacebookMessenger", "Facebook Messenger"
    VIBER = "Viber", "Viber"
    SNAPCHAT = "SnapChat", "Snapchat"
    LINE = "Line", "LINE"
    FOUR_SALE = "4Sale", "4Sale"
    WECHAT = "WeChat", "WeChat"
    QQ = "QQ", "QQ"
    QZONE = "QZone", "QZone"
    TIKTOK = "TikTok", "TikTok"
    TWITTER = "Twitter", "Twitter / X"
    OTHER = "Other", _("Other")


class TraffickingEventType(models.TextChoices):
    """HTCDS ``hte_Type``."""

    RECRUITMENT = "Recruitment", _("Recruitment")
    TRANSIT = "Transit", _("Transit")
    EXPLOITATION = "Exploitation", _("Exploitation")


class SupportType(models.TextChoices):
    """HTCDS ``spl_Type``."""

    EDUCATION = "Education", _("Education")
    FINANCIAL = "Financial", _("Financial")
    HEALTH = "Health", _("Health")
    LABOUR_REHABILITATION = (
        "LabourExploitationRehabilitation",
        _("Rehabilitation after labour exploitation"),
    )
    LEGAL = "Legal", _("Legal")
    LIVELIHOOD = "Livelihood", _("Livelihood")
    RIGHTS_TRAINING = "RightsBasedTraining", _("Rights-based training")
    SEXUAL_REHABILITATION = (
        "SexualExploitationRehabilitation",
        _("Rehabilitation after sexual exploitation"),
    )
    SOCIAL_CARE = "SocialCare", _("Social care")


class CaseStatus(models.TextChoices):
    """HTCDS ``cas_Status``."""

    ACTIVE = "Active", _("Active")
    FOLLOW_UP = "FollowUp", _("Follow-up")
    CLOSED = "Closed", _("Closed")
    CLOSED_REFERRED = "ClosedReferred", _("Closed (referred)")


class PerpetratorRole(models.TextChoices):
    """HTCDS ``per_RoleInProcess``."""

    TRAVELLING_PARTNER = "TravellingPartner", _("Travelling partner")
    TRANSPORTER = "Transporter", _("Transporter")
    RECRUITER = "RecruiterOrIntermediary", _("Recruiter or intermediary")
    BROKER = "BrokerTravelAgent", _("Broker or travel agent")
    TRANSFERRED = "TransferredIndividual", _("Transferred the person")
    HARBOURED = "HarbouredIndividual", _("Harboured the person")
    SOLD = "SoldIndividual", _("Sold the person")
    BOUGHT = "BoughtIndividual", _("Bought the person")
    RECEIVED = "ReceivedIndividual", _("Received the person")
    CONTROLLED = "ControlledIndividual", _("Controlled the person")
    SMUGGLER = "Smuggler", _("Smuggler")
    ABUSER = "Abuser", _("Abuser")
    KIDNAPPER = "Kidnapper", _("Kidnapper")
    EXPLOITER = "Exploiter", _("Exploiter")
    OTHER = "Other", _("Other")
