"""How the documents say things: our texts with the child's name, options as words, money
and dates in the family's language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.domain.models import Plan, SupportItem
from planner.domain.money import format_money
from planner.domain.readiness import seven_questions
from planner.i18n import Texts, format_day
from planner.render.model import Section, Table

THIRD_PERSON = ("doc.", "opt.")
"""Texts the plan keeps in the third person even in a young person's own plan: its headings
and labels ("Jess decides"), read by the council as well as by them."""


class Phrasing:
    """Builds the sections, with the family's words and our texts in one language."""

    def __init__(self, plan: Plan, texts: Texts, today: date) -> None:
        self.plan = plan
        self.texts = texts
        self.today = today
        self.name = plan.child.display_name(texts.get("word.your_child"))

    def t(self, key: str, **params: object) -> str:
        # the reasons, rules and dates as the young person read them; headings as the council does
        key = self.texts.own(key, self.plan.by_young_person and not key.startswith(THIRD_PERSON))
        return self.texts.get(key, **{"name": self.name, **params})

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.texts.locale)

    def label(self, option_set: str, value: object) -> str:
        if value is None or value == "":
            return self.t("doc.not_given")
        prefix = option_set if option_set.startswith("doc.") else f"opt.{option_set}"
        return self.t(f"{prefix}.{getattr(value, 'value', value)}")

    def text_or_blank(self, text: str) -> str:
        return text.strip() or self.t("doc.not_given")

    def sourced(self, text: str, source: str) -> str:
        """A rule or fact, followed by the law or guidance it comes from."""
        return f"{text} {self.t('doc.rule_source', source=source)}"

    def within_sentence(self, text: str) -> str:
        """Family words placed inside one of our sentences, without a doubled full stop."""
        return self.text_or_blank(text).rstrip(".")

    def date(self, day: date | None) -> str:
        if day is None:
            return self.t("doc.not_given")
        return format_day(day, self.texts.locale)

    def question(self, number: int) -> str:
        """The heading of one of the seven questions a good plan answers."""
        key = seven_questions(self.plan)[number - 1][0]
        return self.t("doc.question", number=number, question=self.t(f"question.{key}"))

    def cost_basis(self, item: SupportItem) -> str:
        """How an item is costed, in words ("£15.00 an hour, 6 hours a week, 52 weeks")."""
        basis = self.label("cost_basis", item.cost_basis)
        price = self.money(item.unit_cost)
        weeks = item.weeks_per_year or 52
        if item.cost_basis.value == "no_cost":
            key = "doc.basis_no_cost_worth" if item.unit_cost else "doc.basis_no_cost"
            return self.t(key, price=price)
        if item.units_per_week is not None:
            units = f"{item.units_per_week.normalize():f}"
            key = {"per_hour": "doc.basis_hours", "per_mile": "doc.basis_miles"}.get(
                item.cost_basis.value, "doc.basis_sessions"
            )
            return self.t(key, basis=basis, price=price, units=units, weeks=weeks)
        if item.cost_basis.value == "per_week":
            return self.t("doc.basis_weeks", basis=basis, price=price, weeks=weeks)
        return self.t("doc.basis", basis=basis, price=price)

    def table_or_none(self, section: Section, table: Table) -> None:
        """Add a table, or say that nothing has been added yet."""
        if table.rows:
            section.tables.append(table)
        else:
            section.paragraphs.append(self.t("doc.none_yet"))
