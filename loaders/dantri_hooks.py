"""Dân trí opens every sapo with the paper's name, "(Dân trí) - ", which is not article text
(the paper's own archive exports drop it too)."""
import dataclasses
import re

_DATELINE = re.compile(r"^\(Dân trí\)\s*[-–—]\s*")


def page(page, html):
    return dataclasses.replace(page, text=_DATELINE.sub("", page.text, count=1))
