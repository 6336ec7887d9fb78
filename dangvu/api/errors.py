"""Refusals of the services as API errors: a 400 whose JSON names the field when the service names it.

The services (`organizations.services`, `members.services`) raise Django's ValidationError with the
Vietnamese message that says what to fix; the API passes those messages on unchanged.
"""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


def as_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """{field: [messages]} for a service's refusal; messages without a field go under non_field_errors."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name): messages
            for name, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


@contextmanager
def service_errors():
    """Run a service call; its ValidationError becomes a 400 with the same messages."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(as_detail(exc)) from exc
