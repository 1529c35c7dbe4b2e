"""The plan a family builds, as pydantic models.

Everything a family says lives in one :class:`Plan`. Money is always ``Decimal``, rounded to the
penny by one rule (:func:`planner.domain.money.to_pennies`). Dates of birth and school years are
kept as given; ages and school stages are worked out from them when needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from planner.domain.costing import OnCostRates
from planner.domain.fields import Code, LongText, Money, ShortText, Strict, new_id, now
from planner.domain.schooling import (
    compulsory_school_age_ends,
    school_year_from_birth,
)
from planner.domain.support import Helper, SupportItem
from planner.domain.vocab import (
    AccountChoice,
    Agreement,
    BudgetStatus,
    CostBasis,
    DpRecipient,
    EhcpStatus,
    Engagement,
    FundingStream,
    HealthRight,
    HelperKind,
    LifeArea,
    ManagementChoice,
    MoneyTime,
    OwnWish,
    Paperwork,
    PaTask,
    Period,
    Progress,
    ReviewFrequency,
    Role,
    SchoolView,
    SchoolYear,
    SupportKind,
    WhoDecides,
    YesNoUnsure,
)
from planner.domain.voice import OwnWords

SCHEMA_VERSION = 1

__all__ = [
    "Code",
    "Helper",
    "LongText",
    "Money",
    "ShortText",
    "Strict",
    "SupportItem",
    "new_id",
    "now",
]


class Child(Strict):
    """The child or young person the plan is for."""

    name: ShortText = ""
    date_of_birth: date | None = None
    school_year: SchoolYear | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _birth_not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > date.today():
            raise ValueError("A date of birth cannot be in the future.")
        return value

    def display_name(self, fallback: str) -> str:
        """The name to use in sentences, or ``fallback`` (such as "your child")."""
        return self.name.strip() or fallback

    def stage(self, today: date) -> SchoolYear | None:
        """The school stage, from the date of birth if we have it, else as told."""
        if self.date_of_birth is not None:
            return school_year_from_birth(self.date_of_birth, today)
        return self.school_year

    def age(self, today: date) -> int | None:
        """Age in whole years, if the date of birth is known."""
        born = self.date_of_birth
        if born is None:
            return None
        had_birthday = (today.month, today.day) >= (born.month, born.day)
        return today.year - born.year - (0 if had_birthday else 1)

    def past_compulsory_school_age(self, today: date) -> bool | None:
        """Whether the last Friday of June of Year 11 has passed (None when unknown)."""
        if self.date_of_birth is not None:
            return today > compulsory_school_age_ends(self.date_of_birth)
        if self.school_year is None:
            return None
        return self.school_year.number >= 12


class Profile(Strict):
    """A one-page profile: three short portraits of the child."""

    like_about: LongText = ""
    important_to: LongText = ""
    how_to_support: LongText = ""


class Outcome(Strict):
    """A difference the support should make, in the family's words."""

    id: Code = Field(default_factory=new_id)
    area: LifeArea
    what: ShortText
    by_when: ShortText = ""
    how_we_know: ShortText = ""

    def measurable(self, measure_words: Iterable[str]) -> bool:
        """Whether the outcome says how much, how often or by when, so it can be checked: a
        number, or one of ``measure_words`` (the locale's "once", "weekly", "term"...), in
        what it is, how the family will know, or by when (a guide, never a rule)."""
        import re

        from planner.i18n import fold

        words = set(
            re.findall(r"[a-z0-9]+", fold(f"{self.what} {self.how_we_know} {self.by_when}"))
        )
        return any(w.isdigit() for w in words) or bool(words & {fold(m) for m in measure_words})


class StreamBudget(Strict):
    """The indicative budget for one funding stream."""

    status: BudgetStatus | None = None
    amount: Money | None = None
    period: Period = Period.YEAR

    def yearly(self) -> Decimal | None:
        """The amount over a year, when it is known or estimated."""
        if self.status not in (BudgetStatus.KNOWN, BudgetStatus.ESTIMATE) or self.amount is None:
            return None
        from planner.domain.money import to_yearly

        return to_yearly(self.amount, self.period)


class Budget(Strict):
    """The indicative budget, one part per funding stream."""

    education: StreamBudget = Field(default_factory=StreamBudget)
    social_care: StreamBudget = Field(default_factory=StreamBudget)
    health: StreamBudget = Field(default_factory=StreamBudget)

    def stream(self, stream: FundingStream) -> StreamBudget:
        """The part for one funding stream."""
        part: StreamBudget = getattr(self, stream.value)
        return part


class Allocation(Strict):
    """The answers to an allocation pack's questions for one funding stream, and the result."""

    pack: ShortText = ""
    answers: dict[str, str] = Field(default_factory=dict)
    points: int | None = None
    band: ShortText = ""


class Allocations(Strict):
    """Allocation answers, one set per funding stream."""

    education: Allocation = Field(default_factory=Allocation)
    social_care: Allocation = Field(default_factory=Allocation)
    health: Allocation = Field(default_factory=Allocation)


class MoneyPreferences(Strict):
    """What the family prefers about managing the money."""

    employ_pa: YesNoUnsure | None = None
    known_person: YesNoUnsure | None = None
    paperwork: Paperwork | None = None
    time: MoneyTime | None = None
    """Asked when the family is not sure which way: time each month for the money side."""
    local_help: YesNoUnsure | None = None
    """Asked when not sure: a direct payment support service or broker nearby."""
    school_view: SchoolView | None = None
    """Asked when some support is at school: what the school has said about it."""
    own_wish: OwnWish | None = None
    """Asked from Year 6: what the child or young person wants, in the fit."""
    option: ManagementChoice | None = None
    dp_recipient: DpRecipient | None = None
    court_order: YesNoUnsure | None = None
    pay_relative: YesNoUnsure | None = None
    head_agreement: Agreement | None = None
    account: AccountChoice | None = None
    change_on_costs: YesNoUnsure | None = None

    def uses_direct_payment(self) -> bool:
        """Whether some of the money would come as a direct payment."""
        return self.option in (ManagementChoice.DIRECT_PAYMENT, ManagementChoice.MIX)


class Decisions(Strict):
    """Who decides, for a young person past compulsory school age: decision by decision, with
    who helped and how the young person's capacity for the decision was considered."""

    plan: WhoDecides | None = None
    """The plan itself."""
    budget: WhoDecides | None = None
    """Asking the council for a personal budget."""
    money: WhoDecides | None = None
    """How the money is managed, and who holds it."""
    helped_by: ShortText = ""
    capacity: LongText = ""
    """Why someone else decides about the plan or the budget: how capacity was considered."""
    money_capacity: LongText = ""
    """Why someone else decides about the money: how capacity was considered."""


class Risk(Strict):
    """Something that could go wrong, and what would keep the child safe."""

    id: Code = Field(default_factory=new_id)
    what: ShortText
    how_managed: ShortText


class Action(Strict):
    """A task in the action plan."""

    id: Code = Field(default_factory=new_id)
    task: ShortText
    who: ShortText
    by_when: date | None = None


class Review(Strict):
    """How and when the plan will be checked."""

    how_often: ReviewFrequency | None = None
    who: ShortText = ""
    how_we_know: LongText = ""


class Agreeing(Strict):
    """Getting the plan agreed (step 3)."""

    who: ShortText = ""
    share_by: date | None = None
    involved: ShortText = ""
    """Who helped to make the plan, as a panel asks."""
    views: LongText = ""
    """What the child or young person thinks of the plan, in their own words."""
    family_signs: ShortText = ""
    """The name of who signs for the family, printed on the plan's sign-off."""
    signed_on: date | None = None
    """The date they sign, when they sign in the planner (else written on paper)."""


class OutcomeCheck(Strict):
    """At a review: how one outcome is going."""

    outcome_id: Code
    progress: Progress | None = None
    note: ShortText = ""


class PlanReview(Strict):
    """A review of the plan (step 7 in use); see ``planner.domain.review``."""

    id: Code = Field(default_factory=new_id)
    held: date
    plan_version: int = Field(default=1, ge=1)
    outcomes: list[OutcomeCheck] = Field(default_factory=list, max_length=50)
    working: LongText = ""
    not_working: LongText = ""
    months: Annotated[int, Field(ge=1, le=36)] | None = None
    spent: Money | None = None
    changes: LongText = ""


class Plan(Strict):
    """Everything the family has said, ready to become a draft support plan."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, le=SCHEMA_VERSION)
    id: Code = Field(default_factory=new_id)
    version: int = Field(default=1, ge=1)
    created: datetime = Field(default_factory=now)
    updated: datetime = Field(default_factory=now)
    filled_in_by: Role | None = None
    child: Child = Field(default_factory=Child)
    ehcp_status: EhcpStatus | None = None
    decisions: Decisions = Field(default_factory=Decisions)
    own_words: OwnWords = Field(default_factory=OwnWords)
    """A young person's words at each step, when a parent makes the plan for them."""
    health_right: HealthRight | None = None
    profile: Profile = Field(default_factory=Profile)
    working: LongText = ""
    not_working: LongText = ""
    outcomes: list[Outcome] = Field(default_factory=list, max_length=50)
    helpers: list[Helper] = Field(default_factory=list, max_length=50)
    support_at_school: YesNoUnsure | None = None
    """Whether any support is given at school or college. If none is, no piece of support is
    asked whether it is (and this is asked only where there can be education money)."""
    support_items: list[SupportItem] = Field(default_factory=list, max_length=100)
    budget: Budget = Field(default_factory=Budget)
    allocations: Allocations = Field(default_factory=Allocations)
    on_costs: OnCostRates = Field(default_factory=OnCostRates)
    money: MoneyPreferences = Field(default_factory=MoneyPreferences)
    risks: list[Risk] = Field(default_factory=list, max_length=50)
    backup_plan: LongText = ""
    crisis_plan: LongText = ""
    """Who to call and what helps in a crisis (the back-up plan covers support falling
    through)."""
    budget_gap: LongText = ""
    agreeing: Agreeing = Field(default_factory=Agreeing)
    pa_tasks: list[PaTask] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list, max_length=100)
    staying_in_control: LongText = ""
    good_week: LongText = ""
    adult_life: LongText = ""
    """From Year 9: what the young person hopes for as an adult (work or study, where to
    live, friends, health), the start of the transition plan."""
    review: Review = Field(default_factory=Review)
    reviews: list[PlanReview] = Field(default_factory=list, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _earlier_answers(cls, data: object) -> object:
        """A plan saved before decisions were recorded one by one said yes, no or not sure to
        "does the young person decide?": kept as the decision about the plan."""
        if isinstance(data, dict) and "young_person_decides" in data:
            data = dict(data)
            old = data.pop("young_person_decides")
            mapped = {"yes": "young_person", "no": "for_them", "not_sure": "not_sure"}
            if old in mapped and "decisions" not in data:
                data["decisions"] = {"plan": mapped[old]}
        return data

    def helper(self, helper_id: str) -> Helper | None:
        """The helper with this id, if there is one."""
        return next((h for h in self.helpers if helper_id and h.id == helper_id), None)

    @property
    def by_young_person(self) -> bool:
        """Whether the young person is making their own plan: every text that has words for
        them (a ``_self`` variant) speaks to them as "you"."""
        return self.filled_in_by is Role.YOUNG_PERSON

    def item_price(self, item: SupportItem) -> SupportItem:
        """An item as it is costed: a helper's kind, price and way of being paid filled in
        (see :mod:`planner.domain.people` for the whole plan's costs)."""
        helper = self.helper(item.helper)
        if helper is None:
            return item
        if not helper.kind.paid_by_the_hour:
            value = helper.value or Decimal(0)
            return item.model_copy(update={"cost_basis": CostBasis.NO_COST, "unit_cost": value})
        employed = helper.kind is HelperKind.EMPLOYED
        update = {
            "kind": SupportKind.PERSONAL_ASSISTANT,
            "cost_basis": CostBasis.PER_HOUR,
            "unit_cost": helper.rate or Decimal(0),
            "engaged": Engagement(helper.kind.value),
            "on_costs": YesNoUnsure.YES if employed else YesNoUnsure.NO,
        }
        return item.model_copy(update=update)

    def employs_for(self, item: SupportItem) -> bool:
        """Whether an item pays someone the family employs, with the employer's costs."""
        return self.item_price(item).employs_someone()

    def employs_someone(self) -> bool:
        """Whether any support item includes the costs of employing someone."""
        return any(self.employs_for(item) for item in self.support_items)

    def outcome_titles(self) -> dict[str, str]:
        """Outcome ids mapped to what the family wrote."""
        return {o.id: o.what for o in self.outcomes}
