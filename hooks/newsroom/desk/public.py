"""The public plan page of a year, in Vietnamese and English: ``/ke-hoach/<YYYY>/``.

Access to Information Law, Art. 19: plans and their results are published. The page shows
the plan's targets and, for each quarter that has ended (and for the year once it is over),
what was achieved — counted from PUBLISHED articles only. It never reads the press register:
nothing of an open (or any) press item is public.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from ..common import wording
from ..common.text import markdown_literal
from ..content.corpus import Corpus
from ..content.model import Article
from ..site.urls import prefix
from .conferences import conferences
from .plans import Plan
from .review import lineage, quarter_end

ROOT = "ke-hoach"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class PlanPage:
    year: int
    lang: str
    markdown: str

    @property
    def url(self) -> str:
        return f"{prefix(self.lang)}{ROOT}/{self.year}/"

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md"


def url(year: int, lang: str) -> str:
    return f"{prefix(lang)}{ROOT}/{year}/"


def pages(corpus: Corpus, plans: dict[tuple[int, str | None], Plan], lang: str) -> list[PlanPage]:
    """One page per year that has a Ministry plan (``docs/.ke-hoach/<YYYY>.yml``)."""
    return [
        PlanPage(year, lang, markdown(corpus, plan, plans, lang))
        for (year, unit), plan in sorted(plans.items(), key=lambda kv: kv[0][0])
        if unit is None
    ]


def markdown(
    corpus: Corpus, plan: Plan, plans: dict[tuple[int, str | None], Plan], lang: str
) -> str:
    words = wording.section(lang, "plan")
    now = corpus.now
    year = plan.year
    ended = [q for q in range(1, 5) if quarter_end(year, q) < now.date()]
    year_over = dt.date(year, 12, 31) < now.date()
    published = corpus.articles(published_only=True)
    originals = [a for a in published if not a.is_translation and a.date.year == year]
    translations = [a for a in published if a.is_translation and a.date.year == year]
    title = words["title"].format(year=year)
    head = [words["target"], words["plan"]]
    head += [words["quarter"].format(q=q, roman=ROMAN[q]) for q in range(1, 5)]
    head.append(words["year"])

    def row(label: str, target: int | None, chosen: list[Article], test: Callable) -> str:
        cells = [markdown_literal(label), "—" if target is None else str(target)]
        for q in range(1, 5):
            count = sum(1 for a in chosen if _quarter(a) == q and test(a))
            cells.append(str(count) if q in ended else words["pending"])
        total = sum(1 for a in chosen if test(a))
        cells.append(str(total) if year_over else words["pending"])
        return "| " + " | ".join(cells) + " |"

    def table(rows: list[str]) -> list[str]:
        return ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1), *rows, ""]

    registries = corpus.registries
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "", f"# {title}", ""]
    if plan.title:
        out += [f"**{markdown_literal(plan.title)}**", ""]
    if plan.basis:
        out += [words["basis"].format(basis=markdown_literal(plan.basis)), ""]
    out += [words["intro"], "", f"## {words['totals']}", ""]
    totals = [
        row(words["articles"], plan.articles, originals, lambda a: True),
        row(words["translations"], plan.translations, translations, lambda a: True),
    ]
    if plan.press_conferences:
        totals.append(_conference_row(corpus, plan, words, ended, year_over))
    out += table(totals)
    sections = (
        ("focus", plan.focus_areas, registries.focus_areas, lambda k: lambda a: k in a.focus_areas),
        ("types", plan.types, registries.types, lambda k: lambda a: a.type == k),
    )
    for name, targets, registry, test_for in sections:
        if targets:
            out += [f"## {words[name]}", ""]
            rows = [
                row(registry[k].label.get(lang), v, originals, test_for(k))
                for k, v in targets.items()
            ]
            out += table(rows)
    if plan.media:
        out += [f"## {words['media']}", ""]
        rows = [
            row(words[f"media_{k}"], v, originals, lambda a, k=k: k in a.media)
            for k, v in plan.media.items()
        ]
        out += table(rows)
    units = [
        (u, p)
        for (y, u), p in sorted(plans.items(), key=lambda kv: str(kv[0][1]))
        if y == year and u
    ]
    if units:
        out += [f"## {words['units']}", ""]
        rows = [
            row(
                registries.units[u].label.get(lang),
                p.articles,
                originals,
                lambda a, u=u: u in lineage(registries, a.unit),
            )
            for u, p in units
        ]
        out += table(rows)
    return "\n".join(out)


def _conference_row(
    corpus: Corpus, plan: Plan, words: dict[str, str], ended: list[int], year_over: bool
) -> str:
    """Held conferences per ended quarter, each counted once, with the quarter's target."""
    held = [
        c
        for c in conferences(corpus.articles(published_only=True), corpus.now)
        if c.held and c.start.year == plan.year
    ]
    cells = [words["conferences"], str(sum(plan.press_conferences.values()))]
    for q in range(1, 5):
        count = sum(1 for c in held if c.quarter[1] == q)
        target = plan.press_conferences.get(q)
        shown = f"{count} ({target})" if target is not None else str(count)
        cells.append(shown if q in ended else f"— ({target})" if target is not None else "—")
    cells.append(str(len(held)) if year_over else "—")
    return "| " + " | ".join(cells) + " |"


def _quarter(article: Article) -> int:
    return (article.date.month - 1) // 3 + 1
