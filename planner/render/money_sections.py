"""The plan's money sections: the budget against the costs, on-costs, estimates, how the money
is managed, and how each way of managing it fits the family."""

from __future__ import annotations

from decimal import Decimal

from planner.content.options import OPTION_ROWS, ways_to_manage
from planner.dialogue.compare import by_stream_said
from planner.domain.budget import describe_budget, describe_gap, item_management, totals
from planner.domain.fit import assess, compare, flags, say
from planner.domain.lawbook import worded
from planner.domain.people import plan_costs
from planner.domain.vocab import ItemManagement, ManagementChoice, ManagementOption
from planner.render.model import Section, Table
from planner.render.panel_sections import ehc_plan_link
from planner.render.phrasing import Phrasing


def money_section(w: Phrasing) -> Section:
    """Question 4: the money: the budget, the costs, and the difference."""
    plan = w.plan
    found = totals(plan)
    priced = plan_costs(plan).items
    section = Section(title=w.question(4), id="money")
    ehc_plan_link(w, "j", section.paragraphs)
    costs = [
        [
            item.what,
            w.cost_basis(plan.item_price(item)),
            w.label("funding_stream", item.funding_stream),
            w.label("item_management", item_management(plan, item)),
            w.money(priced[item.id].total),
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


def _stream_table(w: Phrasing) -> Table:
    rows = []
    for part in totals(w.plan).streams:
        name = w.label("funding_stream", part.stream) if part.stream else w.t("summary.no_stream")
        budget = describe_budget(part, w.t, w.money)
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


def _gap_sentence(w: Phrasing, budget: Decimal, gap: Decimal) -> str:
    return describe_gap(gap if budget else None, w.t, w.money, TOTAL_GAP)


def _on_cost_part(w: Phrasing) -> Section | None:
    from planner.domain.figures import figures

    found = figures()
    employed = plan_costs(w.plan).employees
    if not employed:
        return None
    header = [
        w.t("doc.employee"),
        w.t("doc.pay"),
        w.t("doc.holiday"),
        w.t("doc.ni"),
        w.t("doc.pension"),
        w.t("doc.insurance"),
        w.t("doc.payroll"),
        w.t("doc.cost_year"),
    ]
    rows = []
    for person in employed:
        c = person.costs
        parts = (c.pay, c.holiday, c.national_insurance, c.pension, c.insurance, c.payroll)
        rows.append([person.name, *(w.money(p) for p in parts), w.money(c.total)])
    return Section(
        w.t("doc.on_costs"),
        3,
        [w.t("doc.on_costs_note", year=found.tax_year)]
        + ([w.t("oncost.stale")] if found.stale(w.today) else []),
        tables=[Table(w.t("doc.on_costs_table"), header, rows)],
    )


def _estimates(w: Phrasing) -> list[Section]:
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


def managed_section(w: Phrasing) -> Section:
    """How the money is managed, compared with the other ways, and how each fits."""
    plan = w.plan
    money = plan.money
    choice = w.label("doc.management", money.option)
    facts = [w.t("doc.chosen_way", way=choice)]
    chosen = [f for f in assess(plan, w.today) if money.option and f.option.value == money.option]
    because = [w.t(r.key) for f in chosen for r in f.reasons if r.weight > 0]
    if because:
        facts.append(w.t("doc.chosen_because", reasons=" ".join(because)))
    if plan.money.uses_direct_payment():
        facts.append(w.t("doc.dp_recipient", who=w.label("doc.recipient", money.dp_recipient)))
        facts.append(w.t("doc.dp_account", where=w.label("account", money.account)))
    section = Section(title=w.question(5), items=facts, id="managed")
    section.parts.append(_comparison(w))
    section.parts.append(_fit_part(w))
    if money.option is ManagementChoice.MIX:
        said = [text for text, _ in by_stream_said(plan, w.today, w.t)]
        section.parts.append(Section(w.t("doc.fit_streams"), 3, said))
    rule_flags = flags(plan, w.today)
    if rule_flags:
        section.parts.append(
            Section(
                w.t("doc.rules"),
                3,
                items=[
                    w.sourced(
                        w.t(f"doc.rule_{f.does.value}", text=w.t(f.key, **worded(f.params, w.t))),
                        f.source,
                    )
                    for f in rule_flags
                ],
            )
        )
    return section


def _comparison(w: Phrasing) -> Section:
    ways = ways_to_manage(w.texts.locale)
    header = [w.t("doc.compare_row"), *(way.name for way in ways)]
    rows = [[w.t(f"option_row.{row}"), *(way.row(row) for way in ways)] for row in OPTION_ROWS]
    rows.append([w.t("doc.in_this_plan"), *(_in_this_plan(w, way.id) for way in ways)])
    return Section(
        w.t("doc.compare"),
        3,
        tables=[Table(w.t("doc.compare_table"), header, rows)],
    )


def _in_this_plan(w: Phrasing, way: str) -> str:
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
    ways = {way, ItemManagement.NHS_ARRANGED.value} if way == "arranged" else {way}
    names = [i.what for i in plan.support_items if item_management(plan, i).value in ways]
    return "; ".join(names) or w.t("doc.nothing")


def _fit_part(w: Phrasing) -> Section:
    """How well each way fits, said as the conversation says it where the family chooses: the
    law first, then what counts for and against, and the way that looks best and why."""
    names = {way.id: way.name for way in ways_to_manage(w.texts.locale)}
    found = compare(w.plan, w.today)
    parts = [
        Section(
            w.t(
                "doc.fit_heading",
                way=names[fit.option.value],
                level=w.t(f"compare.level.{fit.said_level}"),
            ),
            4,
            items=[say(r, w.t) for r in fit.in_order],
        )
        for fit in found.fits
    ]
    if found.best is None:
        verdict = w.t("doc.fit_none_best")
    else:
        why = w.t(found.why.key) if found.why else ""
        verdict = w.t("compare.best", way=names[found.best.option.value], why=why)
    return Section(w.t("doc.fit"), 3, [w.t("doc.fit_intro"), verdict], parts=parts)
