"""Reading what a page shows, the way a user sees it."""

import html
import re

TREE_ROW = re.compile(r'<span class="t-code">([^<]+)</span>.*?<span class="figure-members">([^<]*)</span>')
MEMBER_LINK = re.compile(r'<td><a href="/members/(\d+)/">([^<]+)</a></td>')


def text(response) -> str:
    return response.content.decode()


def tree_counts(response) -> dict[str, str]:
    """{organization code: member count as printed} of the tree on the home page."""
    return {code: count for code, count in TREE_ROW.findall(text(response))}


def listed_names(response) -> list[str]:
    """The member names of a list page, in the order shown."""
    return [html.unescape(name) for _pk, name in MEMBER_LINK.findall(text(response))]
