"""The draft support plan as a document model: sections of paragraphs, lists and tables.

Built once from the plan, in the family's language; the Markdown, HTML and DOCX writers only
walk this structure, so every format says the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from planner.content.knowledge import glossary
from planner.content.options import OPTION_ROWS, ways_to_manage
from planner.domain.budget import describe_gap, item_management, totals
from planner.domain.fit import assess, flags
from planner.domain.models import (
    ManagementChoice,
    ManagementOption,
    Plan,
    PlanReview,
    SupportItem,
)
from planner.domain.money import format_money
from planner.domain.readiness import readiness, seven_questions
from planner.i18n import SOURCE_LOCALE, Texts, language_name, texts_for


@dataclass
class Table:
    """A table with a caption, a header row and body rows (the first cell names the row)."""

    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A titled part of the document. ``level`` 2 is a main section, 3 a part of one."""

    title: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)
    id: str = ""
    notes: list[str] = field(default_factory=list)
    """Paragraphs shown after the tables."""


@dataclass
class Document:
    """A whole draft support plan."""

    lang: str
    title: str
    status: list[str]
    sections: list[Section]
    english: frozenset[str] = frozenset()
    """In a bilingual document: the lines that are the English copy (shown set apart, and
    marked as English for screen readers)."""


def bilingual(family: Document, english: Document) -> Document:
    """The family's document with the English beside each part, for the council.

    Both are built from the same plan, so they have the same shape; a line that reads the
    same in both (a name, an amount, the family's own words) is shown once.
    """
    added: set[str] = set()

    def pair(mine: str, theirs: str) -> str:
        return mine if mine == theirs else f"{mine} / {theirs}"

    def lines(mine: list[str], theirs: list[str]) -> list[str]:
        if len(mine) != len(theirs):  # a list that differs by language (words used): both
            added.update(b for b in theirs if b not in mine)
            return [*mine, *(b for b in theirs if b not in mine)]
        out: list[str] = []
        for a, b in zip(mine, theirs, strict=True):
            out.append(a)
            if a != b:
                out.append(b)
                added.add(b)
        return out

    def table(mine: Table, theirs: Table) -> Table:
        if len(mine.rows) != len(theirs.rows):
            return Table(pair(mine.caption, theirs.caption), mine.header, mine.rows)
        return Table(
            pair(mine.caption, theirs.caption),
            [pair(a, b) for a, b in zip(mine.header, theirs.header, strict=True)],
            [
                [pair(a, b) for a, b in zip(row, other, strict=True)]
                for row, other in zip(mine.rows, theirs.rows, strict=True)
            ],
        )

    def section(mine: Section, theirs: Section) -> Section:
        return Section(
            pair(mine.title, theirs.title),
            mine.level,
            lines(mine.paragraphs, theirs.paragraphs),
            lines(mine.items, theirs.items),
            [table(a, b) for a, b in zip(mine.tables, theirs.tables, strict=True)],
            [section(a, b) for a, b in zip(mine.parts, theirs.parts, strict=True)]
            if len(mine.parts) == len(theirs.parts)
            else mine.parts,
            mine.id,
            lines(mine.notes, theirs.notes),
        )

    locale = family.lang.replace("-", "_")
    note = texts_for(locale).get("doc.bilingual_note", language=language_name(locale, locale))
    english_note = texts_for().get(
        "doc.bilingual_note", language=language_name(locale, SOURCE_LOCALE)
    )
    return Document(
        lang=family.lang,
        title=pair(family.title, english.title),
        status=[*lines(family.status, english.status), *lines([note], [english_note])],
        sections=[section(a, b) for a, b in zip(family.sections, english.sections, strict=True)],
        english=frozenset(added),
    )


class _Writer:
    """Builds the sections, with the family's words and our texts in one language."""

    def __init__(self, plan: Plan, texts: Texts, today: date) -> None:
        self.plan = plan
        self.texts = texts
        self.today = today
        self.name = plan.child.display_name(texts.get("word.your_child"))

    def t(self, key: str, **params: object) -> str:
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

    def within_sentence(self, text: str) -> str:
        """Family words placed inside one of our sentences, without a doubled full stop."""
        return self.text_or_blank(text).rstrip(".")

    def date(self, day: date | None) -> str:
        if day is None:
            return self.t("doc.not_given")
        from babel.dates import format_date

        return format_date(day, "d MMMM y", locale=self.texts.locale)


Notes = Sequence[tuple[datetime, str]]
"""A practitioner's notes: when each was written, and what it says."""


def build(
    plan: Plan, locale: str = "en_GB", today: date | None = None, notes: Notes | None = None
) -> Document:
    """The document for a plan, in one language; a keyworker's ``notes`` only when chosen."""
    w = _Writer(plan, texts_for(locale), today or date.today())
    sections = [
        _about(w),
        _important(w),
        _change(w),
        _supported(w),
        _money(w),
        _managed(w),
        _control(w),
        _action(w),
        _review(w),
    ]
    if notes:
        sections.append(_notes(w, notes))
    sections.append(_words_used(w, sections))
    return Document(
        lang=locale.replace("_", "-"),
        title=w.t("doc.title", name=w.name),
        status=_status(w),
        sections=sections,
    )


def _status(w: _Writer) -> list[str]:
    lines = [
        w.t("doc.draft"),
        w.t("doc.version", version=w.plan.version, date=w.date(w.today)),
    ]
    missing = readiness(w.plan)
    if missing:
        lines.append(w.t("doc.not_ready"))
        lines += [w.t(m.key) for m in missing]
    else:
        lines.append(w.t("doc.ready"))
    return lines


def _about(w: _Writer) -> Section:
    plan, child = w.plan, w.plan.child
    facts = [
        w.t("doc.filled_in_by", who=w.label("doc.role", plan.filled_in_by)),
        w.t("doc.ehcp", status=w.label("ehcp", plan.ehcp_status)),
    ]
    age = child.age(w.today)
    if age is not None:
        facts.insert(0, w.t("doc.age", age=age, born=w.date(child.date_of_birth)))
    stage = child.stage(w.today)
    if stage is not None:
        facts.insert(1, w.t("doc.school_year", year=w.label("school_year", stage)))
    profile = plan.profile
    table = Table(
        caption=w.t("doc.profile"),
        header=[w.t("doc.profile_part"), w.t("doc.in_our_words")],
        rows=[
            [w.t("doc.like_about"), w.text_or_blank(profile.like_about)],
            [w.t("doc.important_to"), w.text_or_blank(profile.important_to)],
            [w.t("doc.how_to_support"), w.text_or_blank(profile.how_to_support)],
        ],
    )
    return Section(title=w.t("doc.about", name=w.name), items=facts, tables=[table], id="about")


def _question(w: _Writer, number: int) -> str:
    key = seven_questions(w.plan)[number - 1][0]
    return w.t("doc.question", number=number, question=w.t(f"question.{key}"))


def _important(w: _Writer) -> Section:
    plan = w.plan
    return Section(
        title=_question(w, 1),
        id="important",
        parts=[
            Section(w.t("doc.important_to"), 3, [w.text_or_blank(plan.profile.important_to)]),
            Section(w.t("doc.working"), 3, [w.text_or_blank(plan.working)]),
            Section(w.t("doc.not_working"), 3, [w.text_or_blank(plan.not_working)]),
        ],
    )


def _change(w: _Writer) -> Section:
    rows = [
        [
            o.what,
            w.label("area", o.area),
            w.text_or_blank(o.by_when),
            w.text_or_blank(o.how_we_know),
        ]
        for o in w.plan.outcomes
    ]
    header = [w.t("doc.outcome"), w.t("doc.area"), w.t("doc.by_when"), w.t("doc.how_we_know")]
    section = Section(title=_question(w, 2), id="outcomes")
    _table_or_none(w, section, Table(w.t("doc.outcomes_table"), header, rows))
    return section


def _table_or_none(w: _Writer, section: Section, table: Table) -> None:
    """Add a table, or say that nothing has been added yet."""
    if table.rows:
        section.tables.append(table)
    else:
        section.paragraphs.append(w.t("doc.none_yet"))


def _outcome_names(w: _Writer, item: SupportItem) -> str:
    titles = w.plan.outcome_titles()
    names = [titles[o] for o in item.outcomes if o in titles]
    return "; ".join(names) or w.t("doc.not_given")


def _supported(w: _Writer) -> Section:
    rows = [
        [
            item.what,
            w.label("support_kind", item.kind),
            w.text_or_blank(item.provider),
            _outcome_names(w, item),
            w.label("yes_no_unsure", item.in_school),
        ]
        for item in w.plan.support_items
    ]
    header = [
        w.t("doc.support"),
        w.t("doc.kind"),
        w.t("doc.provider"),
        w.t("doc.for_outcomes"),
        w.t("doc.in_school"),
    ]
    section = Section(title=_question(w, 3), id="support")
    _table_or_none(w, section, Table(w.t("doc.support_table"), header, rows))
    return section


def _cost_basis(w: _Writer, item: SupportItem) -> str:
    basis = w.label("cost_basis", item.cost_basis)
    price = w.money(item.unit_cost)
    if item.units_per_week is not None:
        units = f"{item.units_per_week.normalize():f}"
        key = "doc.basis_hours" if item.cost_basis.value == "per_hour" else "doc.basis_sessions"
        return w.t(key, basis=basis, price=price, units=units, weeks=item.weeks_per_year or 52)
    if item.cost_basis.value == "per_week":
        return w.t("doc.basis_weeks", basis=basis, price=price, weeks=item.weeks_per_year or 52)
    return w.t("doc.basis", basis=basis, price=price)


def _money(w: _Writer) -> Section:
    plan = w.plan
    found = totals(plan)
    section = Section(title=_question(w, 4), id="money")
    costs = [
        [
            item.what,
            _cost_basis(w, item),
            w.label("funding_stream", item.funding_stream),
            w.label("item_management", item_management(plan, item)),
            w.money(item.yearly_cost(plan.on_costs)),
        ]
        for item in plan.support_items
    ]
    if costs:
        costs.append([w.t("doc.total"), "", "", "", w.money(found.cost)])
        header = [
            w.t("doc.support"),
            w.t("doc.how_paid"),
            w.t("doc.stream"),
            w.t("doc.managed_by"),
            w.t("doc.cost_year"),
        ]
        section.tables.append(Table(w.t("doc.costs_table"), header, costs))
    section.tables.append(_stream_table(w))
    section.notes.append(_gap_sentence(w, found.budget, found.gap))
    if plan.budget_gap.strip():
        section.parts.append(Section(w.t("doc.gap_reason"), 3, [plan.budget_gap.strip()]))
    on_costs = _on_cost_part(w)
    if on_costs is not None:
        section.parts.append(on_costs)
    section.parts += _estimates(w)
    section.notes.append(w.t("doc.indicative"))
    return section


def _stream_table(w: _Writer) -> Table:
    rows = []
    for part in totals(w.plan).streams:
        name = w.label("funding_stream", part.stream) if part.stream else w.t("summary.no_stream")
        budget = w.money(part.budget) if part.budget is not None else w.t("summary.unknown")
        difference = describe_gap(part.gap, w.t, w.money, STREAM_GAP)
        rows.append([name, budget, w.money(part.cost), difference])
    header = [
        w.t("doc.stream"),
        w.t("doc.budget_year"),
        w.t("doc.cost_year"),
        w.t("doc.difference"),
    ]
    return Table(w.t("doc.streams_table"), header, rows)


STREAM_GAP = ("doc.over", "doc.under", "doc.equal", "doc.no_budget_to_compare")
TOTAL_GAP = ("doc.total_over", "doc.total_under", "doc.total_equal", "doc.budget_unknown")


def _gap_sentence(w: _Writer, budget: Decimal, gap: Decimal) -> str:
    return describe_gap(gap if budget else None, w.t, w.money, TOTAL_GAP)


def _on_cost_part(w: _Writer) -> Section | None:
    employed = [i for i in w.plan.support_items if i.employs_someone()]
    if not employed:
        return None
    header = [
        w.t("doc.support"),
        w.t("doc.pay"),
        w.t("doc.holiday"),
        w.t("doc.ni"),
        w.t("doc.pension"),
        w.t("doc.insurance"),
        w.t("doc.payroll"),
        w.t("doc.cost_year"),
    ]
    rows = []
    for item in employed:
        c = item.costs(w.plan.on_costs)
        parts = (c.pay, c.holiday, c.national_insurance, c.pension, c.insurance, c.payroll)
        rows.append([item.what, *(w.money(p) for p in parts), w.money(c.total)])
    return Section(
        w.t("doc.on_costs"),
        3,
        [w.t("doc.on_costs_note")],
        tables=[Table(w.t("doc.on_costs_table"), header, rows)],
    )


def _estimates(w: _Writer) -> list[Section]:
    from planner.domain.packs import PackError, load_pack, score

    parts = []
    for stream in ("education", "social_care", "health"):
        allocation = getattr(w.plan.allocations, stream)
        if not allocation.pack or allocation.points is None:
            continue
        try:
            pack = load_pack(allocation.pack)
        except PackError:
            continue
        result = score(pack, allocation.answers, w.texts.locale)
        rows = [[r.question, r.answer, str(r.points)] for r in result.rows]
        rows.append([w.t("doc.total"), "", str(result.total)])
        amount = (
            w.money(result.band.amount)
            if result.band and result.band.amount is not None
            else w.t("alloc.no_amount")
        )
        band = pack.band_name(result.band, w.texts.locale) if result.band else ""
        parts.append(
            Section(
                w.t("doc.estimate", title=pack.text("title", w.texts.locale)),
                3,
                [
                    w.t("doc.estimate_result", band=band, amount=amount),
                    pack.text("disclaimer", w.texts.locale),
                    w.t("alloc.source", source=pack.source_text(w.texts.locale), year=pack.year),
                ],
                tables=[
                    Table(
                        w.t("doc.estimate_table"),
                        [w.t("doc.area"), w.t("doc.answer"), w.t("doc.points")],
                        rows,
                    )
                ],
            )
        )
    return parts


def _managed(w: _Writer) -> Section:
    plan = w.plan
    money = plan.money
    choice = w.label("doc.management", money.option)
    facts = [w.t("doc.chosen_way", way=choice)]
    if plan.money.uses_direct_payment():
        facts.append(w.t("doc.dp_recipient", who=w.label("doc.recipient", money.dp_recipient)))
        facts.append(w.t("doc.dp_account", where=w.label("account", money.account)))
    section = Section(title=_question(w, 5), items=facts, id="managed")
    section.parts.append(_comparison(w))
    section.parts.append(_fit_part(w))
    rule_flags = flags(plan, w.today)
    if rule_flags:
        section.parts.append(
            Section(
                w.t("doc.rules"),
                3,
                items=[
                    w.t(
                        "doc.flag_warning" if f.warning else "doc.flag_note",
                        text=w.t(f.key, **f.params),
                    )
                    for f in rule_flags
                ],
            )
        )
    return section


def _comparison(w: _Writer) -> Section:
    ways = ways_to_manage(w.texts.locale)
    header = [w.t("doc.compare_row"), *(way.name for way in ways)]
    rows = [[w.t(f"option_row.{row}"), *(way.row(row) for way in ways)] for row in OPTION_ROWS]
    rows.append([w.t("doc.in_this_plan"), *(_in_this_plan(w, way.id) for way in ways)])
    return Section(
        w.t("doc.compare"),
        3,
        tables=[Table(w.t("doc.compare_table"), header, rows)],
    )


def _in_this_plan(w: _Writer, way: str) -> str:
    plan = w.plan
    if way == ManagementOption.MIX.value:
        if plan.money.option is not ManagementChoice.MIX:
            return w.t("doc.not_chosen")
        split = [
            w.t(
                "doc.split_item",
                what=i.what,
                how=w.label("item_management", item_management(plan, i)),
            )
            for i in plan.support_items
        ]
        return "; ".join(split) or w.t("doc.none_yet")
    names = [i.what for i in plan.support_items if item_management(plan, i).value == way]
    return "; ".join(names) or w.t("doc.nothing")


def _fit_part(w: _Writer) -> Section:
    names = {way.id: way.name for way in ways_to_manage(w.texts.locale)}
    parts = []
    for fit in assess(w.plan):
        sentences = [w.t(r.key) for r in fit.reasons]
        parts.append(
            Section(
                w.t(
                    "doc.fit_heading",
                    way=names[fit.option.value],
                    level=w.t(f"fit.level.{fit.level.value}"),
                ),
                4,
                items=sentences,
            )
        )
    return Section(w.t("doc.fit"), 3, [w.t("doc.fit_intro")], parts=parts)


def _control(w: _Writer) -> Section:
    plan = w.plan
    section = Section(title=_question(w, 6), id="control")
    section.parts.append(
        Section(w.t("doc.staying_in_control"), 3, [w.text_or_blank(plan.staying_in_control)])
    )
    section.parts.append(Section(w.t("doc.good_week"), 3, [w.text_or_blank(plan.good_week)]))
    risks = Section(w.t("doc.risks"), 3)
    header = [w.t("doc.risk"), w.t("doc.how_managed")]
    rows = [[r.what, r.how_managed] for r in plan.risks]
    _table_or_none(w, risks, Table(w.t("doc.risks_table"), header, rows))
    section.parts.append(risks)
    section.parts.append(Section(w.t("doc.backup"), 3, [w.text_or_blank(plan.backup_plan)]))
    if plan.pa_tasks or plan.employs_someone() or plan.money.employ_pa is not None:
        done = {t.value for t in plan.pa_tasks}
        tasks = ["contract", "payroll", "pension", "insurance", "dbs", "cover"]
        section.parts.append(
            Section(
                w.t("doc.employer_checklist"),
                3,
                items=[
                    w.t(
                        "doc.task_done" if task in done else "doc.task_todo",
                        task=w.label("pa_task", task),
                    )
                    for task in tasks
                ],
            )
        )
    return section


def _action(w: _Writer) -> Section:
    plan = w.plan
    section = Section(title=_question(w, 7), id="actions")
    header = [w.t("doc.task"), w.t("doc.who"), w.t("doc.by_when")]
    rows = [[a.task, a.who, w.date(a.by_when)] for a in plan.actions]
    _table_or_none(w, section, Table(w.t("doc.actions_table"), header, rows))
    agreeing = plan.agreeing
    section.items.append(w.t("doc.send_to", who=w.within_sentence(agreeing.who)))
    section.items.append(w.t("doc.send_by", when=w.date(agreeing.share_by)))
    return section


def _review(w: _Writer) -> Section:
    review = w.plan.review
    return Section(
        title=w.t("doc.review"),
        id="review",
        items=[
            w.t("doc.review_often", often=w.label("review_frequency", review.how_often)),
            w.t("doc.review_who", who=w.within_sentence(review.who)),
            w.t("doc.review_know", know=w.within_sentence(review.how_we_know)),
        ],
        paragraphs=[w.t("doc.review_note")],
    )


def _all_text(sections: list[Section]) -> str:
    chunks: list[str] = []
    for s in sections:
        chunks += [s.title, *s.paragraphs, *s.items]
        for table in s.tables:
            chunks += [c for row in table.rows for c in row]
        chunks.append(_all_text(s.parts))
    return "\n".join(chunks)


def _notes(w: _Writer, notes: Notes) -> Section:
    section = Section(w.t("doc.notes_title"), id="practitioner-notes")
    section.paragraphs.append(w.t("doc.notes_intro"))
    section.items = [f"{w.date(written.date())}: {text}" for written, text in notes]
    return section


def _words_used(w: _Writer, sections: list[Section]) -> Section:
    text = _all_text(sections)
    used = []
    for term in glossary(w.texts.locale):
        names = [term.term, *(a for a in term.also if len(a) > 3 or a.isupper())]
        for name in names:
            flags_ = 0 if name.isupper() else re.IGNORECASE
            if re.search(rf"\b{re.escape(name)}\b", text, flags_):
                used.append(w.t("doc.term", term=term.term, meaning=term.short))
                break
    return Section(title=w.t("doc.words"), id="words", items=used)


def build_review(
    plan: Plan, review: PlanReview, locale: str = "en_GB", today: date | None = None
) -> Document:
    """A review summary (step 7 in use), in one language."""
    from planner.domain.review import spending

    w = _Writer(plan, texts_for(locale), today or date.today())
    titles = plan.outcome_titles()
    outcomes = Section(w.t("doc.rv_outcomes"), id="review-outcomes")
    rows = [
        [
            titles.get(check.outcome_id, w.t("doc.not_given")),
            w.label("progress", check.progress),
            w.text_or_blank(check.note),
        ]
        for check in review.outcomes
    ]
    header = [w.t("doc.outcome"), w.t("doc.rv_progress"), w.t("doc.rv_note")]
    _table_or_none(w, outcomes, Table(w.t("doc.rv_outcomes_table"), header, rows))
    money = Section(w.t("doc.rv_money"), id="review-money")
    spent = spending(plan, review)
    if spent is None and review.spent is not None:  # no months given: nothing to set it against
        money.items = [
            w.t("doc.rv_planned_year", amount=w.money(plan.total_cost())),
            w.t("doc.rv_spent", amount=w.money(review.spent)),
        ]
    elif spent is None:
        money.paragraphs.append(w.t("doc.rv_money_none"))
    else:
        money.items = [
            w.t("doc.rv_planned_year", amount=w.money(spent.planned_year)),
            w.t("doc.rv_expected", amount=w.money(spent.expected), months=review.months),
            w.t("doc.rv_spent", amount=w.money(spent.spent)),
        ]
        key = (
            "doc.rv_over"
            if spent.difference > 0
            else "doc.rv_under"
            if spent.difference
            else "doc.rv_even"
        )
        money.paragraphs.append(w.t(key, amount=w.money(abs(spent.difference))))
    sections = [
        outcomes,
        Section(
            w.t("doc.rv_working"), id="review-working", paragraphs=[w.text_or_blank(review.working)]
        ),
        Section(
            w.t("doc.rv_not_working"),
            id="review-not-working",
            paragraphs=[w.text_or_blank(review.not_working)],
        ),
        money,
        Section(
            w.t("doc.rv_changes"), id="review-changes", paragraphs=[w.text_or_blank(review.changes)]
        ),
    ]
    return Document(
        lang=locale.replace("_", "-"),
        title=w.t("doc.rv_title", name=w.name),
        status=[
            w.t("doc.rv_held", date=w.date(review.held), version=review.plan_version),
            w.t("doc.rv_status"),
        ],
        sections=sections,
    )
