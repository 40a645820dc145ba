"""Realistic portal pages around real article texts from ``../shared/corpus/articles.jsonl``.

Three layouts, after the shipped loaders: a provincial portal (read by main-text extraction), the
Government portal and a national daily (read by selectors). Each page has what real pages have
around an article: navigation, breadcrumbs, share bars, images with captions, related links,
readers' comments, a footer. The first paragraph of the text is the lead (sapo).
"""
from __future__ import annotations

import datetime as dt
import html
from email.utils import format_datetime

NAV = "".join(f'<li><a href="/chuyen-muc/{i}">{name}</a></li>' for i, name in enumerate(
    ["Trang chủ", "Tin tức - Sự kiện", "Chính trị", "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh",
     "Thông báo", "Văn bản chỉ đạo điều hành", "Liên hệ"]))
RELATED = [("Tỉnh ủy tổ chức Hội nghị lần thứ 8 Ban Chấp hành Đảng bộ tỉnh", "/tin-lien-quan/1"),
           ("Kỳ họp thứ ba Hội đồng nhân dân tỉnh khóa X", "/tin-lien-quan/2"),
           ("Công bố quyết định về công tác cán bộ", "/tin-lien-quan/3")]
COMMENTS = ["Bài viết rất hay, cảm ơn tòa soạn.", "Mong tỉnh tiếp tục quan tâm đến vùng sâu vùng xa."]


def _paras(paragraphs: list[str]) -> str:
    out = []
    for p in paragraphs:
        if p.startswith("Ảnh:"):
            out.append(f'<figure class="image"><img src="/img/{abs(hash(p)) % 997}.jpg" alt="">'
                       f"<figcaption>{html.escape(p)}</figcaption></figure>")
        else:
            # Inline markup inside paragraphs, as editors leave it.
            words = html.escape(p).split(" ", 2)
            out.append(f"<p><strong>{words[0]}</strong> {' '.join(words[1:])}</p>" if len(words) > 2 else
                       f"<p>{html.escape(p)}</p>")
    return "\n".join(out)


def _related(cls: str) -> str:
    links = "".join(f'<li><a href="{u}">{html.escape(t)}</a></li>' for t, u in RELATED)
    return f'<div class="{cls}"><h3>Tin liên quan</h3><ul>{links}</ul></div>'


def _comments() -> str:
    items = "".join(f'<div class="comment"><b>Bạn đọc</b><p>{html.escape(c)}</p></div>' for c in COMMENTS)
    return f'<div id="comments" class="comments"><h3>Ý kiến bạn đọc (2)</h3>{items}</div>'


def _head(title: str, charset: str, canonical: str | None, extra: str = "") -> str:
    canon = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>{html.escape(title)} - Cổng TTĐT'
            f"</title>{canon}{extra}<style>.x{{}}</style><script>var ads = 1;</script></head>")


def provincial_portal(title: str, day: dt.date, text: str, *, charset: str = "utf-8",
                      canonical: str | None = None, font: str | None = None) -> str:
    paragraphs = text.split("\n\n")
    style = f' style="font-family:{font}"' if font else ""
    return (_head(title, charset, canonical) + f"<body{style}>"
            f'<header><div class="logo">Cổng thông tin điện tử tỉnh</div><nav><ul>{NAV}</ul></nav></header>'
            '<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/tin-tuc-su-kien">Tin tức - Sự kiện</a></div>'
            '<div class="main"><article class="post">'
            f'<h1 class="post-title">{html.escape(title)}</h1>'
            f'<div class="post-date">Ngày đăng: {day:%d/%m/%Y} | 14:30</div>'
            '<div class="share"><a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài</a></div>'
            f'<div class="post-content">{_paras(paragraphs)}</div>'
            '<div class="author">Ban Biên tập</div></article>'
            f'{_related("related-news")}{_comments()}</div>'
            '<aside class="sidebar"><h3>Văn bản mới</h3><ul><li><a href="/vb/1">Quyết định số 12/QĐ-UBND</a></li>'
            '</ul></aside><footer>Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Địa chỉ: số 2 Hùng Vương.</footer>'
            "</body></html>")


def government_portal(title: str, day: dt.date, text: str, *, charset: str = "utf-8",
                      canonical: str | None = None) -> str:
    lead, *body = text.split("\n\n")
    return (_head(title, charset, canonical) + "<body>"
            f'<div class="header"><nav class="menu"><ul>{NAV}</ul></nav></div>'
            '<div class="detail"><div class="detail-cate"><a href="/thoi-su.htm">Thời sự</a></div>'
            f'<h1 class="detail-title">{html.escape(title)}</h1>'
            f'<div class="detail-time">{day:%d/%m/%Y} 09:15</div>'
            f'<h2 class="detail-sapo">{html.escape(lead)}</h2>'
            f'<div class="detail-content afcbc-body">{_paras(body[: len(body) // 2])}'
            f'<div class="link-content">{_related("relate")}</div>{_paras(body[len(body) // 2:])}</div>'
            f'<div class="detail-author">Thu Giang</div>{_related("detail-related")}</div>'
            f"{_comments()}<footer>Báo điện tử Chính phủ</footer></body></html>")


def national_daily(title: str, day: dt.date, text: str, *, charset: str = "utf-8",
                   canonical: str | None = None) -> str:
    lead, *body = text.split("\n\n")
    return (_head(title, charset, canonical, f'<meta property="og:title" content="{html.escape(title)}">') + "<body>"
            f'<header class="site-header"><nav><ul>{NAV}</ul></nav></header><main><article class="singular-container">'
            f'<h1 class="title-page detail">{html.escape(title)}</h1>'
            f'<div class="author-meta"><time class="author-time" datetime="{day:%Y-%m-%d} 13:57">'
            f"Thứ sáu, {day:%d/%m/%Y} - 13:57</time></div>"
            f'<h2 class="singular-sapo">(Dân trí) - {html.escape(lead)}</h2>'
            f'<div class="singular-content">{_paras(body)}'
            f'<div class="article-related">{_related("x")}</div>'
            '<div class="author-wrap"><div class="author-name"><b>Hoàng Hải</b></div></div></div>'
            f"</article>{_comments()}</main><footer>Dân trí</footer></body></html>")


def rss(title: str, items: list[tuple[str, str, dt.date]]) -> bytes:
    """An RSS 2.0 feed of (title, link, day)."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{format_datetime(dt.datetime.combine(d, dt.time(9, 0), dt.timezone.utc))}</pubDate>"
        f"<guid>{html.escape(link)}</guid></item>" for t, link, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{html.escape(title)}'
            f"</title><link>http://example.invalid/</link><description>Tin mới</description>{entries}"
            "</channel></rss>").encode("utf-8")


def listing(links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{u}">{html.escape(t)}</a></li>' for t, u in links)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin tức</title></head><body>'
            f'<nav><ul>{NAV}</ul></nav><ul class="news-list">{items}</ul>'
            '<div class="paging"><a href="?page=2">2</a></div></body></html>')
