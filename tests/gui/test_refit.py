"""After switching language or theme the route is fitted again if it was fitted before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mailpath.gui.graph.view import RouteView


def fitted_zoom(view: RouteView) -> float:
    """The zoom fit_all would choose now (margins as in RouteView.fit_all)."""
    rect = view.route_scene.sceneRect()
    port = view.viewport().rect()
    return max(
        view.MIN_ZOOM,
        min(
            (port.width() - 8) / rect.width(),
            (port.height() - 8) / rect.height(),
            view.MAX_FIT_ZOOM,
        ),
    )


def whole_route_shown(view: RouteView) -> bool:
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return shown.adjusted(-1, -1, 1, 1).contains(view.route_scene.itemsBoundingRect())


def settled(qtbot: Any, view: Any) -> None:
    """Wait until every posted event is delivered and, after that, no fit is pending in
    `view`: nothing queued can still move the route."""
    from PySide6.QtCore import QCoreApplication

    def idle() -> bool:
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        return not view._fit_timer.isActive()

    qtbot.waitUntil(idle, timeout=5000)


def open_seed(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.analysisFinished, timeout=15000):
        window.files.open_seed_example()
    settled(qtbot, window.view)


@pytest.mark.parametrize("switch", ["language", "theme"])
def test_a_fitted_route_is_fitted_again_after_a_switch(
    qtbot: Any, window: Any, switch: str
) -> None:
    open_seed(qtbot, window)
    view = window.view
    window.menus.act_fit.trigger()
    settled(qtbot, view)
    assert view.zoom() == pytest.approx(fitted_zoom(view), rel=0.01)
    if switch == "language":
        window.set_language("ja")
    else:
        window.apply_theme("dark" if window.theme_name != "dark" else "light", save=True)
    qtbot.waitUntil(lambda: view.zoom() == pytest.approx(fitted_zoom(view), rel=0.01))
    settled(qtbot, view)  # and stays so: no later fit or layout moves it
    assert view.zoom() == pytest.approx(fitted_zoom(view), rel=0.01)
    assert whole_route_shown(view)


@pytest.mark.parametrize("switch", ["language", "theme"])
def test_the_persons_zoom_is_kept_across_a_switch(qtbot: Any, window: Any, switch: str) -> None:
    open_seed(qtbot, window)
    view = window.view
    view.zoom_in()
    view.zoom_in()
    zoom = view.zoom()
    if switch == "language":
        window.set_language("ja")
    else:
        window.apply_theme("dark" if window.theme_name != "dark" else "light", save=True)
    # The switch schedules no fit (the refit would come from the view's fit timer), and
    # once every posted event is delivered the zoom is still the person's.
    assert not view._fit_timer.isActive()
    settled(qtbot, view)
    assert view.zoom() == pytest.approx(zoom)
    assert not view.auto_fit


@pytest.mark.parametrize("switch", ["language", "theme"])
def test_a_click_on_the_background_leaves_the_route_fitted(
    qtbot: Any, window: Any, switch: str
) -> None:
    from PySide6.QtCore import QPoint, Qt

    open_seed(qtbot, window)
    view = window.view
    window.menus.act_fit.trigger()
    settled(qtbot, view)
    # A click on empty background (to deselect) turns auto_fit off but moves nothing.
    corner = QPoint(2, 2)
    assert view.itemAt(corner) is None
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    assert not view.auto_fit
    assert view.is_fitted()
    if switch == "language":
        window.set_language("ja")
    else:
        window.apply_theme("dark" if window.theme_name != "dark" else "light", save=True)
    qtbot.waitUntil(lambda: view.zoom() == pytest.approx(fitted_zoom(view), rel=0.01))
    assert whole_route_shown(view)


def test_the_resolver_field_names_doh_and_dot_as_examples(window: Any) -> None:
    for language in ("en", "ja"):
        window.set_language(language)
        line = window.inputs.resolver_combo.lineEdit()
        for text in (window.inputs.resolver_combo.toolTip(), line.placeholderText()):
            assert "https://dns.example/dns-query" in text, (language, text)
            assert "tls://192.0.2.53#dns.example" in text, (language, text)
        assert window.inputs.resolver_combo.currentText() != line.placeholderText()
