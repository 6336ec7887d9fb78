"""Serializer fields shared by the API's serializers."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from dangvu.organizations.models import Organization


class OrganizationCodeField(serializers.SlugRelatedField):
    """An organization named by its code, as everywhere in the API and on the command line.

    With `perm`, a writable field only finds the organizations in the requesting user's scope for that
    permission (accounts.scoping): one outside it is "not found", like one that does not exist."""

    default_error_messages = {
        "does_not_exist": _("Không có tổ chức mã “{value}”."),
        "invalid": _("Mã tổ chức không hợp lệ."),
    }

    def __init__(self, *, perm: str = "", **kwargs):
        self.perm = perm
        kwargs.setdefault("slug_field", "code")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Organization.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if self.perm and request is not None:
            queryset = queryset.visible_to(request.user, self.perm)
        return queryset
