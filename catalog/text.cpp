#include "catalog/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace ernte::catalog {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view prefix) {
    if (pos > text.size() || text.size() - pos < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (lower(text[pos + i]) != lower(prefix[i])) return false;
    }
    return true;
}


// Named character references seen in portal descriptions (German, French,
// typography). Unknown names are left as written.
constexpr std::array<std::pair<std::string_view, std::uint32_t>, 72> named_entities{{
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"auml", 0xE4},     {"ouml", 0xF6},     {"uuml", 0xFC},    {"Auml", 0xC4},
    {"Ouml", 0xD6},    {"Uuml", 0xDC},     {"szlig", 0xDF},    {"euro", 0x20AC},  {"ndash", 0x2013},
    {"mdash", 0x2014}, {"hellip", 0x2026}, {"laquo", 0xAB},    {"raquo", 0xBB},   {"bdquo", 0x201E},
    {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122},  {"deg", 0xB0},     {"sect", 0xA7},
    {"para", 0xB6},    {"middot", 0xB7},   {"bull", 0x2022},   {"times", 0xD7},   {"divide", 0xF7},
    {"plusmn", 0xB1},  {"micro", 0xB5},    {"sup2", 0xB2},     {"sup3", 0xB3},    {"frac12", 0xBD},
    {"frac14", 0xBC},  {"frac34", 0xBE},   {"eacute", 0xE9},   {"Eacute", 0xC9},  {"egrave", 0xE8},
    {"Egrave", 0xC8},  {"ecirc", 0xEA},    {"euml", 0xEB},     {"agrave", 0xE0},  {"Agrave", 0xC0},
    {"aacute", 0xE1},  {"acirc", 0xE2},    {"ccedil", 0xE7},   {"Ccedil", 0xC7},  {"iacute", 0xED},
    {"icirc", 0xEE},   {"iuml", 0xEF},     {"oacute", 0xF3},   {"ocirc", 0xF4},   {"uacute", 0xFA},
    {"ugrave", 0xF9},  {"ucirc", 0xFB},    {"ntilde", 0xF1},   {"oslash", 0xF8},  {"aring", 0xE5},
    {"aelig", 0xE6},   {"shy", 0xAD},      {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"zwnj", 0x200C},  {"zwj", 0x200D},
}};

/// Decode the character reference starting at text[pos] == '&'. Returns the
/// number of bytes consumed (0: not a reference) and the code point.
std::size_t decode_reference(std::string_view text, std::size_t pos, std::uint32_t& cp) {
    std::size_t i = pos + 1;
    if (i < text.size() && text[i] == '#') {
        ++i;
        bool hex = false;
        if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) {
            hex = true;
            ++i;
        }
        std::uint32_t value = 0;
        const std::size_t digits_start = i;
        while (i < text.size() && i - digits_start < 8) {
            const char c = text[i];
            if (is_digit(c)) {
                value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(c - '0');
            } else if (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                value = value * 16 + static_cast<std::uint32_t>(lower(c) - 'a' + 10);
            } else {
                break;
            }
            ++i;
        }
        if (i == digits_start || i >= text.size() || text[i] != ';') return 0;
        cp = value;
        return i + 1 - pos;
    }
    const std::size_t name_start = i;
    while (i < text.size() && i - name_start < 10 && (is_alpha(text[i]) || is_digit(text[i]))) ++i;
    if (i == name_start || i >= text.size() || text[i] != ';') return 0;
    const std::string_view name = text.substr(name_start, i - name_start);
    for (const auto& [entity, value] : named_entities) {
        if (entity == name) {
            cp = value;
            return i + 1 - pos;
        }
    }
    return 0;
}

/// Collects text as lines: whitespace runs become one space, breaks end a
/// line, empty lines are dropped.
class LineBuilder {
public:
    void text(std::string_view s) {
        for (char c : s) character(c);
    }
    void character(char c) {
        if (is_ascii_space(c)) {
            m_pending_space = !m_line.empty();
            return;
        }
        if (m_pending_space) m_line += ' ';
        m_pending_space = false;
        m_line += c;
    }
    void code_point(std::uint32_t cp) {
        if (cp == 0xA0 || cp == 0x2002 || cp == 0x2003 || cp == 0x2009) {
            character(' ');
        } else if (cp == 0xAD || cp == 0x200C || cp == 0x200D) {
            // soft hyphen and joiners are invisible
        } else if (cp < 0x80) {
            character(static_cast<char>(cp));
        } else {
            if (m_pending_space) m_line += ' ';
            m_pending_space = false;
            append_utf8(m_line, cp);
        }
    }
    void line_break() {
        if (!m_line.empty()) m_lines.push_back(std::move(m_line));
        m_line.clear();
        m_pending_space = false;
    }
    std::string finish() {
        line_break();
        std::string out;
        for (const auto& line : m_lines) {
            if (!out.empty()) out += '\n';
            out += line;
        }
        return out;
    }

private:
    std::vector<std::string> m_lines;
    std::string m_line;
    bool m_pending_space = false;
};

/// Multi-byte UTF-8 no-break space (C2 A0) counts as whitespace in HTML text.
void html_text_char(LineBuilder& out, std::string_view html, std::size_t& i) {
    if (static_cast<unsigned char>(html[i]) == 0xC2 && i + 1 < html.size() &&
        static_cast<unsigned char>(html[i + 1]) == 0xA0) {
        out.character(' ');
        ++i;
        return;
    }
    out.character(html[i]);
}

bool is_break_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 32> tags{
        "p",       "div",     "br",     "li",     "ul",     "ol",      "dl",    "dt",
        "dd",      "h1",      "h2",     "h3",     "h4",     "h5",      "h6",    "tr",
        "table",   "thead",   "tbody",  "tfoot",  "blockquote", "pre", "hr",    "section",
        "article", "header",  "footer", "address", "figure", "figcaption", "caption", "nav"};
    for (auto tag : tags) {
        if (tag == name) return true;
    }
    return false;
}

bool is_known_tag(std::string_view name) {
    static constexpr std::array<std::string_view, 22> inline_tags{
        "a", "b", "i", "u", "s", "em", "strong", "span", "font", "img", "sup",
        "sub", "small", "big", "code", "td", "th", "abbr", "center", "strike", "script", "style"};
    if (is_break_tag(name)) return true;
    for (auto tag : inline_tags) {
        if (tag == name) return true;
    }
    return false;
}

/// Parse a tag at html[pos] == '<'. On success returns the position after
/// '>' and sets name (lower case) and closing.
std::size_t parse_tag(std::string_view html, std::size_t pos, std::string& name, bool& closing) {
    std::size_t i = pos + 1;
    closing = false;
    if (i < html.size() && html[i] == '/') {
        closing = true;
        ++i;
    }
    if (i >= html.size() || !is_alpha(html[i])) return 0;
    name.clear();
    while (i < html.size() && (is_alpha(html[i]) || is_digit(html[i]))) name += lower(html[i++]);
    if (i < html.size() && !(is_ascii_space(html[i]) || html[i] == '>' || html[i] == '/')) return 0;
    char quote = 0;
    for (; i < html.size(); ++i) {
        const char c = html[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '<') {
            return 0;  // "a < b <c" is text, not a tag
        }
    }
    return 0;
}

std::size_t find_ci(std::string_view text, std::string_view needle, std::size_t from) {
    for (std::size_t i = from; i + needle.size() <= text.size(); ++i) {
        if (starts_with_ci(text, i, needle)) return i;
    }
    return std::string_view::npos;
}

// ---------------------------------------------------------------- dates

struct Cursor {
    std::string_view s;
    std::size_t pos = 0;

    bool done() const { return pos >= s.size(); }
    char peek() const { return done() ? '\0' : s[pos]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    /// Read between min and max digits; false if fewer than min.
    bool digits(int min, int max, int& value, int* count = nullptr) {
        int n = 0;
        value = 0;
        while (n < max && is_digit(peek())) {
            value = value * 10 + (s[pos] - '0');
            ++pos;
            ++n;
        }
        if (count != nullptr) *count = n;
        return n >= min;
    }
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

std::string two(int v) {
    std::string out(2, '0');
    out[0] = static_cast<char>('0' + (v / 10) % 10);
    out[1] = static_cast<char>('0' + v % 10);
    return out;
}
std::string four(int v) { return two(v / 100) + two(v % 100); }

struct DateParts {
    int year = 0, month = 0, day = 0;  // 0: absent
    bool has_time = false;
    int hour = 0, minute = 0, second = 0;
    std::string fraction;  // with the dot
    std::string zone;      // "Z", "+hh:mm" or empty
};

std::optional<std::string> format_date(const DateParts& p) {
    if (p.year < 1 || p.year > 9999) return std::nullopt;
    if (p.month == 0) return four(p.year);
    if (p.month < 1 || p.month > 12) return std::nullopt;
    if (p.day == 0) return four(p.year) + "-" + two(p.month);
    if (p.day < 1 || p.day > days_in_month(p.year, p.month)) return std::nullopt;
    std::string out = four(p.year) + "-" + two(p.month) + "-" + two(p.day);
    if (!p.has_time) return out;
    if (p.hour > 23 || p.minute > 59 || p.second > 59) return std::nullopt;
    out += "T" + two(p.hour) + ":" + two(p.minute) + ":" + two(p.second) + p.fraction + p.zone;
    return out;
}

/// "Z", "+hh:mm", "+hhmm", "+hh" (after optional spaces) into p.zone.
bool parse_zone(Cursor& c, DateParts& p) {
    while (c.peek() == ' ') ++c.pos;
    if (c.done()) return true;
    if (c.peek() == 'Z' || c.peek() == 'z') {
        ++c.pos;
        p.zone = "Z";
        return c.done();
    }
    if (c.peek() != '+' && c.peek() != '-') return false;
    const char sign = c.s[c.pos++];
    int hh = 0;
    int mm = 0;
    if (!c.digits(2, 2, hh)) return false;
    if (c.eat(':')) {
        if (!c.digits(2, 2, mm)) return false;
    } else if (!c.done()) {
        if (!c.digits(2, 2, mm)) return false;
    }
    if (hh > 14 || mm > 59 || !c.done()) return false;
    p.zone = std::string(1, sign) + two(hh) + ":" + two(mm);
    return true;
}

/// "hh:mm[:ss[.fff]][zone]" after the date.
bool parse_time(Cursor& c, DateParts& p) {
    if (!c.digits(1, 2, p.hour) || !c.eat(':') || !c.digits(2, 2, p.minute)) return false;
    p.has_time = true;
    if (c.eat(':')) {
        if (!c.digits(2, 2, p.second)) return false;
        if (c.peek() == '.' || c.peek() == ',') {
            ++c.pos;
            std::string fraction = ".";
            while (is_digit(c.peek())) fraction += c.s[c.pos++];
            if (fraction.size() == 1) return false;
            p.fraction = fraction;
        }
    }
    return parse_zone(c, p);
}

std::optional<std::string> parse_iso_like(std::string_view s) {
    Cursor c{s};
    DateParts p;
    if (!c.digits(4, 4, p.year) || is_digit(c.peek())) return std::nullopt;
    if (c.done()) return format_date(p);
    const char separator = c.peek();
    if (separator != '-' && separator != '/') return std::nullopt;
    ++c.pos;
    if (!c.digits(1, 2, p.month)) return std::nullopt;
    if (p.month == 0) return std::nullopt;
    if (c.done()) return format_date(p);
    if (!c.eat(separator) || !c.digits(1, 2, p.day) || p.day == 0) return std::nullopt;
    if (c.done()) return format_date(p);
    if (c.peek() == 'Z' || c.peek() == 'z') {  // xsd:date with zone: keep the date
        ++c.pos;
        return c.done() ? format_date(p) : std::nullopt;
    }
    if ((c.peek() == '+' || c.peek() == '-') && separator == '-') {  // "2023-05-04+02:00", as Java writes xsd:date
        ++c.pos;
        int hours = 0;
        int minutes = 0;
        if (!c.digits(2, 2, hours) || !c.eat(':') || !c.digits(2, 2, minutes) || !c.done() || hours > 14 ||
            minutes > 59)
            return std::nullopt;
        return format_date(p);
    }
    if (c.peek() != 'T' && c.peek() != 't' && c.peek() != ' ') return std::nullopt;
    ++c.pos;
    while (c.peek() == ' ') ++c.pos;
    if (!parse_time(c, p)) return std::nullopt;
    return format_date(p);
}

std::optional<std::string> parse_german(std::string_view s) {
    if (s.size() > 3 && starts_with_ci(s, s.size() - 3, "uhr")) s = trim_whitespace(s.substr(0, s.size() - 3));
    Cursor c{s};
    DateParts p;
    if (!c.digits(1, 2, p.day) || !c.eat('.') || !c.digits(1, 2, p.month) || !c.eat('.') ||
        !c.digits(4, 4, p.year)) {
        return std::nullopt;
    }
    if (p.day == 0 || p.month == 0) return std::nullopt;
    if (c.done()) return format_date(p);
    while (c.peek() == ' ' || c.peek() == ',') ++c.pos;
    if (!parse_time(c, p)) return std::nullopt;
    return format_date(p);
}

}  // namespace

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string_view trim_whitespace(std::string_view raw) {
    auto is_trim = [&](std::size_t i, bool forward) -> std::size_t {
        if (is_ascii_space(raw[i])) return 1;
        // U+00A0 no-break space (C2 A0)
        if (forward && i + 1 < raw.size() && static_cast<unsigned char>(raw[i]) == 0xC2 &&
            static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
            return 2;
        }
        if (!forward && i >= 1 && static_cast<unsigned char>(raw[i]) == 0xA0 &&
            static_cast<unsigned char>(raw[i - 1]) == 0xC2) {
            return 2;
        }
        return 0;
    };
    std::size_t begin = 0;
    while (begin < raw.size()) {
        const std::size_t n = is_trim(begin, true);
        if (n == 0) break;
        begin += n;
    }
    std::size_t end = raw.size();
    while (end > begin) {
        const std::size_t n = is_trim(end - 1, false);
        if (n == 0) break;
        end -= n;
    }
    return raw.substr(begin, end - begin);
}

std::string html_to_text(std::string_view html) {
    LineBuilder out;
    std::size_t i = 0;
    std::string name;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<') {
            if (html.compare(i, 4, "<!--") == 0) {
                const std::size_t end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            if (html.compare(i, 9, "<![CDATA[") == 0) {
                const std::size_t end = html.find("]]>", i + 9);
                const std::size_t stop = end == std::string_view::npos ? html.size() : end;
                out.text(html.substr(i + 9, stop - i - 9));
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {
                const std::size_t end = html.find('>', i);
                i = end == std::string_view::npos ? html.size() : end + 1;
                continue;
            }
            bool closing = false;
            const std::size_t after = parse_tag(html, i, name, closing);
            if (after == 0) {
                out.character('<');
                ++i;
                continue;
            }
            i = after;
            if (!closing && (name == "script" || name == "style")) {
                const std::size_t end = find_ci(html, "</" + name, i);
                if (end == std::string_view::npos) {
                    i = html.size();
                } else {
                    const std::size_t close = html.find('>', end);
                    i = close == std::string_view::npos ? html.size() : close + 1;
                }
                continue;
            }
            if (is_break_tag(name)) {
                out.line_break();
            } else if (name == "td" || name == "th") {
                out.character(' ');
            }
            continue;
        }
        if (c == '&') {
            std::uint32_t cp = 0;
            const std::size_t n = decode_reference(html, i, cp);
            if (n > 0) {
                out.code_point(cp);
                i += n;
                continue;
            }
        }
        html_text_char(out, html, i);
        ++i;
    }
    return out.finish();
}

bool looks_like_html(std::string_view text) {
    std::string name;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '<') {
            if (text.compare(i, 4, "<!--") == 0) return true;
            bool closing = false;
            if (parse_tag(text, i, name, closing) != 0 && is_known_tag(name)) return true;
        } else if (text[i] == '&') {
            std::uint32_t cp = 0;
            if (decode_reference(text, i, cp) != 0) return true;
        }
    }
    return false;
}

namespace {

/// Inline Markdown of one line: links, images, autolinks, emphasis, code.
std::string markdown_inline(std::string_view line) {
    std::string out;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
            out += line[i + 1];
            i += 2;
            continue;
        }
        const bool image = c == '!' && i + 1 < line.size() && line[i + 1] == '[';
        if (c == '[' || image) {
            const std::size_t open = image ? i + 1 : i;
            const std::size_t close = line.find(']', open + 1);
            if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(') {
                const std::size_t end = line.find(')', close + 2);
                if (end != std::string_view::npos) {
                    const std::string text = markdown_inline(line.substr(open + 1, close - open - 1));
                    std::string_view url = trim_whitespace(line.substr(close + 2, end - close - 2));
                    if (const auto space = url.find(' '); space != std::string_view::npos) {
                        url = url.substr(0, space);  // [t](url "title")
                    }
                    if (image) {
                        out += text;
                    } else if (text.empty() || text == url) {
                        out += url;
                    } else {
                        out += text;
                        out += " (";
                        out += url;
                        out += ')';
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        if (c == '<') {
            const std::size_t end = line.find('>', i + 1);
            const std::string_view inner =
                end == std::string_view::npos ? std::string_view{} : line.substr(i + 1, end - i - 1);
            if (inner.rfind("http://", 0) == 0 || inner.rfind("https://", 0) == 0 || inner.rfind("mailto:", 0) == 0) {
                out += inner;
                i = end + 1;
                continue;
            }
        }
        if ((c == '*' || c == '_') && i + 1 < line.size() && line[i + 1] == c) {
            i += 2;
            continue;
        }
        if (c == '`') {
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

/// Leading block markers: headings, quotes; "* " and "+ " bullets become "- ".
std::string_view strip_block_markers(std::string_view line, std::string& bullet) {
    bullet.clear();
    while (true) {
        line = trim_whitespace(line);
        if (!line.empty() && line[0] == '>') {
            line.remove_prefix(1);
            continue;
        }
        break;
    }
    std::size_t hashes = 0;
    while (hashes < line.size() && line[hashes] == '#') ++hashes;
    if (hashes > 0 && hashes <= 6 && (hashes == line.size() || line[hashes] == ' ')) {
        line.remove_prefix(hashes);
        return trim_whitespace(line);
    }
    if (line.size() >= 2 && (line[0] == '*' || line[0] == '+' || line[0] == '-') && line[1] == ' ') {
        bullet = "- ";
        return trim_whitespace(line.substr(2));
    }
    return line;
}

bool is_rule(std::string_view line) {
    line = trim_whitespace(line);
    if (line.size() < 3) return false;
    const char c = line[0];
    if (c != '-' && c != '*' && c != '_') return false;
    for (char x : line) {
        if (x != c && x != ' ') return false;
    }
    return true;
}

}  // namespace

bool looks_like_markdown(std::string_view text) {
    if (text.find("](") != std::string_view::npos) return true;
    if (text.find("**") != std::string_view::npos || text.find("__") != std::string_view::npos) return true;
    if (text.find('`') != std::string_view::npos) return true;
    if (text.find("<http") != std::string_view::npos) return true;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim_whitespace(text.substr(start, end - start));
        if (line.size() >= 2 && line[0] == '#' && (line[1] == ' ' || line[1] == '#')) return true;
        if (!line.empty() && line[0] == '>') return true;
        start = end + 1;
    }
    return false;
}

std::string markdown_to_text(std::string_view markdown) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    std::string bullet;
    while (start <= markdown.size()) {
        std::size_t end = markdown.find('\n', start);
        if (end == std::string_view::npos) end = markdown.size();
        std::string_view line = markdown.substr(start, end - start);
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (is_rule(line)) continue;
        const std::string_view body = strip_block_markers(line, bullet);
        std::string text = markdown_inline(body);
        // collapse whitespace runs inside the line
        std::string collapsed;
        bool space = false;
        for (char c : text) {
            if (is_ascii_space(c)) {
                space = !collapsed.empty();
                continue;
            }
            if (space) collapsed += ' ';
            space = false;
            collapsed += c;
        }
        if (collapsed.empty()) continue;
        lines.push_back(bullet + collapsed);
    }
    std::string out;
    for (const auto& line : lines) {
        if (!out.empty()) out += '\n';
        out += line;
    }
    return out;
}

std::optional<std::string> normalize_date(std::string_view raw) {
    const std::string_view s = trim_whitespace(raw);
    if (s.size() < 4 || s.size() > 40) return std::nullopt;
    if (is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3])) return parse_iso_like(s);
    if (is_digit(s[0])) return parse_german(s);
    return std::nullopt;
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    // Runs of characters that need no escaping are appended at once.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

std::size_t json_plain_prefix(std::string_view text) {
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    const auto has_zero = [&](std::uint64_t w) { return ((w - ones) & ~w & highs) != 0; };
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        // a byte below 0x20, a '"' or a '\\'
        if (((w - ones * 0x20) & ~w & highs) != 0 || has_zero(w ^ (ones * '"')) || has_zero(w ^ (ones * '\\')))
            break;
    }
    for (; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == '"' || c == '\\') break;
    }
    return i;
}

std::size_t json_nesting_depth(std::string_view json) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

}  // namespace ernte::catalog
