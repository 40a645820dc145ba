"""SPARQL results as bytes: the formats of the SPARQL 1.1 Protocol, and content negotiation.

SELECT/ASK: JSON (``application/sparql-results+json``), CSV (``text/csv``), TSV
(``text/tab-separated-values``), XML (``application/sparql-results+xml``).
CONSTRUCT/DESCRIBE: Turtle (``text/turtle``), N-Triples (``application/n-triples``), RDF/XML
(``application/rdf+xml``), JSON-LD (``application/ld+json``).
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: name -> media type, in the server's order of preference.
RESULT_FORMATS = {"json": "application/sparql-results+json", "csv": "text/csv",
                  "tsv": "text/tab-separated-values", "xml": "application/sparql-results+xml"}
GRAPH_FORMATS = {"turtle": "text/turtle", "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
                 "jsonld": "application/ld+json"}
#: Other media types clients send for the same formats.
ALIASES = {"application/json": "json", "text/json": "json", "application/sparql-results+json": "json",
           "text/csv": "csv", "text/tab-separated-values": "tsv", "application/xml": "xml", "text/xml": "xml",
           "application/sparql-results+xml": "xml", "text/turtle": "turtle", "application/x-turtle": "turtle",
           "application/n-triples": "ntriples", "text/plain": "ntriples", "application/rdf+xml": "rdfxml",
           "application/ld+json": "jsonld", "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples",
           "rdf": "rdfxml", "json-ld": "jsonld"}


class NotAcceptable(Exception):
    pass


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    out = []
    for part in (header or "").split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            k, _, v = b.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q))
    return out


def choose(kind: str, accept: str | None, fmt: str | None) -> str:
    """The format name for a result of ``kind`` (``results`` or ``graph``)."""
    table = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    if fmt:
        name = fmt.strip().lower()
        name = ALIASES.get(name, name)
        if name not in table:
            raise NotAcceptable(f"format {fmt!r} is not available for {_what(kind)}; use one of {', '.join(table)}")
        return name
    ranges = parse_accept(accept)
    if not ranges:
        return next(iter(table))
    best, best_q = None, 0.0
    for i, (name, mime) in enumerate(table.items()):
        q = _quality(mime, name, ranges)
        if q > best_q:
            best, best_q = name, q
    if best is None:
        raise NotAcceptable(f"none of the accepted types ({accept}) is available for {_what(kind)}; "
                            f"available: {', '.join(table.values())}")
    return best


def _what(kind: str) -> str:
    return "SELECT/ASK results" if kind == "results" else "CONSTRUCT/DESCRIBE results"


def _quality(mime: str, name: str, ranges: list[tuple[str, float]]) -> float:
    best, spec = 0.0, -1
    for r, q in ranges:
        s = -1
        if r == mime or ALIASES.get(r) == name:
            s = 3 if r == mime else 2
        elif r.endswith("/*") and mime.startswith(r[:-1]):
            s = 1
        elif r == "*/*":
            s = 0
        if s >= 0 and (s > spec or (s == spec and q > best)):
            best, spec = q, s
    return best


# -- SELECT / ASK ------------------------------------------------------------------------------
def _json_term(t) -> dict:
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    return {"type": "literal", "value": str(t)}


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (NamedNode, Literal)):
        return t.value
    return str(t)


def _xml_term(t) -> str:
    if isinstance(t, NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    if isinstance(t, Triple):
        return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
                f"<object>{_xml_term(t.object)}</object></triple>")
    return f"<literal>{escape(str(t))}</literal>"


def select_bytes(fmt: str, names: list[str], rows: list[list]) -> bytes:
    """``rows``: lists of terms (or None when unbound), in the order of ``names``."""
    if fmt == "json":
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        for row in rows:
            w.writerow([_csv_term(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(n)}/>" for n in names]
        out.append("</head>\n<results>")
        for row in rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                                            for n, t in zip(names, row) if t is not None) + "</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    raise ValueError(fmt)


def ask_bytes(fmt: str, value: bool) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n'
                f"<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n").encode()
    if fmt == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    return f"?_askResult\n{'true' if value else 'false'}\n".encode()


# -- CONSTRUCT / DESCRIBE ----------------------------------------------------------------------
_RDF_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML,
                "jsonld": RdfFormat.JSON_LD}


def graph_bytes(fmt: str, triples: list, prefixes: dict[str, str] | None = None) -> bytes:
    kw = {"prefixes": prefixes} if prefixes and fmt in ("turtle", "rdfxml") else {}
    return serialize(triples, format=_RDF_FORMATS[fmt], **kw)


def media_type(fmt: str) -> str:
    mime = RESULT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]
    if mime.startswith("text/") or mime.endswith(("json", "xml")) or fmt == "ntriples":
        return f"{mime}; charset=utf-8"
    return mime
