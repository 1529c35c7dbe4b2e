"""The draft support plan as a document model: sections of paragraphs, lists and tables.

Built once from the plan, in the family's language; the Markdown, HTML and DOCX writers only
walk this structure, so every format says the same thing. The money sections are in
:mod:`planner.render.money_sections`."""

from __future__ import annotations

import re
from datetime import date

from planner.content.knowledge import glossary
from planner.domain.lawbook import worded
from planner.domain.models import Plan, SupportItem
from planner.domain.readiness import readiness
from planner.domain.rules import EMPLOYER_TASKS, NOT_THEIRS, family_employs
from planner.i18n import texts_for
from planner.render.adulthood_section import adulthood_section
from planner.render.model import Document, Notes, Section, Table
from planner.render.money_sections import managed_section, money_section
from planner.render.panel_sections import ehc_plan_link, records_section, sign_off_section
from planner.render.phrasing import Phrasing


def build(
    plan: Plan, locale: str = "en_GB", today: date | None = None, notes: Notes | None = None
) -> Document:
    """The document for a plan, in one language; a keyworker's ``notes`` only when chosen."""
    w = Phrasing(plan, texts_for(locale), today or date.today())
    sections = [
        _about(w),
        _important(w),
        _change(w),
        _supported(w),
        money_section(w),
        managed_section(w),
        _control(w),
        _action(w),
        *adulthood_section(w),
        records_section(w),
        _review(w),
        sign_off_section(w),
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


def _status(w: Phrasing) -> list[str]:
    lines = [
        w.t("doc.draft"),
        w.t("doc.version", version=w.plan.version, date=w.date(w.today)),
    ]
    missing = readiness(w.plan, w.today)
    if missing:
        lines.append(w.t("doc.not_ready"))
        lines += [w.t(m.key, **worded(m.params, w.t)) for m in missing]
    else:
        lines.append(w.t("doc.ready"))
    return lines


def _about(w: Phrasing) -> Section:
    plan, child = w.plan, w.plan.child
    facts = [
        w.t("doc.filled_in_by", who=w.label("doc.role", plan.filled_in_by)),
        w.t("doc.ehcp", status=w.label("ehcp", plan.ehcp_status)),
    ]
    if plan.agreeing.involved.strip():
        facts.append(w.t("doc.involved", who=w.within_sentence(plan.agreeing.involved)))
    facts += _decisions(w)
    if plan.health_right is not None:
        facts.append(w.t("doc.health_right", answer=w.label("health_right", plan.health_right)))
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
    tables = [table, *_decisions_table(w)]
    return Section(title=w.t("doc.about", name=w.name), items=facts, tables=tables, id="about")


def _decisions(w: Phrasing) -> list[str]:
    """Who helped a young person past compulsory school age with their decisions."""
    helped = w.plan.decisions.helped_by.strip()
    return [w.t("doc.decision_helped", who=helped)] if helped else []


def _decisions_table(w: Phrasing) -> list[Table]:
    """Each big decision a young person past compulsory school age makes, one at a time
    (Mental Capacity Act 2005, s2): asking for the budget, the plan itself, who holds the
    money; who made it (they did, with help, or someone for them) and, when someone else
    did, how their capacity for it was considered."""
    d = w.plan.decisions
    made = [
        ("budget", d.budget, d.capacity),
        ("plan", d.plan, d.capacity),
        ("money", d.money, d.money_capacity),
    ]
    rows = [
        [
            w.t(f"doc.decision.{what}"),
            w.label("who_decides", who),
            why.strip() if who in NOT_THEIRS else "",
        ]
        for what, who, why in made
        if who is not None
    ]
    if not rows:
        return []
    header = [w.t(f"doc.decisions_{column}") for column in ("what", "who", "why")]
    return [Table(w.t("doc.decisions_table"), header, rows)]


def _important(w: Phrasing) -> Section:
    plan = w.plan
    return Section(
        title=w.question(1),
        id="important",
        parts=[
            Section(w.t("doc.important_to"), 3, [w.text_or_blank(plan.profile.important_to)]),
            Section(w.t("doc.working"), 3, [w.text_or_blank(plan.working)]),
            Section(w.t("doc.not_working"), 3, [w.text_or_blank(plan.not_working)]),
            Section(
                w.t("doc.views", name=w.name),
                3,
                [plan.agreeing.views.strip() or w.t("doc.views_none")],
            ),
            *_own_words(w),
        ],
    )


def _own_words(w: Phrasing) -> list[Section]:
    """What a young person said at each step, when a parent made the plan for them."""
    said = w.plan.own_words.said()
    if not said:
        return []
    header = [w.t("doc.own_words_step"), w.t("doc.own_words_said")]
    rows = [[w.t(f"step.{step}"), words] for step, words in said]
    table = Table(w.t("doc.own_words_table"), header, rows)
    return [Section(w.t("doc.own_words"), 3, tables=[table])]


def _change(w: Phrasing) -> Section:
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
    section = Section(title=w.question(2), id="outcomes")
    ehc_plan_link(w, "e", section.paragraphs)
    w.table_or_none(section, Table(w.t("doc.outcomes_table"), header, rows))
    return section


def _outcome_names(w: Phrasing, item: SupportItem) -> str:
    titles = w.plan.outcome_titles()
    names = [titles[o] for o in item.outcomes if o in titles]
    return "; ".join(names) or w.t("doc.not_given")


def _supported(w: Phrasing) -> Section:
    """The support: first the help that costs the budget nothing (family and friends, clubs
    anyone can use, services already provided), as a panel expects, then what the budget
    pays for."""
    from planner.domain.vocab import CostBasis

    plan = w.plan
    free = [i for i in plan.support_items if plan.item_price(i).cost_basis is CostBasis.NO_COST]
    paid = [i for i in plan.support_items if i not in free]
    header = [
        w.t("doc.support"),
        w.t("doc.kind"),
        w.t("doc.provider"),
        w.t("doc.for_outcomes"),
        w.t("doc.in_school"),
    ]
    section = Section(title=w.question(3), id="support")
    ehc_plan_link(w, "f", section.paragraphs)
    if free:
        section.paragraphs.append(w.t("doc.support_order"))
        section.tables.append(Table(w.t("doc.support_free_table"), header, _support_rows(w, free)))
    if paid or not free:
        caption = w.t("doc.support_paid_table" if free else "doc.support_table")
        w.table_or_none(section, Table(caption, header, _support_rows(w, paid)))
    return section


def _support_rows(w: Phrasing, items: list[SupportItem]) -> list[list[str]]:
    return [
        [
            item.what,
            w.label("support_kind", item.kind),
            w.text_or_blank(item.provider or _helper_name(w, item)),
            _outcome_names(w, item),
            w.label("yes_no_unsure", item.in_school),
        ]
        for item in items
    ]


def _helper_name(w: Phrasing, item: SupportItem) -> str:
    helper = w.plan.helper(item.helper)
    return helper.name if helper is not None else ""


def _control(w: Phrasing) -> Section:
    plan = w.plan
    section = Section(title=w.question(6), id="control")
    section.parts.append(
        Section(w.t("doc.staying_in_control"), 3, [w.text_or_blank(plan.staying_in_control)])
    )
    section.parts.append(Section(w.t("doc.good_week"), 3, [w.text_or_blank(plan.good_week)]))
    risks = Section(w.t("doc.risks"), 3)
    header = [w.t("doc.risk"), w.t("doc.how_managed")]
    rows = [[r.what, r.how_managed] for r in plan.risks]
    w.table_or_none(risks, Table(w.t("doc.risks_table"), header, rows))
    section.parts.append(risks)
    section.parts.append(Section(w.t("doc.backup"), 3, [w.text_or_blank(plan.backup_plan)]))
    section.parts.append(Section(w.t("doc.crisis"), 3, [w.text_or_blank(plan.crisis_plan)]))
    if family_employs(plan):
        done = set(plan.pa_tasks)
        tasks = EMPLOYER_TASKS
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


def _action(w: Phrasing) -> Section:
    plan = w.plan
    section = Section(title=w.question(7), id="actions")
    header = [w.t("doc.task"), w.t("doc.who"), w.t("doc.by_when")]
    rows = [[a.task, a.who, w.date(a.by_when)] for a in plan.actions]
    w.table_or_none(section, Table(w.t("doc.actions_table"), header, rows))
    agreeing = plan.agreeing
    section.items.append(w.t("doc.send_to", who=w.within_sentence(agreeing.who)))
    section.items.append(w.t("doc.send_by", when=w.date(agreeing.share_by)))
    return section


REVIEW_MONTHS = {"three_months": 3, "six_months": 6, "yearly": 12}


def _review(w: Phrasing) -> Section:
    review = w.plan.review
    items = [
        w.t("doc.review_often", often=w.label("review_frequency", review.how_often)),
        w.t("doc.review_who", who=w.within_sentence(review.who)),
        w.t("doc.review_know", know=w.within_sentence(review.how_we_know)),
    ]
    if review.how_often is not None:
        from planner.domain.timeline import DIRECT_PAYMENT_FIRST_REVIEW_MONTHS, add_months

        months = REVIEW_MONTHS[review.how_often.value]
        days = [w.date(add_months(w.today, months * n)) for n in (1, 2)]
        items.append(w.t("doc.review_dates", first=days[0], second=days[1]))
        if w.plan.money.uses_direct_payment():
            first = add_months(w.today, DIRECT_PAYMENT_FIRST_REVIEW_MONTHS)
            items.append(w.t("doc.review_dp_first", day=w.date(first)))
    return Section(
        title=w.t("doc.review"),
        id="review",
        items=items,
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


def _notes(w: Phrasing, notes: Notes) -> Section:
    section = Section(w.t("doc.notes_title"), id="practitioner-notes")
    section.paragraphs.append(w.t("doc.notes_intro"))
    section.items = [f"{w.date(written.date())}: {text}" for written, text in notes]
    return section


def _words_used(w: Phrasing, sections: list[Section]) -> Section:
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
