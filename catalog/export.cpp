#include "catalog/export.hpp"

#include <array>
#include <charconv>
#include <ostream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ernte::catalog {

namespace {

using model::Agent;
using model::ContactPoint;
using model::Dataset;
using model::Distribution;
using model::ExtraProperty;
using model::LangString;
using model::Licence;
using model::ResourceType;
using model::Term;

constexpr std::string_view k_prologue =
    "@prefix adms: <http://www.w3.org/ns/adms#> .\n"
    "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
    "@prefix dcatap: <http://data.europa.eu/r5r/> .\n"
    "@prefix dcatde: <http://dcat-ap.de/def/dcatde/> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n"
    "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
    "@prefix locn: <http://www.w3.org/ns/locn#> .\n"
    "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix spdx: <http://spdx.org/rdf/terms#> .\n"
    "@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "\n";

constexpr std::string_view k_xsd_namespace = "http://www.w3.org/2001/XMLSchema#";
constexpr std::string_view k_status_deprecated = "http://purl.org/adms/status/Deprecated";
constexpr std::string_view k_status_withdrawn = "http://purl.org/adms/status/Withdrawn";
constexpr std::size_t k_flush_threshold = std::size_t{1} << 20;
constexpr std::string_view k_reference_separator = ",\n        ";
constexpr char k_hex_digits[] = "0123456789ABCDEF";

// ---------------------------------------------------------------- escaping

/// ASCII bytes that may not appear unescaped in a Turtle IRIREF (plus DEL).
constexpr std::array<bool, 128> k_iri_forbidden = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c <= 0x20; ++c) t[c] = true;
    for (char c : std::string_view("<>\"{}|^`\\")) t[static_cast<unsigned char>(c)] = true;
    t[0x7F] = true;
    return t;
}();

/// ASCII bytes that need an escape in a Turtle string literal.
constexpr std::array<bool, 128> k_literal_special = [] {
    std::array<bool, 128> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = true;
    t['\\'] = true;
    t[0x7F] = true;
    return t;
}();

unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

/// Length of the well-formed UTF-8 sequence that starts with the non-ASCII byte
/// at `i`, or 0 when it is malformed (stray continuation, overlong, surrogate,
/// beyond U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const unsigned char lead = byte_at(s, i);
    const std::size_t left = s.size() - i;
    const auto continuation = [&](std::size_t k) { return (byte_at(s, i + k) & 0xC0) == 0x80; };
    if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(1) || !continuation(2)) return 0;
        if (lead == 0xE0 && byte_at(s, i + 1) < 0xA0) return 0;
        if (lead == 0xED && byte_at(s, i + 1) > 0x9F) return 0;
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if (lead == 0xF0 && byte_at(s, i + 1) < 0x90) return 0;
        if (lead == 0xF4 && byte_at(s, i + 1) > 0x8F) return 0;
        return 4;
    }
    return 0;
}

void append_percent(std::string& out, unsigned char c) {
    out += '%';
    out += k_hex_digits[c >> 4];
    out += k_hex_digits[c & 0x0F];
}

void append_iri(std::string& out, std::string_view iri) {
    out += '<';
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < iri.size()) {
        const unsigned char c = byte_at(iri, i);
        if (c < 0x80) {
            if (!k_iri_forbidden[c]) {
                ++i;
                continue;
            }
            out.append(iri.substr(run, i - run));
            append_percent(out, c);
            run = ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(iri, i);
        const bool c1_control = n == 2 && c == 0xC2 && byte_at(iri, i + 1) < 0xA0;
        if (n != 0 && !c1_control) {
            i += n;
            continue;
        }
        // Malformed bytes and C1 controls cannot be IRI characters: keep their
        // bytes percent-encoded, which loses nothing.
        out.append(iri.substr(run, i - run));
        const std::size_t count = c1_control ? 2 : 1;
        for (std::size_t k = 0; k < count; ++k) append_percent(out, byte_at(iri, i + k));
        i += count;
        run = i;
    }
    out.append(iri.substr(run));
    out += '>';
}

void append_uchar(std::string& out, unsigned char c) {
    out += "\\u00";
    out += k_hex_digits[c >> 4];
    out += k_hex_digits[c & 0x0F];
}

void append_string(std::string& out, std::string_view value) {
    const bool long_form = value.find('\n') != std::string_view::npos;
    out += long_form ? "\"\"\"" : "\"";
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < value.size()) {
        const unsigned char c = byte_at(value, i);
        if (c < 0x80) {
            if (!k_literal_special[c] || (long_form && c == '\n')) {
                ++i;
                continue;
            }
            out.append(value.substr(run, i - run));
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: append_uchar(out, c); break;
            }
            run = ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(value, i);
        if (n != 0) {
            i += n;
            continue;
        }
        out.append(value.substr(run, i - run));
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        run = ++i;
    }
    out.append(value.substr(run));
    out += long_form ? "\"\"\"" : "\"";
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Appends `@tag` when `lang` is a well-formed Turtle LANGTAG (`_` read as
/// `-`); a malformed tag is dropped rather than breaking the document.
void append_lang(std::string& out, std::string_view lang) {
    if (lang.empty()) return;
    bool first_subtag = true;
    std::size_t length = 0;
    for (char c : lang) {
        if (c == '-' || c == '_') {
            if (length == 0) return;
            first_subtag = false;
            length = 0;
        } else if (is_alpha(c) || (!first_subtag && is_digit(c))) {
            ++length;
        } else {
            return;
        }
    }
    if (length == 0) return;
    out += '@';
    for (char c : lang) out += c == '_' ? '-' : c;
}

void append_lang_string(std::string& out, const LangString& value) {
    append_string(out, value.value);
    append_lang(out, value.lang);
}

void append_unsigned(std::string& out, std::uint64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

bool digits_at(std::string_view s, std::size_t pos, std::size_t count) {
    if (pos + count > s.size()) return false;
    for (std::size_t k = pos; k < pos + count; ++k)
        if (!is_digit(s[k])) return false;
    return true;
}

/// `Z`, `+hh:mm` or `-hh:mm` from `pos` to the end, or nothing.
bool timezone_at(std::string_view s, std::size_t pos) {
    if (pos == s.size()) return true;
    if (s[pos] == 'Z') return pos + 1 == s.size();
    if (s[pos] != '+' && s[pos] != '-') return false;
    return pos + 6 == s.size() && digits_at(s, pos + 1, 2) && s[pos + 3] == ':' && digits_at(s, pos + 4, 2);
}

/// The XSD datatype (prefixed name) of an ISO 8601 value, empty when it has none of the expected forms.
std::string_view date_datatype(std::string_view v) {
    if (!digits_at(v, 0, 4)) return {};
    if (v.size() == 4) return "xsd:gYear";
    if (v[4] != '-' || !digits_at(v, 5, 2)) return {};
    if (v.size() == 7) return "xsd:gYearMonth";
    if (v.size() < 10 || v[7] != '-' || !digits_at(v, 8, 2)) return {};
    if (v.size() == 10) return "xsd:date";
    if (v[10] != 'T') return timezone_at(v, 10) ? "xsd:date" : std::string_view{};
    if (!digits_at(v, 11, 2) || v.size() < 19 || v[13] != ':' || !digits_at(v, 14, 2) || v[16] != ':' ||
        !digits_at(v, 17, 2))
        return {};
    std::size_t pos = 19;
    if (pos < v.size() && v[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < v.size() && is_digit(v[pos])) ++pos;
        if (pos == start) return {};
    }
    return timezone_at(v, pos) ? "xsd:dateTime" : std::string_view{};
}

void append_date(std::string& out, std::string_view value) {
    append_string(out, value);
    const std::string_view datatype = date_datatype(value);
    if (datatype.empty()) return;
    out += "^^";
    out += datatype;
}

bool is_hex_binary(std::string_view v) {
    if (v.size() % 2 != 0) return false;
    for (char c : v)
        if (!is_digit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

/// A datatype IRI as written: `xsd:name` for simple XSD names, `<iri>` otherwise.
void append_datatype(std::string& out, std::string_view datatype) {
    out += "^^";
    if (datatype.substr(0, k_xsd_namespace.size()) == k_xsd_namespace) {
        const std::string_view local = datatype.substr(k_xsd_namespace.size());
        bool simple = !local.empty();
        for (char c : local) simple = simple && is_alpha(c);
        if (simple) {
            out += "xsd:";
            out += local;
            return;
        }
    }
    append_iri(out, datatype);
}

/// True for text that is an absolute IRI rather than prose (dct:rights may be either).
bool looks_like_iri(std::string_view v) {
    if (v.find_first_of(" \t\r\n") != std::string_view::npos) return false;
    if (v.substr(0, 4) == "urn:") return v.size() > 4;
    const std::size_t colon = v.find("://");
    if (colon == std::string_view::npos || colon == 0 || !is_alpha(v[0])) return false;
    for (std::size_t k = 1; k < colon; ++k) {
        const char c = v[k];
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return colon + 3 < v.size();
}

/// `value` without a leading `prefix` (ASCII case-insensitive).
std::string_view strip_scheme(std::string_view value, std::string_view prefix) {
    if (value.size() < prefix.size()) return value;
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        char c = value[k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[k]) return value;
    }
    return value.substr(prefix.size());
}

void append_scheme_iri(std::string& out, std::string_view scheme, std::string_view value) {
    std::string iri;
    iri.reserve(scheme.size() + value.size());
    iri += scheme;
    iri += strip_scheme(value, scheme);
    append_iri(out, iri);
}

// ---------------------------------------------------------------- layout

/// The predicate-object list of one node: either a subject block (one
/// predicate per line, ended by " .") or an inline blank node `[ ... ]`.
/// Consecutive objects of the same predicate are joined with ", ".
class PropertyList {
public:
    enum class Layout { block, inline_node };

    /// Starts the list with `a type`; for a block the subject is already written.
    PropertyList(std::string& out, Layout layout, std::string_view type) : m_out(out), m_layout(layout) {
        if (m_layout == Layout::inline_node) m_out += "[ ";
        m_out += "a ";
        m_out += type;
        m_predicate = "a";
    }

    /// Prepares for one object of `predicate` (a prefixed name with static
    /// storage) and returns the output to write it into.
    std::string& operator()(std::string_view predicate) {
        if (predicate == m_predicate) {
            m_out += ", ";
            return m_out;
        }
        separate();
        m_out += predicate;
        m_out += ' ';
        m_predicate = predicate;
        return m_out;
    }

    /// Starts a new predicate whose text the caller writes next (an IRI of
    /// an extra property); never joined with the following object.
    std::string& new_predicate() {
        separate();
        m_predicate = {};
        return m_out;
    }

    void close() { m_out += m_layout == Layout::block ? " .\n\n" : " ]"; }

private:
    void separate() { m_out += m_layout == Layout::block ? " ;\n    " : " ; "; }

    std::string& m_out;
    Layout m_layout;
    std::string_view m_predicate;
};

// ---------------------------------------------------------------- records

std::string_view type_name(ResourceType type) {
    switch (type) {
        case ResourceType::data_service: return "dcat:DataService";
        // DCAT 3 makes every series a dataset; saying so lets the catalogue
        // list it under dcat:dataset for consumers that do not infer.
        case ResourceType::dataset_series: return "dcat:DatasetSeries, dcat:Dataset";
        case ResourceType::dataset: break;
    }
    return "dcat:Dataset";
}

bool agent_absent(const Agent& a) { return a.empty() && a.type_iri.empty(); }

bool contact_absent(const ContactPoint& c) {
    return c.empty() && c.street.empty() && c.postal_code.empty() && c.locality.empty() && c.country.empty();
}

/// Writes one record (dataset, service or series) with the nodes it refers
/// to. Blank node labels are scoped by the record's sequence number in the
/// document, so they stay unique however many records a document holds.
class RecordEncoder {
public:
    RecordEncoder(std::string& out, std::size_t sequence) : m_out(out) {
        m_label_prefix = "_:ds";
        append_unsigned(m_label_prefix, sequence);
    }

    /// Writes the record and appends its subject (IRI or blank node label) to `subject`.
    void write(const Dataset& d, RecordStatus status, std::string& subject) {
        const std::size_t subject_start = m_out.size();
        if (d.iri.empty())
            m_out += m_label_prefix;
        else
            append_iri(m_out, d.iri);
        subject.append(m_out, subject_start, m_out.size() - subject_start);
        m_out += ' ';

        PropertyList p(m_out, PropertyList::Layout::block, type_name(d.type));
        if (!d.identifier.empty()) append_string(p("dct:identifier"), d.identifier);
        for (const auto& id : d.other_identifiers) {
            if (id.empty()) continue;
            PropertyList node(p("adms:identifier"), PropertyList::Layout::inline_node, "adms:Identifier");
            append_string(node("skos:notation"), id);
            node.close();
        }
        lang_strings(p, "dct:title", d.title);
        lang_strings(p, "dct:description", d.description);
        lang_strings(p, "dcat:keyword", d.keywords);
        iris(p, "dcat:theme", d.themes);
        agent(p, "dct:publisher", d.publisher);
        for (const auto& c : d.contact_points) contact_point(p, c);
        for (const auto& a : d.creators) agent(p, "dct:creator", a);
        for (const auto& a : d.originators) agent(p, "dcatde:originator", a);
        for (const auto& a : d.maintainers) agent(p, "dcatde:maintainer", a);
        for (const auto& a : d.contributors) agent(p, "dct:contributor", a);
        iris(p, "dcatde:contributorID", d.contributor_ids);
        iris(p, "dcatde:politicalGeocodingURI", d.political_geocoding_uris);
        iri(p, "dcatde:politicalGeocodingLevelURI", d.political_geocoding_level);
        if (!d.geocoding_text.empty()) {
            append_string(p("dcatde:geocodingDescription"), d.geocoding_text);
            m_out += "@de";
        }
        for (const auto& s : d.spatial) described_iri(p, "dct:spatial", s, "dct:Location");
        literal(p, "dcatde:legalBasis", d.legal_basis);
        iri(p, "dcatde:qualityProcessURI", d.quality_process);
        for (const auto& period : d.temporal) {
            if (period.empty()) continue;
            PropertyList node(p("dct:temporal"), PropertyList::Layout::inline_node, "dct:PeriodOfTime");
            if (!period.start.empty()) append_date(node("dcat:startDate"), period.start);
            if (!period.end.empty()) append_date(node("dcat:endDate"), period.end);
            node.close();
        }
        date(p, "dct:issued", d.issued);
        date(p, "dct:modified", d.modified);
        iri(p, "dct:accrualPeriodicity", d.frequency);
        iris(p, "dct:language", d.languages);
        iri(p, "dcat:landingPage", d.landing_page);
        iris(p, "foaf:page", d.pages);
        iris(p, "dct:conformsTo", d.conforms_to);
        iri(p, "dct:accessRights", d.access_rights);
        literal(p, "owl:versionInfo", d.version);
        literal(p, "adms:versionNotes", d.version_notes);
        literal(p, "dcatde:licenseAttributionByText", d.licence_attribution);
        iris(p, "dct:relation", d.related);
        iris(p, "dct:source", d.source_urls);
        iris(p, "dcat:inSeries", d.in_series);
        if (status == RecordStatus::deprecated) append_iri(p("adms:status"), k_status_deprecated);
        if (status == RecordStatus::withdrawn) append_iri(p("adms:status"), k_status_withdrawn);

        std::vector<std::string> distribution_subjects;
        distribution_subjects.reserve(d.distributions.size());
        for (std::size_t i = 0; i < d.distributions.size(); ++i) {
            std::string& s = distribution_subjects.emplace_back();
            if (d.distributions[i].iri.empty()) {
                s = m_label_prefix;
                s += "_dist";
                append_unsigned(s, i + 1);
            } else {
                append_iri(s, d.distributions[i].iri);
            }
            p("dcat:distribution") += s;
        }
        extras(p, d.extra);
        p.close();
        write_pending();

        for (std::size_t i = 0; i < d.distributions.size(); ++i) {
            distribution(d.distributions[i], distribution_subjects[i]);
            write_pending();
        }
    }

private:
    /// A node referenced by IRI whose description follows the current block.
    struct Pending {
        enum class Kind { agent, contact, typed };
        Kind kind;
        std::string_view iri;
        const Agent* agent = nullptr;
        const ContactPoint* contact = nullptr;
        std::string_view type;  ///< for Kind::typed
    };

    void distribution(const Distribution& dist, std::string_view subject) {
        m_out += subject;
        m_out += ' ';
        PropertyList p(m_out, PropertyList::Layout::block, "dcat:Distribution");
        lang_strings(p, "dct:title", dist.title);
        lang_strings(p, "dct:description", dist.description);
        // K39: a direct download URL is also an access URL; DCAT-AP requires one.
        iris(p, "dcat:accessURL", dist.access_urls.empty() ? dist.download_urls : dist.access_urls);
        iris(p, "dcat:downloadURL", dist.download_urls);
        iri(p, "dcat:accessService", dist.access_service);
        iri(p, "dct:format", dist.format);
        iri(p, "dcat:mediaType", dist.media_type);
        iri(p, "dcat:compressFormat", dist.compress_format);
        iri(p, "dcat:packageFormat", dist.package_format);
        if (dist.byte_size) {
            std::string& out = p("dcat:byteSize");
            out += '"';
            append_unsigned(out, *dist.byte_size);
            out += "\"^^xsd:nonNegativeInteger";
        }
        licence(p, dist.licence);
        literal(p, "dcatde:licenseAttributionByText", dist.licence_attribution);
        if (looks_like_iri(dist.rights)) {
            described_iri(p, "dct:rights", dist.rights, "dct:RightsStatement");
        } else if (!dist.rights.empty()) {
            PropertyList node(p("dct:rights"), PropertyList::Layout::inline_node, "dct:RightsStatement");
            append_string(node("rdfs:label"), dist.rights);
            node.close();
        }
        date(p, "dct:issued", dist.issued);
        date(p, "dct:modified", dist.modified);
        iri(p, "adms:status", dist.status);
        iri(p, "dcatap:availability", dist.availability);
        iris(p, "dct:language", dist.languages);
        iris(p, "dct:conformsTo", dist.conforms_to);
        iris(p, "foaf:page", dist.pages);
        if (dist.checksum && !(dist.checksum->algorithm.empty() && dist.checksum->value.empty())) {
            const auto& checksum = *dist.checksum;
            PropertyList node(p("spdx:checksum"), PropertyList::Layout::inline_node, "spdx:Checksum");
            if (!checksum.algorithm.empty()) append_iri(node("spdx:algorithm"), checksum.algorithm);
            if (!checksum.value.empty()) {
                append_string(node("spdx:checksumValue"), checksum.value);
                if (is_hex_binary(checksum.value)) m_out += "^^xsd:hexBinary";
            }
            node.close();
        }
        extras(p, dist.extra);
        p.close();
    }

    /// dct:license: the IRI as a dct:LicenseDocument; without an IRI, the
    /// licence text as delivered in a blank dct:LicenseDocument (no IRI is invented).
    void licence(PropertyList& p, const Licence& l) {
        if (!l.iri.empty()) {
            described_iri(p, "dct:license", l.iri, "dct:LicenseDocument");
        } else if (!l.original.empty()) {
            PropertyList node(p("dct:license"), PropertyList::Layout::inline_node, "dct:LicenseDocument");
            append_string(node("rdfs:label"), l.original);
            node.close();
        }
    }

    void agent(PropertyList& p, std::string_view predicate, const Agent& a) {
        if (agent_absent(a)) return;
        if (a.iri.empty()) {
            PropertyList node(p(predicate), PropertyList::Layout::inline_node, "foaf:Agent");
            agent_properties(node, a);
            node.close();
            return;
        }
        append_iri(p(predicate), a.iri);
        if (first_mention(a.iri, Pending::Kind::agent)) m_pending.push_back({Pending::Kind::agent, a.iri, &a, nullptr, {}});
    }

    void agent_properties(PropertyList& node, const Agent& a) {
        if (!a.name.empty()) append_string(node("foaf:name"), a.name);
        if (!a.email.empty()) append_scheme_iri(node("foaf:mbox"), "mailto:", a.email);
        if (!a.homepage.empty()) append_iri(node("foaf:homepage"), a.homepage);
        if (!a.type_iri.empty()) append_iri(node("dct:type"), a.type_iri);
    }

    void contact_point(PropertyList& p, const ContactPoint& c) {
        if (contact_absent(c)) return;
        if (c.iri.empty()) {
            PropertyList node(p("dcat:contactPoint"), PropertyList::Layout::inline_node, "vcard:Kind");
            contact_properties(node, c);
            node.close();
            return;
        }
        append_iri(p("dcat:contactPoint"), c.iri);
        if (first_mention(c.iri, Pending::Kind::contact))
            m_pending.push_back({Pending::Kind::contact, c.iri, nullptr, &c, {}});
    }

    void contact_properties(PropertyList& node, const ContactPoint& c) {
        if (!c.name.empty()) append_string(node("vcard:fn"), c.name);
        if (!c.email.empty()) append_scheme_iri(node("vcard:hasEmail"), "mailto:", c.email);
        if (!c.url.empty()) append_iri(node("vcard:hasURL"), c.url);
        if (!c.telephone.empty()) append_scheme_iri(node("vcard:hasTelephone"), "tel:", c.telephone);
        if (c.street.empty() && c.postal_code.empty() && c.locality.empty() && c.country.empty()) return;
        PropertyList address(node("vcard:hasAddress"), PropertyList::Layout::inline_node, "vcard:Address");
        if (!c.street.empty()) append_string(address("vcard:street-address"), c.street);
        if (!c.postal_code.empty()) append_string(address("vcard:postal-code"), c.postal_code);
        if (!c.locality.empty()) append_string(address("vcard:locality"), c.locality);
        if (!c.country.empty()) append_string(address("vcard:country-name"), c.country);
        address.close();
    }

    /// `predicate <value>`, and `<value> a type` once per record after the block.
    void described_iri(PropertyList& p, std::string_view predicate, std::string_view value, std::string_view type) {
        if (value.empty()) return;
        append_iri(p(predicate), value);
        if (first_mention(value, Pending::Kind::typed, type))
            m_pending.push_back({Pending::Kind::typed, value, nullptr, nullptr, type});
    }

    bool first_mention(std::string_view iri, Pending::Kind kind, std::string_view type = {}) {
        for (const auto& p : m_pending)
            if (p.kind == kind && p.iri == iri && p.type == type) return false;
        for (const auto& p : m_written)
            if (p.kind == kind && p.iri == iri && p.type == type) return false;
        return true;
    }

    void write_pending() {
        for (const auto& pending : m_pending) {
            append_iri(m_out, pending.iri);
            m_out += ' ';
            switch (pending.kind) {
                case Pending::Kind::agent: {
                    PropertyList p(m_out, PropertyList::Layout::block, "foaf:Agent");
                    agent_properties(p, *pending.agent);
                    p.close();
                    break;
                }
                case Pending::Kind::contact: {
                    PropertyList p(m_out, PropertyList::Layout::block, "vcard:Kind");
                    contact_properties(p, *pending.contact);
                    p.close();
                    break;
                }
                case Pending::Kind::typed: {
                    PropertyList p(m_out, PropertyList::Layout::block, pending.type);
                    p.close();
                    break;
                }
            }
            m_written.push_back(pending);
        }
        m_pending.clear();
    }

    void extras(PropertyList& p, const std::vector<ExtraProperty>& extra) {
        for (const auto& e : extra) {
            if (e.predicate.empty()) continue;
            if (e.object.kind == Term::Kind::iri && e.object.value.empty()) continue;
            std::string& out = p.new_predicate();
            append_iri(out, e.predicate);
            out += ' ';
            term(e.object);
        }
    }

    void term(const Term& t) {
        switch (t.kind) {
            case Term::Kind::iri: append_iri(m_out, t.value); return;
            case Term::Kind::blank: m_out += blank_label(t.value); return;
            case Term::Kind::literal:
                append_string(m_out, t.value);
                if (!t.lang.empty())
                    append_lang(m_out, t.lang);
                else if (!t.datatype.empty())
                    append_datatype(m_out, t.datatype);
                return;
        }
    }

    /// A fresh label for a blank node of the source; the same source label
    /// within one record gets the same fresh label.
    std::string blank_label(std::string_view original) {
        std::size_t number = 0;
        for (std::size_t k = 0; k < m_blank_labels.size(); ++k)
            if (m_blank_labels[k] == original) number = k + 1;
        if (number == 0) {
            m_blank_labels.push_back(original);
            number = m_blank_labels.size();
        }
        std::string label = m_label_prefix;
        label += "_b";
        append_unsigned(label, number);
        return label;
    }

    void lang_strings(PropertyList& p, std::string_view predicate, const std::vector<LangString>& values) {
        for (const auto& v : values)
            if (!v.value.empty()) append_lang_string(p(predicate), v);
    }

    void iri(PropertyList& p, std::string_view predicate, std::string_view value) {
        if (!value.empty()) append_iri(p(predicate), value);
    }

    void iris(PropertyList& p, std::string_view predicate, const std::vector<std::string>& values) {
        for (const auto& v : values) iri(p, predicate, v);
    }

    void literal(PropertyList& p, std::string_view predicate, std::string_view value) {
        if (!value.empty()) append_string(p(predicate), value);
    }

    void date(PropertyList& p, std::string_view predicate, std::string_view value) {
        if (!value.empty()) append_date(p(predicate), value);
    }

    std::string& m_out;
    std::string m_label_prefix;
    std::vector<Pending> m_pending;
    std::vector<Pending> m_written;
    std::vector<std::string_view> m_blank_labels;
};

}  // namespace

// ---------------------------------------------------------------- public

std::string turtle_iri(std::string_view iri) {
    std::string out;
    append_iri(out, iri);
    return out;
}

std::string turtle_literal(std::string_view value) {
    std::string out;
    append_string(out, value);
    return out;
}

std::string turtle_date(std::string_view value) {
    std::string out;
    append_date(out, value);
    return out;
}

TurtleWriter::TurtleWriter(std::ostream& out) : m_out(out) {}

TurtleWriter::~TurtleWriter() {
    try {
        flush();
    } catch (...) {
        // A destructor must not throw; the stream's state tells what happened.
    }
}

void TurtleWriter::begin(const CatalogInfo& catalog) {
    if (m_begun) throw std::logic_error("TurtleWriter::begin called twice");
    m_begun = true;
    m_catalog = catalog;
    m_buffer.reserve(k_flush_threshold + k_flush_threshold / 4);
    m_buffer += k_prologue;
}

void TurtleWriter::write_dataset(const model::Dataset& dataset, RecordStatus status) {
    if (!m_begun || m_ended) throw std::logic_error("TurtleWriter::write_dataset called outside begin() ... end()");
    ++m_dataset_count;
    std::string& refs = dataset.type == ResourceType::data_service ? m_service_refs : m_dataset_refs;
    RecordEncoder(m_buffer, m_dataset_count).write(dataset, status, refs);
    refs += '\n';
    flush_if_full();
}

void TurtleWriter::end() {
    if (!m_begun || m_ended) throw std::logic_error("TurtleWriter::end called without begin() or twice");
    m_ended = true;
    std::string& out = m_buffer;
    if (m_catalog.iri.empty())
        out += "_:catalog";
    else
        append_iri(out, m_catalog.iri);
    out += ' ';
    PropertyList p(out, PropertyList::Layout::block, "dcat:Catalog");
    if (!m_catalog.title.empty()) {
        append_string(p("dct:title"), m_catalog.title);
        out += "@de";
    }
    if (!m_catalog.description.empty()) {
        append_string(p("dct:description"), m_catalog.description);
        out += "@de";
    }
    if (!m_catalog.publisher_iri.empty()) {
        append_iri(p("dct:publisher"), m_catalog.publisher_iri);
    } else if (!m_catalog.publisher_name.empty()) {
        PropertyList node(p("dct:publisher"), PropertyList::Layout::inline_node, "foaf:Agent");
        append_string(node("foaf:name"), m_catalog.publisher_name);
        node.close();
    }
    if (!m_catalog.homepage.empty()) append_iri(p("foaf:homepage"), m_catalog.homepage);
    if (!m_catalog.language.empty()) append_iri(p("dct:language"), m_catalog.language);
    if (!m_dataset_refs.empty()) write_references(p("dcat:dataset"), m_dataset_refs);
    if (!m_service_refs.empty()) write_references(p("dcat:service"), m_service_refs);
    p.close();
    if (!m_catalog.publisher_iri.empty()) {
        append_iri(out, m_catalog.publisher_iri);
        out += ' ';
        PropertyList agent(out, PropertyList::Layout::block, "foaf:Agent");
        if (!m_catalog.publisher_name.empty()) append_string(agent("foaf:name"), m_catalog.publisher_name);
        agent.close();
    }
    flush();
    m_out.flush();
}

void TurtleWriter::write_references(std::string& out, std::string_view references) {
    // One rendered subject per line; written as an object list, one per line.
    bool first = true;
    while (!references.empty()) {
        const std::size_t end = references.find('\n');
        if (!first) out += k_reference_separator;
        first = false;
        out += references.substr(0, end);
        references.remove_prefix(end + 1);
        flush_if_full();
    }
}

void TurtleWriter::flush_if_full() {
    if (m_buffer.size() >= k_flush_threshold) flush();
}

void TurtleWriter::flush() {
    if (m_buffer.empty()) return;
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
}

std::string dataset_to_turtle(const model::Dataset& dataset, RecordStatus status) {
    std::string out(k_prologue);
    std::string subject;
    RecordEncoder(out, 1).write(dataset, status, subject);
    return out;
}

}  // namespace ernte::catalog
