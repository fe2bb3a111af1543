#pragma once
/// The one place where the dashboard's HTML is written and escaped. Everything
/// shown comes from harvested records and is untrusted: text and attribute
/// values always go through HtmlWriter, links to harvested URLs are made only
/// for http(s), and JSON inside a <script> element cannot end it.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ernte::catalog::web {

/// `text` with &, <, >, " and ' replaced by character references (safe in
/// element content and in quoted attribute values).
std::string escape_html(std::string_view text);

/// Whether a harvested URL may become a link: an absolute http:// or https://
/// URL (case-insensitive scheme) without control characters or spaces.
bool is_web_url(std::string_view url);

/// JSON text made safe inside <script type="application/ld+json">: <, >, &
/// and U+2028/U+2029 written as \u escapes, which JSON readers decode to the
/// same characters, so no "</script>" or "<!--" can appear.
std::string json_for_script(std::string_view json);

/// One attribute: name (a constant of the page code) and value (escaped).
using Attribute = std::pair<std::string_view, std::string_view>;

/// Builds an HTML document. Element and attribute names are the page code's
/// constants; every text and attribute value given is escaped here.
class HtmlWriter {
public:
    /// <name attr="value"...>
    HtmlWriter& open(std::string_view name, std::initializer_list<Attribute> attributes = {});
    /// </name>
    HtmlWriter& close(std::string_view name);
    /// <name attr...> text </name>
    HtmlWriter& element(std::string_view name, std::string_view text, std::initializer_list<Attribute> attributes = {});
    /// <name attr...> without content or end tag (meta, link, input, rect ...).
    HtmlWriter& empty(std::string_view name, std::initializer_list<Attribute> attributes = {});
    /// Escaped text.
    HtmlWriter& text(std::string_view text);
    /// A link to a page of the dashboard (`href` built by the page code).
    HtmlWriter& link(std::string_view href, std::string_view text, std::initializer_list<Attribute> attributes = {});
    /// A link to a harvested URL when it is http(s) (rel="nofollow noopener"),
    /// else the URL as text, so no javascript: or data: link is ever made.
    HtmlWriter& external_link(std::string_view url, std::string_view text = {});
    /// <script type="application/ld+json"> with `json` made safe by json_for_script.
    HtmlWriter& json_ld(std::string_view json);
    /// Markup the page code wrote itself (the document type); never harvested text.
    HtmlWriter& markup(std::string_view constant);

    const std::string& str() const { return m_out; }
    std::string take() { return std::move(m_out); }

private:
    void attributes(std::initializer_list<Attribute> attributes);
    std::string m_out;
};

}  // namespace ernte::catalog::web
