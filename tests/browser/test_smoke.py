"""The browser fixtures work, and the vendored scripts load from the live server without internet."""


def test_browser_launches(page):
    page.goto("data:text/html,<title>dangvu</title><p>xin chào</p>")

    assert page.title() == "dangvu"
    assert page.evaluate("navigator.language") == "vi-VN"


def test_vendored_scripts_load_from_live_server(live_server, page):
    static = f"{live_server.url}/static/vendor"
    page.set_content(
        f'<script src="{static}/htmx.min.js"></script><script src="{static}/chart.umd.min.js"></script>'
    )

    assert page.evaluate("htmx.version").startswith("2.")
    assert page.evaluate("Chart.version").startswith("4.")
