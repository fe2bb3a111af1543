#pragma once
/// Charts of the dashboard as SVG drawn by the server, each with a table that
/// says the same in text (the alternative for screen readers and print).

#include "catalog/web/html.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::web {

/// One bar: its label, its value out of `max`, the value as shown, and a CSS
/// class naming its colour ("rating-good").
struct Bar {
    std::string label;
    double value = 0.0;
    double max = 0.0;
    std::string value_text;
    std::string css_class;
};

/// One point of a line over runs.
struct LinePoint {
    std::string label;  ///< the x value as shown (a date, a run)
    double value = 0.0;
    std::string value_text;
};

/// The column headings of a chart's table.
struct ChartTable {
    std::string_view label_heading;
    std::string_view value_heading;
};

/// Horizontal bars in a <figure>: caption, SVG (role="img", named by the
/// caption) and the table with the same figures.
void bar_chart(HtmlWriter& w, std::string_view id, std::string_view caption, const std::vector<Bar>& bars,
               ChartTable table);

/// A line of values from 0 to `max` over the points, oldest left, in a
/// <figure> with caption, SVG and table; `empty_text` when there are no points.
void line_chart(HtmlWriter& w, std::string_view id, std::string_view caption, const std::vector<LinePoint>& points,
                double max, ChartTable table, std::string_view empty_text);

}  // namespace ernte::catalog::web
