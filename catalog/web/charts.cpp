#include "catalog/web/charts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ernte::catalog::web {

namespace {

std::string number(double value) { return fmt::format("{:.1f}", value); }

void chart_table(HtmlWriter& w, ChartTable table, const std::vector<std::pair<std::string, std::string>>& rows) {
    w.open("table", {{"class", "chart-table"}});
    w.open("thead").open("tr");
    w.element("th", table.label_heading, {{"scope", "col"}});
    w.element("th", table.value_heading, {{"scope", "col"}});
    w.close("tr").close("thead").open("tbody");
    for (const auto& [label, value] : rows) {
        w.open("tr").element("th", label, {{"scope", "row"}}).element("td", value, {{"class", "num"}}).close("tr");
    }
    w.close("tbody").close("table");
}

}  // namespace

void bar_chart(HtmlWriter& w, std::string_view id, std::string_view caption, const std::vector<Bar>& bars,
               ChartTable table) {
    constexpr double label_width = 190;
    constexpr double bar_width = 300;
    constexpr double row = 28;
    const std::string caption_id = fmt::format("{}-caption", id);
    const double height = row * static_cast<double>(bars.size()) + 8;
    w.open("figure", {{"class", "chart"}, {"id", id}});
    w.element("figcaption", caption, {{"id", caption_id}});
    w.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"role", "img"},
                   {"aria-labelledby", caption_id},
                   {"viewBox", fmt::format("0 0 {} {}", label_width + bar_width + 70, height)},
                   {"class", "bars"}});
    std::vector<std::pair<std::string, std::string>> rows;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        const double y = 4 + row * static_cast<double>(i);
        const double share = bar.max > 0 ? std::clamp(bar.value / bar.max, 0.0, 1.0) : 0.0;
        w.element("text", bar.label, {{"x", number(label_width - 8)}, {"y", number(y + 18)}, {"class", "label"}});
        w.empty("rect", {{"x", number(label_width)}, {"y", number(y + 4)}, {"width", number(bar_width)},
                         {"height", "18"}, {"class", "track"}});
        w.close("rect");
        w.empty("rect", {{"x", number(label_width)}, {"y", number(y + 4)}, {"width", number(bar_width * share)},
                         {"height", "18"}, {"class", bar.css_class.empty() ? std::string_view("bar") : bar.css_class}});
        w.close("rect");
        w.element("text", bar.value_text,
                  {{"x", number(label_width + bar_width + 6)}, {"y", number(y + 18)}, {"class", "value"}});
        rows.emplace_back(bar.label, bar.value_text);
    }
    w.close("svg");
    chart_table(w, table, rows);
    w.close("figure");
}

void line_chart(HtmlWriter& w, std::string_view id, std::string_view caption, const std::vector<LinePoint>& points,
                double max, ChartTable table, std::string_view empty_text) {
    constexpr double width = 560;
    constexpr double height = 200;
    constexpr double left = 44;
    constexpr double top = 10;
    constexpr double plot_w = width - left - 16;
    constexpr double plot_h = height - top - 30;
    const std::string caption_id = fmt::format("{}-caption", id);
    w.open("figure", {{"class", "chart"}, {"id", id}});
    w.element("figcaption", caption, {{"id", caption_id}});
    if (points.empty()) {
        w.element("p", empty_text, {{"class", "empty"}});
        w.close("figure");
        return;
    }
    w.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"role", "img"},
                   {"aria-labelledby", caption_id},
                   {"viewBox", fmt::format("0 0 {} {}", width, height)},
                   {"class", "line"}});
    const auto y_of = [&](double v) { return top + plot_h - plot_h * (max > 0 ? std::clamp(v / max, 0.0, 1.0) : 0.0); };
    for (const double tick : {0.0, max / 2, max}) {
        w.empty("line", {{"x1", number(left)}, {"x2", number(left + plot_w)}, {"y1", number(y_of(tick))},
                         {"y2", number(y_of(tick))}, {"class", "grid"}});
        w.close("line");
        w.element("text", fmt::format("{:.0f}", tick),
                  {{"x", number(left - 6)}, {"y", number(y_of(tick) + 4)}, {"class", "label"}});
    }
    const double step = points.size() > 1 ? plot_w / static_cast<double>(points.size() - 1) : 0;
    std::string path;
    std::vector<std::pair<std::string, std::string>> rows;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = left + (points.size() > 1 ? step * static_cast<double>(i) : plot_w / 2);
        path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "" : " ", x, y_of(points[i].value));
        rows.emplace_back(points[i].label, points[i].value_text);
    }
    w.empty("polyline", {{"points", path}, {"class", "trend"}});
    w.close("polyline");
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double x = left + (points.size() > 1 ? step * static_cast<double>(i) : plot_w / 2);
        w.empty("circle", {{"cx", number(x)}, {"cy", number(y_of(points[i].value))}, {"r", "3.5"}, {"class", "point"}});
        w.close("circle");
    }
    w.element("text", points.front().label, {{"x", number(left)}, {"y", number(height - 8)}, {"class", "axis"}});
    if (points.size() > 1)
        w.element("text", points.back().label,
                  {{"x", number(left + plot_w)}, {"y", number(height - 8)}, {"class", "axis end"}});
    w.close("svg");
    chart_table(w, table, rows);
    w.close("figure");
}

}  // namespace ernte::catalog::web
