from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dangvu.demo"
    label = "demo"
