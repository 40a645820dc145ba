"""Human-readable views for the terminal: an extraction as a tree, problems and batch summaries.

Built from ``Extraction.to_json_dict()`` (the stable, documented output format) rather than from
the pydantic models, so what people read is exactly what the JSON output says, and a saved JSON
line can be rendered the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from rich.tree import Tree

from .articles import InputError
from .batch import BatchStats, ExtractionFailure

__all__ = ["extraction_tree", "problem_text", "summary_text"]

_QUALIFIERS = {
    "acting": "acting",
    "standing": "standing",
    "concurrent": "concurrently",
    "elected": "elected",
    "appointed": "appointed",
}


def _index(items: list[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {item["id"]: item for item in items if "id" in item}


def _label(items: dict[str, Mapping[str, Any]], ref: str | None, key: str = "name") -> str:
    """The name behind an id, or the id itself when the extraction does not define it."""
    if ref is None:
        return "?"
    item = items.get(ref)
    return str(item.get(key, ref)) if item else ref


def _details(*parts: object) -> str:
    shown = [str(part) for part in parts if part]
    return f" ({', '.join(shown)})" if shown else ""


def extraction_tree(data: Mapping[str, Any]) -> Tree:
    """A tree of what one article says: people with their posts, organisations, documents,
    events with their dates and who attended them."""
    people = data.get("people", [])
    orgs = data.get("organizations", [])
    docs = data.get("documents", [])
    events = data.get("events", [])
    relations = data.get("relations", [])
    by_person, by_org, by_doc, by_event = _index(people), _index(orgs), _index(docs), _index(events)

    header = Text(str(data.get("article_id", "?")), style="bold")
    header.append(_details(data.get("date"), data.get("province")), style="dim")
    tree = Tree(header)
    if not any((people, orgs, docs, events, relations)):
        tree.add(Text("nothing found", style="dim italic"))
        return tree

    if people:
        branch = tree.add(Text(f"People ({len(people)})", style="bold cyan"))
        for person in people:
            node = branch.add(Text(str(person.get("name", person.get("id", "?"))), style="bold"))
            for rel in relations:
                if rel.get("person") != person.get("id"):
                    continue
                kind = rel.get("type")
                if kind in ("holds", "held"):
                    line = Text()
                    if kind == "held":
                        line.append("former ", style="yellow")
                    line.append(str(rel.get("role") or "?"))
                    if rel.get("organization"):
                        line.append(", " + _label(by_org, rel["organization"]))
                    qualifiers = [_QUALIFIERS.get(q, q) for q in rel.get("qualifiers", [])]
                    line.append(_details(*qualifiers), style="dim")
                    node.add(line)
                elif kind == "attended":
                    event = by_event.get(rel.get("event") or "", {})
                    line = Text("attended ", style="green")
                    line.append(_label(by_event, rel.get("event")))
                    line.append(_details(event.get("date")), style="dim")
                    node.add(line)

    if orgs:
        branch = tree.add(Text(f"Organisations ({len(orgs)})", style="bold cyan"))
        for org in orgs:
            line = Text(str(org.get("name", org.get("id", "?"))))
            line.append(
                _details(org.get("type"), org.get("jurisdiction"), org.get("term")), style="dim"
            )
            branch.add(line)

    if docs:
        branch = tree.add(Text(f"Documents ({len(docs)})", style="bold cyan"))
        for doc in docs:
            line = Text(str(doc.get("type") or "Document") + " ")
            line.append(str(doc.get("number", "?")), style="bold")
            if doc.get("date"):
                line.append(f" of {doc['date']}")
            if doc.get("issuer"):
                line.append(", issued by " + _label(by_org, doc["issuer"]))
            line.append(_details(doc.get("term")), style="dim")
            branch.add(line)

    if events:
        branch = tree.add(Text(f"Events ({len(events)})", style="bold cyan"))
        for event in events:
            line = Text(str(event.get("name", event.get("id", "?"))))
            line.append(_details(event.get("date") or "undated", event.get("kind")), style="dim")
            node = branch.add(line)
            attendees = [
                _label(by_person, rel.get("person"))
                for rel in relations
                if rel.get("type") == "attended" and rel.get("event") == event.get("id")
            ]
            if attendees:
                node.add(Text("attended by: ", style="green") + Text(", ".join(attendees)))
            cited = [
                _label(by_doc, rel.get("document"), key="number")
                for rel in relations
                if rel.get("type") == "cites" and rel.get("source") == event.get("id")
            ]
            if cited:
                node.add(Text("cites: ", style="magenta") + Text(", ".join(cited)))
    return tree


def problem_text(problem: InputError | ExtractionFailure) -> Text:
    """``path:line: article ID: message`` with the location in bold and the message in red;
    reads the same as plain text when stderr is not a terminal."""
    where = f"{problem.path}:{problem.line}" if problem.line is not None else problem.path
    text = Text(where + ": ", style="bold")
    if problem.article_id:
        text.append(f"article {problem.article_id}: ", style="cyan")
    if isinstance(problem, ExtractionFailure):
        text.append("extraction failed: ", style="bold red")
    text.append(problem.message, style="red")
    return text


def summary_text(stats: BatchStats, output: str | None = None) -> Text:
    """One line for the end of a batch: how many articles, how many problems, how fast."""
    text = Text()
    text.append(f"{stats.articles:,}", style="bold")
    text.append(" article read" if stats.articles == 1 else " articles read")
    if stats.input_errors:
        text.append(", ")
        noun = "input error" if stats.input_errors == 1 else "input errors"
        text.append(f"{stats.input_errors:,} {noun}", style="bold red")
    text.append("; ")
    text.append(f"{stats.extracted:,}", style="bold green")
    text.append(" extracted, ")
    text.append(f"{stats.failed:,} failed", style="bold red" if stats.failed else "")
    text.append(f"; {stats.seconds:.2f} s, {stats.rate:,.1f} articles/s")
    if output:
        text.append(f" → {output}", style="dim")
    return text
