import datetime as dt

from org_graph import Article, extract


def run(text: str, published: str | None = "2021-04-27", title: str | None = None, source=None):
    art = Article(id="t", text=text, title=title, source=source,
                  published=dt.date.fromisoformat(published) if published else None)
    return extract(art).to_json_dict()


def names(ex) -> list[str]:
    return [p["name"] for p in ex["people"]]


def orgs(ex) -> list[str]:
    return [o["name"] for o in ex["organizations"]]


def holds(ex, kind: str = "holds") -> set[tuple[str, str, str]]:
    p = {x["id"]: x["name"] for x in ex["people"]}
    o = {x["id"]: x["name"] for x in ex["organizations"]}
    return {(p[r["person"]], r["role"], o[r["organization"]]) for r in ex["relations"] if r["type"] == kind}


def attended(ex) -> set[str]:
    p = {x["id"]: x["name"] for x in ex["people"]}
    return {p[r["person"]] for r in ex["relations"] if r["type"] == "attended"}
