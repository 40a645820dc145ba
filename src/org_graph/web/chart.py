"""The geometry of a timeline chart: one bar per tenure, positioned in percent of a date axis.

A bar runs from the start (an appointment or election date) or else the first attested date to
the last attested date; when the tenure's end is bounded (a *nguyên* or a later holder), a pale
extension runs on to that bound: the tenure ended at the latest then. Dates keep the precision
the store gives them (a year, a month or a day) and are always shown as text beside the bar.
"""
from __future__ import annotations

import datetime as dt


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    parts = str(text)[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def dates_text(t: dict) -> str:
    bits = []
    if t.get("start"):
        why = f" ({t['start_reason']})" if t.get("start_reason") else ""
        bits.append(f"from {t['start']}{why}")
    first, last = t.get("first_attested"), t.get("last_attested")
    if first and last and first != last:
        bits.append(f"attested {first} – {last}")
    elif first or last:
        bits.append(f"attested {first or last}")
    if t.get("end"):
        why = t.get("end_reason") or ""
        succ = t.get("successor")
        if succ:
            why += f" {succ['label'] if isinstance(succ, dict) and 'label' in succ else succ}"
        bits.append(f"ended by {t['end']}" + (f" ({why.strip()})" if why.strip() else ""))
    if t.get("possible_from"):
        bits.append(f"possible {t['possible_from']} – {t['possible_until']}")
    return "; ".join(bits) or "no date in the sources"


def chart(tenures: list[dict]) -> dict:
    """``{"ticks": [{"left", "label"}], "rows": [{"tenure", "bar": {left, width} | None,
    "ext": {left, width} | None, "text"}]}`` for the tenures, in their order."""
    spans = []
    for t in tenures:
        lo = _day(t.get("start")) or _day(t.get("first_attested"))
        hi = _day(t.get("last_attested")) or lo
        end = _day(t.get("end"))
        if lo is None and end is not None:
            lo = hi = end
        spans.append((lo, hi, end))
    days = [d for s in spans for d in s if d is not None]
    rows = []
    if not days:
        return {"ticks": [], "rows": [{"tenure": t, "bar": None, "ext": None, "text": dates_text(t)} for t in tenures]}
    lo_all, hi_all = min(days), max(days)
    pad = max(dt.timedelta(days=60), (hi_all - lo_all) * 0.05)
    a, b = lo_all - pad, hi_all + pad
    total = (b - a).days or 1

    def pos(d: dt.date) -> float:
        return round(100.0 * (d - a).days / total, 3)

    for t, (lo, hi, end) in zip(tenures, spans):
        bar = ext = None
        if lo is not None:
            left = pos(lo)
            bar = {"left": left, "width": max(0.8, round(pos(hi) - left, 3))}
            if end is not None and end > hi:
                ext = {"left": pos(hi), "width": max(0.4, round(pos(end) - pos(hi), 3))}
        rows.append({"tenure": t, "bar": bar, "ext": ext, "text": dates_text(t)})
    years = list(range(a.year + 1, b.year + 1))
    step = max(1, len(years) // 10 + (1 if len(years) % 10 else 0)) if len(years) > 10 else 1
    ticks = [{"left": pos(dt.date(y, 1, 1)), "label": str(y)} for y in years[::step]]
    if not ticks:  # a short span inside one year: mark the months
        m = dt.date(a.year, a.month, 1)
        while m <= b:
            if m >= a:
                ticks.append({"left": pos(m), "label": m.strftime("%Y-%m")})
            m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
        ticks = ticks[::max(1, len(ticks) // 6)]
    return {"ticks": ticks, "rows": rows}
