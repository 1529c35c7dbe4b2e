"""The domain's vocabulary: every fixed set of answers, as string enums.

Kept apart from the plan models so the money, costing and schooling helpers can use them
without importing the models (which import those helpers).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Who is filling in the plan."""

    PARENT_CARER = "parent_carer"
    YOUNG_PERSON = "young_person"
    KEYWORKER = "keyworker"


class EhcpStatus(StrEnum):
    """Where the child is with an Education, Health and Care plan."""

    HAS_PLAN = "has_plan"
    BEING_ASSESSED = "being_assessed"
    BEING_WRITTEN = "being_written"
    DRAFT_RECEIVED = "draft_received"
    NONE = "none"
    NOT_SURE = "not_sure"


EHCP_IN_PLACE_OR_COMING = (
    EhcpStatus.HAS_PLAN,
    EhcpStatus.BEING_WRITTEN,
    EhcpStatus.DRAFT_RECEIVED,
)
"""An EHC plan maintained, or being prepared once the council has decided to write one: only
then can education money be asked for (SEN (Personal Budgets) Regulations 2014, reg 4). A
needs assessment alone is not enough."""


class YesNoUnsure(StrEnum):
    """An answer of yes, no or not sure."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class SchoolYear(StrEnum):
    """A school stage in England, from before school to after school."""

    PRE_SCHOOL = "pre_school"
    RECEPTION = "reception"
    YEAR_1 = "year_1"
    YEAR_2 = "year_2"
    YEAR_3 = "year_3"
    YEAR_4 = "year_4"
    YEAR_5 = "year_5"
    YEAR_6 = "year_6"
    YEAR_7 = "year_7"
    YEAR_8 = "year_8"
    YEAR_9 = "year_9"
    YEAR_10 = "year_10"
    YEAR_11 = "year_11"
    YEAR_12 = "year_12"
    YEAR_13 = "year_13"
    POST_SCHOOL = "post_school"

    @property
    def number(self) -> int:
        """Reception is 0, Year 1 is 1, ..., before school is -1, after school is 14."""
        if self is SchoolYear.PRE_SCHOOL:
            return -1
        if self is SchoolYear.RECEPTION:
            return 0
        if self is SchoolYear.POST_SCHOOL:
            return 14
        return int(self.value.removeprefix("year_"))

    @classmethod
    def from_number(cls, number: int) -> SchoolYear:
        """The stage for a year number, clamped to before school and after school."""
        if number < 0:
            return cls.PRE_SCHOOL
        if number == 0:
            return cls.RECEPTION
        if number > 13:
            return cls.POST_SCHOOL
        return cls(f"year_{number}")


class FundingStream(StrEnum):
    """Where the money for a piece of support comes from."""

    EDUCATION = "education"
    SOCIAL_CARE = "social_care"
    HEALTH = "health"


class ManagementOption(StrEnum):
    """The four ways to manage a personal budget."""

    DIRECT_PAYMENT = "direct_payment"
    ARRANGED = "arranged"
    THIRD_PARTY = "third_party"
    MIX = "mix"


class ManagementChoice(StrEnum):
    """The family's choice of how to manage the money, including not yet knowing."""

    DIRECT_PAYMENT = "direct_payment"
    ARRANGED = "arranged"
    THIRD_PARTY = "third_party"
    MIX = "mix"
    NOT_SURE = "not_sure"


class ItemManagement(StrEnum):
    """How one piece of support is managed (a mix is made of these)."""

    DIRECT_PAYMENT = "direct_payment"
    ARRANGED = "arranged"
    THIRD_PARTY = "third_party"
    NHS_ARRANGED = "nhs_arranged"
    NOT_DECIDED = "not_decided"


class Period(StrEnum):
    """A period that an amount of money covers."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"


class BudgetStatus(StrEnum):
    """Whether the family knows the indicative budget for one funding stream."""

    KNOWN = "known"
    UNKNOWN = "unknown"
    ESTIMATE = "estimate"
    NOT_APPLYING = "not_applying"


class CostBasis(StrEnum):
    """How a piece of support is priced."""

    PER_HOUR = "per_hour"
    PER_SESSION = "per_session"
    PER_WEEK = "per_week"
    PER_YEAR = "per_year"
    ONE_OFF = "one_off"
    PER_MILE = "per_mile"
    NO_COST = "no_cost"
    """Nothing from the budget: a block contract the council or NHS already pays, a service in
    kind, or help given free (its value, if known, is shown but never counted as spend)."""


class SupportKind(StrEnum):
    """The kind of a piece of support."""

    PERSONAL_ASSISTANT = "personal_assistant"
    ACTIVITY = "activity"
    SHORT_BREAK = "short_break"
    THERAPY = "therapy"
    EQUIPMENT = "equipment"
    TRANSPORT = "transport"
    TUITION = "tuition"
    OTHER = "other"


class LifeArea(StrEnum):
    """An area of life an outcome belongs to.

    The first six suit younger children; the last four are the Preparing for Adulthood areas,
    used from Year 9.
    """

    COMMUNICATION = "communication"
    HEALTH_WELLBEING = "health_wellbeing"
    LEARNING_PLAY = "learning_play"
    FRIENDS_FAMILY = "friends_family"
    DAILY_LIVING = "daily_living"
    FAMILY_LIFE = "family_life"
    EMPLOYMENT_EDUCATION = "employment_education"
    INDEPENDENT_LIVING = "independent_living"
    COMMUNITY = "community"
    GOOD_HEALTH = "good_health"


CHILD_AREAS = (
    LifeArea.COMMUNICATION,
    LifeArea.HEALTH_WELLBEING,
    LifeArea.LEARNING_PLAY,
    LifeArea.FRIENDS_FAMILY,
    LifeArea.DAILY_LIVING,
    LifeArea.FAMILY_LIFE,
)
ADULTHOOD_AREAS = (
    LifeArea.EMPLOYMENT_EDUCATION,
    LifeArea.INDEPENDENT_LIVING,
    LifeArea.COMMUNITY,
    LifeArea.GOOD_HEALTH,
)


class Paperwork(StrEnum):
    """How the family feels about paperwork and being an employer."""

    HAPPY = "happy"
    WITH_HELP = "with_help"
    RATHER_NOT = "rather_not"


class MoneyTime(StrEnum):
    """How much time the family could give each month to the money side."""

    SOME = "some"
    LITTLE = "little"


class SchoolView(StrEnum):
    """What the school or college has said about the support it would give."""

    SCHOOL_ARRANGES = "school_arranges"
    OPEN = "open"
    NOT_TALKED = "not_talked"


class OwnWish(StrEnum):
    """What the child or young person wants from the way their support is organised."""

    CHOOSE = "choose"
    """To choose who helps them, and when."""
    SORTED = "sorted"
    """To have it sorted out for them, with as little fuss as possible."""
    NOT_KNOWN = "not_known"


class DpRecipient(StrEnum):
    """Who would receive a direct payment."""

    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    NOMINEE = "nominee"


class Agreement(StrEnum):
    """Whether the head teacher or college principal has agreed."""

    AGREED = "agreed"
    REFUSED = "refused"
    NOT_ASKED = "not_asked"


class AccountChoice(StrEnum):
    """Where direct payment money would be kept."""

    SEPARATE_ACCOUNT = "separate_account"
    PREPAID_CARD = "prepaid_card"
    NOT_SURE = "not_sure"


class PaTask(StrEnum):
    """The jobs of employing a personal assistant."""

    RIGHT_TO_WORK = "right_to_work"
    CONTRACT = "contract"
    MINIMUM_WAGE = "minimum_wage"
    PAYROLL = "payroll"
    SICK_PAY = "sick_pay"
    PENSION = "pension"
    PENSION_DECLARATION = "pension_declaration"
    INSURANCE = "insurance"
    DBS = "dbs"
    COVER = "cover"


class ReviewFrequency(StrEnum):
    """How often the plan is checked."""

    THREE_MONTHS = "three_months"
    SIX_MONTHS = "six_months"
    YEARLY = "yearly"


class Progress(StrEnum):
    """How an outcome is going, from worse to done."""

    WORSE = "worse"
    SAME = "same"
    SOME = "some"
    GOOD = "good"
    MET = "met"


class WhoDecides(StrEnum):
    """Who makes a decision for a young person past compulsory school age (Children and
    Families Act 2014 s80; Mental Capacity Act 2005), decision by decision."""

    YOUNG_PERSON = "young_person"
    WITH_SUPPORT = "with_support"
    FOR_THEM = "for_them"
    NOT_SURE = "not_sure"


class HealthRight(StrEnum):
    """NHS support that brings a legal right to a personal health budget."""

    CONTINUING_CARE = "continuing_care"
    AFTERCARE = "aftercare"
    NEITHER = "neither"
    NOT_SURE = "not_sure"


class HelperKind(StrEnum):
    """Who a helper is, which decides how their support is costed."""

    EMPLOYED = "employed"
    """A helper the family employs: pay plus the employer's costs."""
    AGENCY = "agency"
    """An agency's price an hour, with nothing on top (the agency is the employer)."""
    SELF_EMPLOYED = "self_employed"
    """A self-employed helper's price an hour, with nothing on top."""
    PROVIDED = "provided"
    """A service the council, school or NHS already provides (a block contract, in kind)."""
    UNPAID = "unpaid"
    """Family and friends who help for free."""
    COMMUNITY = "community"
    """Clubs and services anyone can use."""

    @property
    def paid_by_the_hour(self) -> bool:
        """Whether the budget pays this helper by the hour."""
        return self in (HelperKind.EMPLOYED, HelperKind.AGENCY, HelperKind.SELF_EMPLOYED)


class Engagement(StrEnum):
    """How a helper is paid: employed by the family, through an agency, or self-employed."""

    EMPLOYED = "employed"
    AGENCY = "agency"
    SELF_EMPLOYED = "self_employed"
