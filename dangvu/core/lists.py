"""The one list machinery: search, filters, sort, pagination and .xlsx export of the current view, configured
per model in a few lines (NetBox's ObjectListView + FilterSet + Table, in one small module).

    class OrganizationList(ObjectList):
        title = _("Tổ chức đảng")
        filter_form = OrganizationFilterForm
        default_sort = "name"
        columns = [
            Column("code", _("Mã"), "code", sort=("code",)),
            Column("name", _("Tên"), "name", sort=("sort_key",), link=lambda o: o.get_absolute_url()),
        ]

        def queryset(self):                  # the one entry point: scoping happens here
            return visible_organizations(self.request.user)

        def search(self, qs, text):
            return qs.filter(search_key__contains=fold(text))

    path("organizations/", OrganizationList.as_view(), name="organization-list")

The page keeps its state in the query string (`q`, the filter form's fields, `sort`, `page`, `per_page`),
so a view can be bookmarked, shared and printed; `?export=xlsx` downloads every row of the same view (all
pages). With htmx, the filter form and the sort and page links swap only `#list-results`.

A configuration never computes per-row figures with one query per row: values come from the queryset
(annotations, select_related) or from `prepare()`, which sees a whole page (or export batch) at once.
"""

import abc
import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .dates import format_vn_date
from .exports import DATE, INT, PERCENT, TEXT, ExportColumn, xlsx_response
from .models import AuditKind
from .numbers import format_int, format_percent

RESULTS_ID = "list-results"
EXPORT_BATCH = 1000


def _default_display(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.date):
        return format_vn_date(value)
    if isinstance(value, int):
        return format_int(value)
    if isinstance(value, Decimal):
        return format_percent(value)
    return str(value)


def _export_kind(value) -> str:
    if isinstance(value, datetime.date):
        return DATE
    if isinstance(value, bool):
        return TEXT
    if isinstance(value, int):
        return INT
    if isinstance(value, Decimal):
        return PERCENT
    return TEXT


@dataclass
class Column:
    """One column of the page and of the export.

    `value`: an attribute path ("organization.code") or a function of the row object; the Python value it
    gives (date, int, str, Decimal percent) is shown in Vietnamese style and exported as a real date or
    number. `sort`: the order_by fields that sort by this column (None: not sortable). `display` turns the
    value into the text shown; `link` gives the cell's URL; `export_value` replaces the value in the export
    (e.g. a masked personal number); `kind`: the export cell type when it cannot be read from the values.
    """

    name: str
    label: str
    value: str | Callable[[Any], Any]
    sort: tuple[str, ...] | None = None
    display: Callable[[Any], str] | None = None
    link: Callable[[Any], str | None] | None = None
    export_value: Callable[[Any], Any] | None = None
    kind: str | None = None
    numeric: bool = False
    css: str = ""  # extra class of the cells, e.g. "nowrap"
    on_page: bool = True
    in_export: bool = True

    def raw(self, obj):
        if callable(self.value):
            return self.value(obj)
        current = obj
        for part in self.value.split("."):
            if current is None:
                return None
            current = getattr(current, part)
            if callable(current) and not isinstance(current, type):
                current = current()
        return current

    def text(self, obj) -> str:
        value = self.raw(obj)
        return self.display(value) if self.display else _default_display(value)

    def html(self, obj):
        text = self.text(obj)
        url = self.link(obj) if self.link else None
        return format_html('<a href="{}">{}</a>', url, text) if url and text else text

    @property
    def classes(self) -> str:
        return " ".join(filter(None, ["num" if self.numeric else "", self.css]))

    def exported(self, obj):
        return self.export_value(obj) if self.export_value else self.raw(obj)


@dataclass
class Header:
    column: Column
    url: str | None
    direction: str  # "ascending", "descending" or "" (aria-sort)


class ObjectList(abc.ABC):
    """Subclass per model: set the attributes, implement `queryset()` and, as needed, `search()`,
    `filter()` and `prepare()`. `as_view()` gives the login-protected view."""

    title = gettext_lazy("Danh sách")
    columns: list[Column] = []
    filter_form = None  # a django.forms.Form class; its cleaned data go to filter()
    search_label = gettext_lazy("Tìm kiếm")
    search_help = ""
    default_sort = ""  # a column name, "-name" for descending
    paginate_by = 50
    page_sizes = (25, 50, 100, 200)
    export_filename = "danh-sach"
    export_title = ""
    template_name = "lists/page.html"
    results_template = "lists/results.html"
    empty_text = gettext_lazy("Không có dòng nào khớp với điều kiện lọc.")
    # The permission the page needs (accounts.permissions); without it the answer is 403, or 404 when
    # `hidden_without_perm` (pages whose very existence is not for everybody, e.g. discipline records).
    view_perm: str = ""
    hidden_without_perm = False

    def __init__(self, request):
        self.request = request
        self.params = request.GET

    # -- configuration hooks ------------------------------------------------------------------------------

    @abc.abstractmethod
    def queryset(self) -> QuerySet:
        """The objects the user may see: the one entry point of the list (scoping belongs here)."""

    def search(self, queryset: QuerySet, text: str) -> QuerySet:
        return queryset

    def filter(self, queryset: QuerySet, data: dict) -> QuerySet:
        return queryset

    def annotate(self, queryset: QuerySet) -> QuerySet:
        """Per-row values the columns need, as annotations (applied before sorting)."""
        return queryset

    def prepare(self, objects: list) -> None:  # noqa: B027 (a hook most lists leave as it is)
        """Attach to a page (or export batch) of objects what the columns need, without a query per row."""

    def form_kwargs(self) -> dict:
        return {}

    def can_export(self) -> bool:
        return True

    def extra_context(self) -> dict:
        return {}

    # -- the machinery ------------------------------------------------------------------------------------

    @cached_property
    def form(self):
        """The filter form, always bound: a field missing from the query string takes its initial value."""
        if self.filter_form is None:
            return None
        data = self.params.copy()
        for name, field in self.filter_form.base_fields.items():
            if name in data or field.initial is None:
                continue
            initial = field.initial() if callable(field.initial) else field.initial
            data[name] = field.widget.format_value(field.prepare_value(initial)) or ""
        return self.filter_form(data, **self.form_kwargs())

    @cached_property
    def filters(self) -> dict:
        """The valid filter values; an invalid field shows its error and is left out."""
        if self.form is None:
            return {}
        self.form.is_valid()
        return dict(self.form.cleaned_data)

    @cached_property
    def query(self) -> str:
        return (self.params.get("q") or "").strip()

    @cached_property
    def sort(self) -> tuple[Column | None, bool]:
        wanted = self.params.get("sort") or self.default_sort
        descending = wanted.startswith("-")
        name = wanted.lstrip("-")
        for column in self.columns:
            if column.name == name and column.sort:
                return column, descending
        default = self.default_sort.lstrip("-")
        for column in self.columns:
            if column.name == default and column.sort:
                return column, self.default_sort.startswith("-")
        return None, False

    def objects(self) -> QuerySet:
        """The current view: scope, search, filters, sort (every page of it)."""
        queryset = self.queryset()
        if self.query:
            queryset = self.search(queryset, self.query)
        queryset = self.filter(queryset, self.filters)
        queryset = self.annotate(queryset)
        column, descending = self.sort
        order = []
        if column is not None:
            for field in column.sort:
                expression = F(field.lstrip("-"))
                reverse = field.startswith("-") != descending
                order.append(expression.desc(nulls_last=True) if reverse else expression.asc(nulls_last=True))
        order.append(F("pk").desc() if descending else F("pk").asc())
        return queryset.order_by(*order)

    @cached_property
    def per_page(self) -> int:
        try:
            value = int(self.params.get("per_page", self.paginate_by))
        except ValueError:
            return self.paginate_by
        return value if value in self.page_sizes else self.paginate_by

    @cached_property
    def page(self):
        paginator = Paginator(self.objects(), self.per_page)
        page = paginator.get_page(self.params.get("page"))
        page.object_list = list(page.object_list)
        self.prepare(page.object_list)
        return page

    def url_with(self, **changes) -> str:
        """The current query string with some parameters changed (None removes one)."""
        params = {key: values for key, values in self.params.lists() if key not in ("export",)}
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = [str(value)]
        pairs = [(key, v) for key, values in params.items() for v in values if v != ""]
        return "?" + urlencode(pairs) if pairs else "?"

    def headers(self) -> list[Header]:
        current, descending = self.sort
        out = []
        for column in self.columns:
            if not column.on_page:
                continue
            if not column.sort:
                out.append(Header(column, None, ""))
                continue
            is_current = column is current
            next_sort = f"-{column.name}" if is_current and not descending else column.name
            direction = ("descending" if descending else "ascending") if is_current else ""
            out.append(Header(column, self.url_with(sort=next_sort, page=None), direction))
        return out

    def rows(self):
        columns = [c for c in self.columns if c.on_page]
        for obj in self.page.object_list:
            yield obj, [(column, column.html(obj)) for column in columns]

    def page_links(self) -> list[tuple[int | None, str | None]]:
        """(number, url) for the pager: first, last and the pages around the current one; None for a gap."""
        page = self.page
        total = page.paginator.num_pages
        wanted = {1, total, *range(page.number - 2, page.number + 3)}
        numbers = sorted(n for n in wanted if 1 <= n <= total)
        links: list[tuple[int | None, str | None]] = []
        previous = 0
        for number in numbers:
            if number - previous > 1:
                links.append((None, None))
            links.append((number, self.url_with(page=number)))
            previous = number
        return links

    @property
    def previous_url(self) -> str:
        return self.url_with(page=self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url_with(page=self.page.next_page_number()) if self.page.has_next() else ""

    def page_size_links(self) -> list[tuple[int, str, bool]]:
        return [
            (size, self.url_with(per_page=size, page=None), size == self.per_page) for size in self.page_sizes
        ]

    def context(self) -> dict:
        return {
            "list": self,
            "title": self.title,
            "form": self.form,
            "page_obj": self.page,
            "results_id": RESULTS_ID,
            "export_url": self.url_with(export="xlsx", page=None) if self.can_export() else None,
            **self.extra_context(),
        }

    # -- export -------------------------------------------------------------------------------------------

    def export_rows(self):
        columns = [c for c in self.columns if c.in_export]
        # One query streamed in batches (a server-side cursor on PostgreSQL); prepare() sees each batch.
        for batch in itertools.batched(self.objects().iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
            batch = list(batch)
            self.prepare(batch)
            for obj in batch:
                yield [column.exported(obj) for column in columns]

    def export(self):
        if not self.can_export():
            raise PermissionDenied
        columns = [c for c in self.columns if c.in_export]
        rows = self.export_rows()
        first = list(itertools.islice(rows, 200))
        export_columns = []
        for index, column in enumerate(columns):
            kind = column.kind
            if kind is None:
                kinds = {_export_kind(row[index]) for row in first if row[index] not in (None, "")}
                kind = kinds.pop() if len(kinds) == 1 else TEXT
            export_columns.append(ExportColumn(str(column.label), kind))
        written = 0

        def all_rows():
            nonlocal written
            for row in itertools.chain(first, rows):
                written += 1
                yield row

        title = str(self.export_title or self.title)
        response = xlsx_response(self.export_filename, title, export_columns, all_rows())
        # What was exported: the view's parameters (search, filters, sort), the row count and the columns.
        parameters = {key: values if len(values) > 1 else values[0] for key, values in self.params.lists()}
        parameters.pop("export", None)
        audit.record(
            AuditKind.EXPORT,
            object_type=self.queryset().model._meta.label,
            object_repr=_("%(title)s: %(n)s dòng") % {"title": title, "n": written},
            after={
                "title": title,
                "query": self.params.urlencode(),
                "parameters": parameters,
                "rows": written,
                "columns": [column.header for column in export_columns],
            },
            acting_user=self.request.user,
        )
        return response

    # -- the response -------------------------------------------------------------------------------------

    def is_partial(self) -> bool:
        headers = self.request.headers
        return (
            headers.get("HX-Request") == "true"
            and headers.get("HX-Target") == RESULTS_ID
            and headers.get("HX-History-Restore-Request") != "true"
        )

    def response(self):
        if self.params.get("export") == "xlsx":
            return self.export()
        template = self.results_template if self.is_partial() else self.template_name
        response = render(self.request, template, self.context())
        response["Vary"] = "HX-Request, HX-Target"
        return response

    def check_permission(self):
        from dangvu.accounts.scoping import has_perm

        if self.view_perm and not has_perm(self.request.user, self.view_perm):
            if self.hidden_without_perm:
                raise Http404
            raise PermissionDenied

    @classmethod
    def as_view(cls):
        @login_required
        def view(request, *args, **kwargs):
            instance = cls(request)
            instance.check_permission()
            instance.args = args
            instance.kwargs = kwargs
            return instance.response()

        view.__name__ = cls.__name__
        view.__doc__ = cls.__doc__
        return view
