"""Vocabulary and prose for synthetic playbooks: business words, names, sentences.

Everything is drawn from a ``random.Random`` passed in, so a seed fixes the output.
"""

from __future__ import annotations

import random
import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# First words of names, spread over the alphabet roughly as business vocabulary is.
QUALIFIERS = _words(
    "Account Active Adjusted Agreed Annual Applied Assisted Average Blended Booked Bottom "
    "Brand Campaign Channel Closed Cohort Cold Committed Competitive Contract Converted "
    "Core Cross Customer Daily Deal Demand Direct Discovery Early Engaged Enterprise "
    "Expansion Expected Field First Forecast Funnel Gated Gross Growth Handled Hybrid "
    "Ideal Inbound Indirect Initial Inside Intent Joint Key Late Lead Lifetime Lost "
    "Managed Marketing Median Mid Monthly Net New Nurtured Offline Online Open Organic "
    "Outbound Paid Partner Pipeline Planned Primary Product Qualified Quarterly Quick "
    "Recurring Referral Regional Renewal Retained Revenue Sales Scored Self Serviced "
    "Shared Sourced Strategic Target Territory Total Trial Unqualified Upsell Validated "
    "Verified Weekly Weighted Won Yearly Zero"
)
SUBJECTS = _words(
    "Account Activity Agreement Allocation Attribution Audience Backlog Benchmark Budget "
    "Buyer Cadence Campaign Capacity Champion Churn Close Commitment Contact Conversion "
    "Coverage Cycle Deal Demand Discount Engagement Event Expansion Feedback Forecast "
    "Handoff Influence Inquiry Journey Lead Meeting Milestone Motion Nurture Objection "
    "Offer Opportunity Outcome Persona Pipeline Plan Playbook Pricing Program Prospect "
    "Quota Ramp Rate Referral Renewal Response Review Route Score Segment Sequence Signal "
    "Source Stage Target Task Territory Touch Trial Velocity Volume Win Workflow"
)
TAILS = (
    "", "", "", "", "Rate", "Ratio", "Score", "Window", "Threshold", "Owner", "Policy",
    "Review", "Count", "Value", "Cost", "Time", "Share", "Index", "Level", "Gap",
)  # fmt: skip
VERBS = _words(
    "agree assess book confirm count decide escalate flag hand over log measure qualify "
    "record report review route score share track update validate"
)
NOUNS = _words(
    "account buyer campaign channel company contact deal demo email event form lead "
    "meeting note opportunity partner pipeline plan quote record region segment sequence "
    "signal stage team territory touch webinar"
)
ADJECTIVES = _words(
    "active agreed clear complete current documented early first named open qualified "
    "recent shared single tracked verified weekly written"
)
AVOIDED = _words("Hot Warm Cold Magic Golden Big Easy Quick Soft Hard")


def unique_name(rng: random.Random, taken: set[str]) -> str:
    """Return a new name such as ``Weighted Pipeline Coverage``, not already in ``taken``.

    ``taken`` holds normalised names (casefolded); the new one is added to it.
    """
    while True:
        words = [rng.choice(QUALIFIERS), rng.choice(SUBJECTS), rng.choice(TAILS)]
        if rng.random() < 0.3:
            words.insert(1, rng.choice(QUALIFIERS))
        name = " ".join(w for w in dict.fromkeys(words) if w)
        if name.casefold() not in taken and len(name.split()) > 1:
            taken.add(name.casefold())
            return name


def initials(name: str) -> str:
    """Return the upper-case initials of a name, e.g. ``WPC``."""
    return "".join(word[0] for word in name.split()).upper()


def slug(name: str) -> str:
    """Return a lowercase id made of the name's words."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def sentence(rng: random.Random, words: int = 12) -> str:
    """Return one plain sentence of about ``words`` words."""
    parts: list[str] = []
    while len(parts) < words:
        parts += [
            rng.choice(("the", "every", "each", "a")),
            rng.choice(ADJECTIVES),
            rng.choice(NOUNS),
            rng.choice(("is", "gets", "needs", "must")),
            rng.choice(VERBS) + ("ed" if rng.random() < 0.5 else ""),
            rng.choice(("by", "for", "within", "before", "after")),
            rng.choice(("the", "its", "one")),
            rng.choice(NOUNS),
        ]
    text = " ".join(parts[:words])
    return text[0].upper() + text[1:] + "."


def prose(rng: random.Random, sentences: int = 3) -> str:
    """Return a short paragraph, sometimes with emphasis, as contributors write it."""
    out = [sentence(rng, rng.randint(9, 18)) for _ in range(sentences)]
    if rng.random() < 0.3:
        word = rng.choice(NOUNS)
        out[0] = out[0].replace(f" {word} ", f" *{word}* ", 1)
    if rng.random() < 0.2:
        out[-1] = out[-1].replace(" must ", " **must** ", 1)
    return " ".join(out)


def item(rng: random.Random) -> str:
    """Return one short list item, e.g. a criterion or a responsibility."""
    verb = rng.choice(VERBS)
    return f"{verb[0].upper()}{verb[1:]}s the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def items(rng: random.Random, low: int, high: int) -> list[str]:
    """Return between ``low`` and ``high`` distinct list items."""
    wanted = rng.randint(low, high)
    found: dict[str, None] = {}
    while len(found) < wanted:
        found[item(rng)] = None
    return list(found)
