"""The SVG charts: marks from counts, well-formed escaped SVG, accessible names."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app.web import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_timeline_by_month_fills_gaps_and_links_only_non_empty_months() -> None:
    marks = charts.timeline(
        {(2024, 11): 2, (2025, 2): 5},
        month_href=lambda y, m: f"/events?year={y}&month={m}",
        year_href=lambda y: f"/events?year={y}",
    )
    assert [m.label for m in marks] == ["November 2024", "December 2024", "January 2025", "February 2025"]
    assert [m.value for m in marks] == [2, 0, 0, 5]
    assert [m.href for m in marks] == ["/events?year=2024&month=11", None, None, "/events?year=2025&month=2"]
    assert [m.tick for m in marks] == ["Nov", "Dec", "Jan", "Feb"]  # short spans name every month


def test_timeline_switches_to_years_for_long_spans_and_marks_current() -> None:
    marks = charts.timeline(
        {(2019, 3): 1, (2019, 9): 2, (2024, 1): 4}, year_href=lambda y: f"/y/{y}", current=(2019, None)
    )
    assert [(m.label, m.value) for m in marks] == [
        ("2019", 3),
        ("2020", 0),
        ("2021", 0),
        ("2022", 0),
        ("2023", 0),
        ("2024", 4),
    ]
    assert marks[0].current and not marks[-1].current
    assert marks[0].href == "/y/2019" and marks[1].href is None
    assert charts.timeline({}) == []


def test_timeline_chart_is_an_accessible_image_with_a_separate_link_layer() -> None:
    marks = charts.timeline({(2025, 1): 1, (2025, 3): 4}, month_href=lambda y, m: f"/e?year={y}&month={m}")
    c = charts.timeline_chart(marks, chart_id="t1", title="Events <by> month")
    svg = _parse(c.svg)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "t1-title t1-desc"
    assert svg.find(f"{SVG}title").text == "Events <by> month"  # escaped in the markup, intact when parsed
    assert "<by>" not in c.svg
    desc = svg.find(f"{SVG}desc").text
    assert "5 dated events from January 2025 to March 2025" in desc and "March 2025 (4)" in desc
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 3
    heights = [float(b.get("height")) for b in bars]
    assert heights[2] > heights[0] > 0 and heights[1] == 0
    assert not svg.findall(f"{SVG}a")  # no links inside role=img (axe: nested-interactive)
    links = _parse(c.links)
    assert links.get("aria-hidden") == "true"
    anchors = links.findall(f"{SVG}a")
    assert [a.get("href") for a in anchors] == ["/e?year=2025&month=1", "/e?year=2025&month=3"]
    assert all(a.get("tabindex") == "-1" for a in anchors)
    assert c.total == 5


def test_timeline_chart_without_links_has_no_link_layer() -> None:
    c = charts.timeline_chart(charts.timeline({(2025, 1): 1}), chart_id="t2", title="x")
    assert c.links == ""


def test_bar_chart_labels_values_and_escaping() -> None:
    long = "A very long name that will not fit in the label column"
    c = charts.bar_chart([("Ana <Ferreira>", 3), (long, 1)], chart_id="b1", title="Statements by speaker")
    svg = _parse(c.svg)
    assert svg.get("role") == "img"
    texts = [t.text for t in svg.findall(f"{SVG}text")]
    assert "Ana <Ferreira>" in texts and "3" in texts and "1" in texts
    assert any(t.endswith("…") for t in texts)
    assert long in svg.find(f"{SVG}desc").text  # the full label in the description
    widths = [float(r.get("width")) for r in svg.findall(f"{SVG}rect")]
    assert widths[0] > widths[1]
