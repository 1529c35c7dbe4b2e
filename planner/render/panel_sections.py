"""Parts of the plan a council panel looks for: how the spending is recorded and checked, for
each funding stream and way of managing it, the agreement with its signatures, and where each
part belongs in an EHC plan (outcomes in section E, provision in F, the personal budget in J:
the SEND Regulations 2014, reg 12, and the SEND Code of Practice 2015, paragraph 9.62).

Both are made from what the family has said; nothing here asks them anything new. What a
council expects (records kept for some years, a first check of a direct payment within about
three months) is said as what councils usually ask, since each council's agreement sets its own.
"""

from __future__ import annotations

from planner.domain.budget import item_management
from planner.domain.rules import education_money_possible
from planner.domain.vocab import FundingStream, ItemManagement
from planner.render.model import Section, Table
from planner.render.phrasing import Phrasing

KEPT_BY_US = (ItemManagement.DIRECT_PAYMENT,)
KEPT_FOR_US = (ItemManagement.THIRD_PARTY,)


def ehc_plan_link(w: Phrasing, section: str, paragraphs: list[str]) -> None:
    """Where an EHC plan is in place or on its way, say which of its sections (E, F or J)
    this part of the plan should agree with."""
    if education_money_possible(w.plan):
        paragraphs.append(w.t(f"doc.ehc_{section}"))


def _ways_by_stream(w: Phrasing) -> dict[FundingStream | None, set[ItemManagement]]:
    """Each funding stream the support uses, with the ways its parts are managed."""
    found: dict[FundingStream | None, set[ItemManagement]] = {}
    for item in w.plan.support_items:
        found.setdefault(item.funding_stream, set()).add(item_management(w.plan, item))
    return found


def records_section(w: Phrasing) -> Section:
    """What is kept, for how long, who checks it and how often: per funding stream and way."""
    rows = []
    for stream, ways in _ways_by_stream(w).items():
        stream_name = w.label("funding_stream", stream)  # "not given" for none yet
        for way in sorted(ways, key=lambda m: list(ItemManagement).index(m)):
            if way is ItemManagement.NOT_DECIDED:
                kept = w.t("doc.records_kept_undecided")
            elif way in KEPT_BY_US:
                kept = w.t("doc.records_kept_us")
            elif way in KEPT_FOR_US:
                kept = w.t("doc.records_kept_provider")
            else:
                kept = w.t("doc.records_kept_council")
            rows.append(
                [
                    stream_name,
                    w.label("item_management", way),
                    kept,
                    w.t(f"doc.records_checks.{_checker(stream, way)}"),
                ]
            )
    section = Section(w.t("doc.records"), id="records", paragraphs=[w.t("doc.records_intro")])
    if not rows:
        section.paragraphs.append(w.t("doc.records_none"))
        return section
    header = [w.t(f"doc.records_{column}") for column in ("stream", "way", "what", "who")]
    section.tables.append(Table(w.t("doc.records_table"), header, rows))
    section.notes.append(w.t("doc.records_how_long"))
    return section


def _checker(stream: FundingStream | None, way: ItemManagement) -> str:
    if way is ItemManagement.NOT_DECIDED:
        return "undecided"
    if way not in (*KEPT_BY_US, *KEPT_FOR_US):
        return "arranged"
    if stream is FundingStream.EDUCATION:
        return "education"
    if stream is FundingStream.HEALTH:
        return "health"
    return "social_care"


def sign_off_section(w: Phrasing) -> Section:
    """Who agrees the plan: the family, the young person (from the end of Year 11, or when
    the plan is their own), and the council's officer, each with space to sign on paper."""
    plan = w.plan
    agreeing = plan.agreeing
    signed = w.date(agreeing.signed_on) if agreeing.signed_on else ""
    rows = [[w.t("doc.sign_family"), agreeing.family_signs.strip(), "", signed]]
    if plan.by_young_person or plan.child.past_compulsory_school_age(w.today):
        rows.append([w.t("doc.sign_young_person"), plan.child.name, "", ""])
    rows.append([w.t("doc.sign_council"), "", "", ""])
    header = [w.t(f"doc.sign_{column}") for column in ("role", "name", "signature", "date")]
    return Section(
        w.t("doc.sign_off"),
        id="sign-off",
        paragraphs=[w.t("doc.sign_intro"), w.t("doc.sign_consent")],
        tables=[Table(w.t("doc.sign_table"), header, rows)],
    )
