#include "catalog/checks.hpp"

#include "catalog/finding_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>
#include <utility>

namespace ernte::catalog::quality {

namespace {

using model::Dataset;
using model::Distribution;

Finding make(std::string_view rule, Severity severity, std::string path, std::optional<std::size_t> distribution,
             std::string message_en, std::string message_de, std::string fix_en, std::string fix_de,
             std::string value = {}) {
    Finding f;
    f.rule = std::string(rule);
    f.severity = severity;
    f.path = std::move(path);
    f.distribution = distribution;
    f.message_en = std::move(message_en);
    f.message_de = std::move(message_de);
    f.fix_en = std::move(fix_en);
    f.fix_de = std::move(fix_de);
    f.value = std::move(value);
    return f;
}

/// The checks' findings of one record; texts only when they are composed.
class CheckWriter {
public:
    CheckWriter(FindingList& findings, FindingTexts texts)
        : m_findings(findings), m_texts(texts == FindingTexts::compose) {}

    bool texts() const { return m_texts; }

    /// A finding; `texts` gives (message_en, message_de, fix_en, fix_de) and is
    /// only called when they are composed.
    template <typename Texts>
    void add(std::string_view rule, Severity severity, std::string_view path, std::optional<std::size_t> distribution,
             std::string_view value, Texts texts) {
        FindingList::Entry& f = m_findings.add(rule, severity, path, std::nullopt);
        if (distribution) f.distribution = *distribution;
        f.value = value;
        if (!m_texts) return;
        std::array<std::string, 4> t = texts();  // message_en, message_de, fix_en, fix_de
        m_findings.set_texts(f, std::move(t[1]), std::move(t[0]), std::move(t[3]), std::move(t[2]));
    }

    /// A text made here for a finding, kept by the list.
    std::string_view keep(std::string text) { return m_findings.keep(std::move(text)); }

private:
    FindingList& m_findings;
    const bool m_texts;
};

/// What a date check calls the dataset or a distribution: (English, German).
using Subject = std::pair<std::string, std::string>;

/// A character that counts in a title's key: a letter or digit (ASCII, as
/// the C locale has them) or any byte of a multi-byte UTF-8 character.
bool is_key_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char key_char(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

/// Appends the key of title_key to `key` (a std::string or a ShortKey).
template <typename Key>
void fold_title(std::string_view title, std::size_t limit, Key& key) {
    bool gap = false;
    for (const char c : title) {
        const auto u = static_cast<unsigned char>(c);
        if (is_key_char(u)) {
            if (key.size() >= limit) break;
            if (gap && key.size() != 0) key.push_back(' ');
            gap = false;
            key.push_back(key_char(u));
        } else {
            gap = true;
        }
    }
}

/// A key of at most 31 characters, on the stack.
class ShortKey {
public:
    std::size_t size() const { return m_size; }
    void push_back(char c) { m_chars[m_size++] = c; }
    std::string_view view() const { return {m_chars.data(), m_size}; }

private:
    std::array<char, 32> m_chars{};
    std::size_t m_size = 0;
};

/// Reads the key of title_key one character at a time.
class TitleKeyReader {
public:
    explicit TitleKeyReader(std::string_view title) : m_rest(title) {}

    /// The next character of the key; '\0' at its end.
    char next() {
        if (m_pending != '\0') return std::exchange(m_pending, '\0');
        bool gap = false;
        while (!m_rest.empty()) {
            const auto u = static_cast<unsigned char>(m_rest.front());
            m_rest.remove_prefix(1);
            if (!is_key_char(u)) {
                gap = true;
                continue;
            }
            const char c = key_char(u);
            if (gap && m_started) {
                m_pending = c;
                return ' ';
            }
            m_started = true;
            return c;
        }
        return '\0';
    }

private:
    std::string_view m_rest;
    char m_pending = '\0';
    bool m_started = false;
};

/// title_key(a) == title_key(b), without making either.
bool same_title_key(std::string_view a, std::string_view b) {
    TitleKeyReader ka(a), kb(b);
    for (;;) {
        const char c = ka.next();
        if (c != kb.next()) return false;
        if (c == '\0') return true;
    }
}

/// "YYYY-MM-DD" of an ISO 8601 date or date-time; empty when it is neither.
std::string_view date_part(std::string_view value) {
    if (value.size() < 10 || value[4] != '-' || value[7] != '-') return {};
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) return {};
    return value.substr(0, 10);
}

/// Types that say nothing about the content: no format check against them.
bool generic_content_type(std::string_view type) {
    static constexpr std::array<std::string_view, 6> generic{
        "application/octet-stream", "binary/octet-stream", "application/x-download",
        "application/force-download", "application/download", "application/unknown"};
    return type.empty() || std::find(generic.begin(), generic.end(), type) != generic.end();
}

/// The media type without parameters, lower case.
std::string bare_media_type(std::string_view content_type) {
    std::string out(content_type.substr(0, content_type.find(';')));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view last_segment(std::string_view iri) {
    const auto slash = iri.find_last_of("/#");
    return slash == std::string_view::npos ? iri : iri.substr(slash + 1);
}

/// The path of a date property on the dataset or (`distribution`) a distribution.
std::string_view date_path(bool distribution, bool issued) {
    if (distribution) return issued ? "dcat:distribution/dct:issued" : "dcat:distribution/dct:modified";
    return issued ? "dct:issued" : "dct:modified";
}

/// `subject()` names the dataset or distribution, for the texts.
template <typename SubjectOf>
void check_dates(CheckWriter& out, std::string_view issued, std::string_view modified, std::string_view today,
                 const SubjectOf& subject, std::optional<std::size_t> distribution) {
    const std::string_view i = date_part(issued), m = date_part(modified);
    if (!i.empty() && !m.empty() && m < i) {
        out.add(check_modified_before_issued, Severity::warning, date_path(distribution.has_value(), false),
                distribution, modified, [&] {
                    const Subject what = subject();
                    return std::array<std::string, 4>{
                        fmt::format("{} was modified ({}) before it was issued ({})", what.first, m, i),
                        fmt::format("{} wurde geändert ({}), bevor es veröffentlicht wurde ({})", what.second, m, i),
                        "check dct:issued and dct:modified: the modification date cannot be earlier than the "
                        "issue date",
                        "dct:issued und dct:modified prüfen: das Änderungsdatum kann nicht vor dem "
                        "Veröffentlichungsdatum liegen"};
                });
    }
    for (const auto& date : {std::tuple{i, "dct:issued", true}, std::tuple{m, "dct:modified", false}}) {
        // Named copies, not structured bindings: the lambdas below capture them.
        const auto& value = std::get<0>(date);
        const char* const property = std::get<1>(date);
        const bool is_issued = std::get<2>(date);
        if (value.empty()) continue;
        const std::string_view path = date_path(distribution.has_value(), is_issued);
        if (value > today) {
            out.add(check_date_in_future, Severity::warning, path, distribution, value, [&] {
                const Subject what = subject();
                return std::array<std::string, 4>{
                    fmt::format("{}: {} {} lies in the future", what.first, property, value),
                    fmt::format("{}: {} {} liegt in der Zukunft", what.second, property, value),
                    fmt::format("publish the real date in {}, not a planned one", property),
                    fmt::format("in {} das tatsächliche Datum angeben, kein geplantes", property)};
            });
        } else if (value < "1900-01-01" || value == "1970-01-01") {
            out.add(check_date_implausible, Severity::warning, path, distribution, value, [&] {
                const Subject what = subject();
                return std::array<std::string, 4>{
                    fmt::format("{}: {} {} looks like a default value, not a real date", what.first, property, value),
                    fmt::format("{}: {} {} sieht nach einem Vorgabewert aus, nicht nach einem echten Datum",
                                what.second, property, value),
                    fmt::format("publish the real date in {} or leave it out", property),
                    fmt::format("in {} das tatsächliche Datum angeben oder die Angabe weglassen", property)};
            });
        }
    }
}

std::string_view first_text(const std::vector<model::LangString>& texts) {
    for (const auto& t : texts)
        if (t.lang == "de") return t.value;
    return texts.empty() ? std::string_view() : texts.front().value;
}

}  // namespace

std::pair<std::string_view, std::string_view> check_title(std::string_view id) {
    static constexpr std::array<std::array<std::string_view, 3>, 9> titles{{
        {check_format_content_type, "declared format differs from what the server sends",
         "angegebenes Format weicht von dem ab, was der Server liefert"},
        {check_modified_before_issued, "modified before issued", "vor der Veröffentlichung geändert"},
        {check_date_in_future, "date in the future", "Datum in der Zukunft"},
        {check_date_implausible, "implausible date (a default value)", "unplausibles Datum (ein Vorgabewert)"},
        {check_temporal_order, "time period ends before it starts", "Zeitraum endet vor seinem Beginn"},
        {check_placeholder_title, "placeholder title", "Platzhalter als Titel"},
        {check_placeholder_description, "placeholder description", "Platzhalter als Beschreibung"},
        {check_html_description, "HTML or Markdown in the description", "HTML oder Markdown in der Beschreibung"},
        {check_duplicate_title, "title used twice by one publisher", "Titel bei einem Herausgeber doppelt"},
    }};
    for (const auto& [rule, en, de] : titles)
        if (rule == id) return {en, de};
    return {};
}

std::string title_key(std::string_view title, std::size_t limit) {
    std::string key;
    fold_title(title, limit, key);
    return key;
}

bool is_placeholder_text(std::string_view text) {
    static constexpr std::array<std::string_view, 26> placeholders{
        "",          "test",          "tests",           "testdatensatz", "titel",       "title",
        "untitled",  "ohne titel",    "kein titel",      "tbd",           "todo",        "n a",
        "na",        "xxx",           "lorem ipsum",     "beschreibung",  "description", "keine beschreibung",
        "no description", "beschreibung folgt", "folgt", "neuer datensatz", "new dataset", "dummy",
        "platzhalter", "placeholder"};
    // No placeholder is longer than 20 characters: a longer key is not one (nor is its start).
    ShortKey short_key;
    fold_title(text, 21, short_key);
    const std::string_view key = short_key.view();
    if (std::find(placeholders.begin(), placeholders.end(), key) != placeholders.end()) return true;
    return key.starts_with("lorem ipsum");
}

Finding duplicate_title_finding(std::string_view title, std::string_view publisher, std::size_t others) {
    return make(check_duplicate_title, Severity::warning, "dct:title", std::nullopt,
                fmt::format("{} other dataset(s) of {} have the same title '{}'", others, publisher, title),
                fmt::format("{} weitere(r) Datensatz/Datensätze von {} tragen denselben Titel '{}'", others, publisher,
                            title),
                "give each dataset a title of its own that says what sets it apart (subject, area, period)",
                "jedem Datensatz einen eigenen Titel geben, der sagt, was ihn unterscheidet (Thema, Gebiet, "
                "Zeitraum)",
                std::string(title));
}

std::vector<Finding> check_record(const Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links,
                                  std::string_view today) {
    FindingList findings;
    check_record(dataset, vocab, links, today, FindingTexts::compose, findings);
    return findings.take_findings();
}

void check_record(const Dataset& dataset, const Vocabularies& vocab, const LinkLookup& links, std::string_view today,
                  FindingTexts texts, FindingList& findings) {
    CheckWriter out(findings, texts);
    const std::string_view title = first_text(dataset.title);
    if (!dataset.title.empty() && is_placeholder_text(title)) {
        out.add(check_placeholder_title, Severity::warning, "dct:title", std::nullopt, title, [&] {
            return std::array<std::string, 4>{
                fmt::format("the title '{}' is a placeholder", title),
                fmt::format("der Titel '{}' ist ein Platzhalter", title),
                "publish a title that says what the data is about (dct:title)",
                "einen Titel veröffentlichen, der sagt, worum es in den Daten geht (dct:title)"};
        });
    }
    const std::string_view description = first_text(dataset.description);
    const bool repeats = !title.empty() && same_title_key(description, title);
    if (!dataset.description.empty() && (repeats || is_placeholder_text(description))) {
        out.add(check_placeholder_description, Severity::warning, "dct:description", std::nullopt, description, [&] {
            return std::array<std::string, 4>{
                repeats ? "the description only repeats the title"
                        : fmt::format("the description '{}' is a placeholder", description),
                repeats ? "die Beschreibung wiederholt nur den Titel"
                        : fmt::format("die Beschreibung '{}' ist ein Platzhalter", description),
                "describe the content, origin and use of the data in dct:description",
                "in dct:description Inhalt, Herkunft und Nutzung der Daten beschreiben"};
        });
    }
    for (const model::Note& note : dataset.notes) {
        if (!note.message.starts_with("HTML or Markdown markup removed")) continue;
        const bool of_dataset = note.field == "description";
        out.add(check_html_description, Severity::info,
                of_dataset ? std::string_view("dct:description") : std::string_view(note.field), std::nullopt,
                std::string_view(note.original).substr(0, 200), [&] {
                    return std::array<std::string, 4>{
                        fmt::format("the {} contains HTML or Markdown markup; ernte publishes it as plain text",
                                    of_dataset ? "description" : note.field),
                        fmt::format("{} enthält HTML- oder Markdown-Auszeichnungen; ernte gibt sie als reinen "
                                    "Text weiter",
                                    of_dataset ? "die Beschreibung" : note.field),
                        "publish dct:description as plain text; DCAT-AP.de does not allow markup there",
                        "dct:description als reinen Text veröffentlichen; DCAT-AP.de erlaubt dort keine "
                        "Auszeichnungen"};
                });
    }

    check_dates(out, dataset.issued, dataset.modified, today,
                [] { return Subject{"the dataset", "der Datensatz"}; }, std::nullopt);
    for (const model::Period& period : dataset.temporal) {
        const std::string_view start = date_part(period.start), end = date_part(period.end);
        if (!start.empty() && !end.empty() && end < start) {
            out.add(check_temporal_order, Severity::warning, "dct:temporal", std::nullopt,
                    out.keep(fmt::format("{} – {}", period.start, period.end)), [&] {
                        return std::array<std::string, 4>{
                            fmt::format("the time period ends ({}) before it starts ({})", end, start),
                            fmt::format("der Zeitraum endet ({}), bevor er beginnt ({})", end, start),
                            "swap or correct dcat:startDate and dcat:endDate of dct:temporal",
                            "dcat:startDate und dcat:endDate in dct:temporal tauschen oder berichtigen"};
                    });
        }
    }

    for (std::size_t i = 0; i < dataset.distributions.size(); ++i) {
        const Distribution& dist = dataset.distributions[i];
        const auto subject = [&] {
            const std::string_view title = first_text(dist.title);
            const std::string name = title.empty() ? fmt::format("{}", i + 1) : std::string(title);
            return Subject{fmt::format("distribution '{}'", name), fmt::format("Distribution '{}'", name)};
        };
        check_dates(out, dist.issued, dist.modified, today, subject, i);

        // The declared format against what the server says it sends: the
        // download URL, or the access URL when there is none (an access URL
        // answering with a web page is a landing page, which is fine).
        if (!links || dist.format.empty()) continue;
        const bool download = !dist.download_urls.empty();
        if (!download && dist.access_urls.empty()) continue;
        const std::string& url = download ? dist.download_urls.front() : dist.access_urls.front();
        const auto state = links(url);
        if (!state || !state->checked || !link_passes(*state)) continue;
        const std::string served = bare_media_type(state->content_type);
        if (generic_content_type(served)) continue;
        const bool page = served == "text/html" || served == "application/xhtml+xml";
        if (!download && page) continue;
        const auto served_format = vocab.map_format(served);
        if (!served_format || *served_format == dist.format) continue;
        const std::string_view declared = last_segment(dist.format), actual = last_segment(*served_format);
        // A zipped file may be declared by its content (format) with the ZIP in compressFormat.
        if (!dist.compress_format.empty() && (actual == "ZIP" || actual == "GZIP")) continue;
        out.add(check_format_content_type, Severity::warning, "dcat:distribution/dct:format", i, url, [&] {
            const auto [what_en, what_de] = subject();
            return std::array<std::string, 4>{
                page ? fmt::format("{} is declared as {}, but its download URL leads to a web page ({})", what_en,
                                   declared, served)
                     : fmt::format("{} is declared as {}, but the server sends {} ({})", what_en, declared, actual,
                                   served),
                page ? fmt::format("{} ist als {} angegeben, die Download-URL führt aber auf eine Webseite ({})",
                                   what_de, declared, served)
                     : fmt::format("{} ist als {} angegeben, der Server liefert aber {} ({})", what_de, declared,
                                   actual, served),
                page ? "link dcat:downloadURL to the file itself, or give the page as dcat:accessURL only"
                     : fmt::format("declare dct:format <{}> if the file is {}, or fix the server's Content-Type",
                                   *served_format, actual),
                page ? "dcat:downloadURL direkt auf die Datei verweisen lassen oder die Seite nur als "
                       "dcat:accessURL angeben"
                     : fmt::format("dct:format <{}> angeben, wenn die Datei {} ist, oder den Content-Type des "
                                   "Servers berichtigen",
                                   *served_format, actual)};
        });
    }
}

}  // namespace ernte::catalog::quality
