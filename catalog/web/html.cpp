#include "catalog/web/html.hpp"

namespace ernte::catalog::web {

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

bool is_web_url(std::string_view url) {
    const auto lower_starts = [&](std::string_view prefix) {
        if (url.size() <= prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            char c = url[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    if (!lower_starts("http://") && !lower_starts("https://")) return false;
    for (const char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) return false;
    }
    return true;
}

std::string json_for_script(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' && (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
            out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

void HtmlWriter::attributes(std::initializer_list<Attribute> attributes) {
    for (const auto& [name, value] : attributes) {
        m_out += ' ';
        m_out += name;
        m_out += "=\"";
        m_out += escape_html(value);
        m_out += '"';
    }
}

HtmlWriter& HtmlWriter::open(std::string_view name, std::initializer_list<Attribute> attrs) {
    m_out += '<';
    m_out += name;
    attributes(attrs);
    m_out += '>';
    return *this;
}

HtmlWriter& HtmlWriter::close(std::string_view name) {
    m_out += "</";
    m_out += name;
    m_out += '>';
    return *this;
}

HtmlWriter& HtmlWriter::element(std::string_view name, std::string_view content, std::initializer_list<Attribute> attrs) {
    open(name, attrs);
    text(content);
    return close(name);
}

HtmlWriter& HtmlWriter::empty(std::string_view name, std::initializer_list<Attribute> attrs) { return open(name, attrs); }

HtmlWriter& HtmlWriter::text(std::string_view content) {
    m_out += escape_html(content);
    return *this;
}

HtmlWriter& HtmlWriter::link(std::string_view href, std::string_view content, std::initializer_list<Attribute> attrs) {
    m_out += "<a href=\"";
    m_out += escape_html(href);
    m_out += '"';
    attributes(attrs);
    m_out += '>';
    text(content);
    return close("a");
}

HtmlWriter& HtmlWriter::external_link(std::string_view url, std::string_view content) {
    if (content.empty()) content = url;
    if (!is_web_url(url)) return element("span", content, {{"class", "url"}});
    return link(url, content, {{"rel", "nofollow noopener noreferrer"}, {"class", "url"}});
}

HtmlWriter& HtmlWriter::json_ld(std::string_view json) {
    m_out += "<script type=\"application/ld+json\">";
    m_out += json_for_script(json);
    m_out += "</script>";
    return *this;
}

HtmlWriter& HtmlWriter::markup(std::string_view constant) {
    m_out += constant;
    return *this;
}

}  // namespace ernte::catalog::web
