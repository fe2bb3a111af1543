#include "catalog/export_graph.hpp"

#include "catalog/export_text.hpp"
#include "catalog/normalize.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace ernte::catalog::rdf_export {

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

constexpr std::string_view k_status_deprecated = "http://purl.org/adms/status/Deprecated";
constexpr std::string_view k_status_withdrawn = "http://purl.org/adms/status/Withdrawn";
constexpr std::string_view k_rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Names of the mapping, as terms of the declared namespaces.
constexpr Iri adms(std::string_view name) { return {"adms", name}; }
constexpr Iri dcat(std::string_view name) { return {"dcat", name}; }
constexpr Iri dcatap(std::string_view name) { return {"dcatap", name}; }
constexpr Iri dcatde(std::string_view name) { return {"dcatde", name}; }
constexpr Iri dct(std::string_view name) { return {"dct", name}; }
constexpr Iri foaf(std::string_view name) { return {"foaf", name}; }
constexpr Iri owl(std::string_view name) { return {"owl", name}; }
constexpr Iri rdfs(std::string_view name) { return {"rdfs", name}; }
constexpr Iri skos(std::string_view name) { return {"skos", name}; }
constexpr Iri spdx(std::string_view name) { return {"spdx", name}; }
constexpr Iri vcard(std::string_view name) { return {"vcard", name}; }
constexpr Iri xsd(std::string_view name) { return {"xsd", name}; }

constexpr std::array<Iri, 1> k_dataset_types = {dcat("Dataset")};
constexpr std::array<Iri, 1> k_service_types = {dcat("DataService")};
// DCAT 3 makes every series a dataset; saying so lets the catalogue list it
// under dcat:dataset for consumers that do not infer.
constexpr std::array<Iri, 2> k_series_types = {dcat("DatasetSeries"), dcat("Dataset")};
constexpr std::array<Iri, 1> k_catalog_types = {dcat("Catalog")};

std::span<const Iri> record_types(ResourceType type) {
    switch (type) {
        case ResourceType::data_service: return k_service_types;
        case ResourceType::dataset_series: return k_series_types;
        case ResourceType::dataset: break;
    }
    return k_dataset_types;
}

/// Classes of the nodes a predicate refers to (DCAT-AP 3.0 ranges), for the
/// blank nodes of the source that did not say what they are: the shapes check
/// the class, and a reader should not have to infer it.
struct Range {
    std::string_view predicate;
    Iri type;
};

constexpr std::array<Range, 33> k_ranges = {{
    {"http://purl.org/dc/terms/spatial", dct("Location")},
    {"http://purl.org/dc/terms/temporal", dct("PeriodOfTime")},
    {"http://purl.org/dc/terms/provenance", dct("ProvenanceStatement")},
    {"http://purl.org/dc/terms/publisher", foaf("Agent")},
    {"http://purl.org/dc/terms/creator", foaf("Agent")},
    {"http://purl.org/dc/terms/contributor", foaf("Agent")},
    {"http://purl.org/dc/terms/rightsHolder", foaf("Agent")},
    {"http://dcat-ap.de/def/dcatde/originator", foaf("Agent")},
    {"http://dcat-ap.de/def/dcatde/maintainer", foaf("Agent")},
    {"http://purl.org/dc/terms/license", dct("LicenseDocument")},
    {"http://purl.org/dc/terms/rights", dct("RightsStatement")},
    {"http://purl.org/dc/terms/accessRights", dct("RightsStatement")},
    {"http://purl.org/dc/terms/conformsTo", dct("Standard")},
    {"http://purl.org/dc/terms/language", dct("LinguisticSystem")},
    {"http://purl.org/dc/terms/format", dct("MediaTypeOrExtent")},
    {"http://purl.org/dc/terms/accrualPeriodicity", dct("Frequency")},
    {"http://purl.org/dc/terms/type", skos("Concept")},
    {"http://www.w3.org/ns/dcat#contactPoint", vcard("Kind")},
    {"http://www.w3.org/ns/dcat#accessService", dcat("DataService")},
    {"http://www.w3.org/ns/dcat#distribution", dcat("Distribution")},
    {"http://www.w3.org/ns/dcat#servesDataset", dcat("Dataset")},
    {"http://www.w3.org/ns/dcat#inSeries", dcat("DatasetSeries")},
    {"http://www.w3.org/ns/dcat#qualifiedRelation", dcat("Relationship")},
    {"http://www.w3.org/ns/dcat#theme", skos("Concept")},
    {"http://www.w3.org/ns/dcat#mediaType", dct("MediaType")},
    {"http://www.w3.org/ns/adms#identifier", adms("Identifier")},
    {"http://www.w3.org/ns/adms#sample", dcat("Distribution")},
    {"http://www.w3.org/ns/adms#status", skos("Concept")},
    {"http://spdx.org/rdf/terms#checksum", spdx("Checksum")},
    {"http://xmlns.com/foaf/0.1/page", foaf("Document")},
    {"http://xmlns.com/foaf/0.1/homepage", foaf("Document")},
    {"http://www.w3.org/2006/vcard/ns#hasAddress", vcard("Address")},
    {"http://data.europa.eu/r5r/availability", skos("Concept")},
}};

Iri range_of(std::string_view predicate) {
    for (const Range& r : k_ranges)
        if (r.predicate == predicate) return r.type;
    return {};
}

/// Dataset-level extras that describe a place (the CKAN normalizer keeps
/// `spatial`, `spatial_bbox` and `spatial_centroid` there): written inside a
/// dct:Location, where DCAT-AP puts them.
constexpr std::array<std::string_view, 3> k_geometry_predicates = {
    "http://www.w3.org/ns/locn#geometry",
    "http://www.w3.org/ns/dcat#bbox",
    "http://www.w3.org/ns/dcat#centroid",
};

constexpr std::string_view k_locn_geometry = "http://www.w3.org/ns/locn#geometry";
constexpr std::string_view k_geosparql = "http://www.opengis.net/ont/geosparql#";

/// The GeoSPARQL property that carries a geometry literal of this datatype
/// (or, without a known datatype, of this text).
std::string_view geometry_serialization(const Term& literal) {
    const std::string_view datatype = literal.datatype;
    if (datatype.ends_with("geo+json") || datatype == "http://www.opengis.net/ont/geosparql#geoJSONLiteral")
        return "http://www.opengis.net/ont/geosparql#asGeoJSON";
    if (datatype == "http://www.opengis.net/ont/geosparql#gmlLiteral")
        return "http://www.opengis.net/ont/geosparql#asGML";
    if (datatype.empty() || !datatype.starts_with(k_geosparql)) {
        const std::size_t start = literal.value.find_first_not_of(" \t\r\n");
        if (start != std::string::npos && literal.value[start] == '{')
            return "http://www.opengis.net/ont/geosparql#asGeoJSON";
        if (start != std::string::npos && literal.value[start] == '<')
            return "http://www.opengis.net/ont/geosparql#asGML";
    }
    return "http://www.opengis.net/ont/geosparql#asWKT";
}

bool is_geometry(const ExtraProperty& e) {
    if (e.object.kind != Term::Kind::literal || !e.children.empty()) return false;
    for (std::string_view p : k_geometry_predicates)
        if (e.predicate == p) return true;
    return false;
}

/// An extra every syntax can write: an absolute predicate, and an object that is not an empty IRI.
bool writable(const ExtraProperty& e) {
    if (!has_scheme(e.predicate)) return false;
    return !(e.object.kind == Term::Kind::iri && e.object.value.empty());
}

bool is_type_statement(const ExtraProperty& e) {
    return e.predicate == k_rdf_type && e.object.kind == Term::Kind::iri && !e.object.value.empty();
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex_binary(std::string_view v) {
    if (v.size() % 2 != 0) return false;
    for (char c : v)
        if (!is_digit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
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

bool agent_absent(const Agent& a) { return a.empty() && a.type_iri.empty(); }

bool contact_absent(const ContactPoint& c) {
    return c.empty() && c.street.empty() && c.postal_code.empty() && c.locality.empty() && c.country.empty();
}

/// Forwards to a sink. A node begun with begin_shared_node() writes each of
/// its statements once per record: a node that two properties name (an agent
/// that is the publisher and, as a property ernte keeps as delivered, the
/// rights holder) is described twice, and the second description adds only
/// what the first did not say. Such a node with no class left to write and
/// nothing new to say is not written at all.
class OnceSink final : public GraphSink {
public:
    explicit OnceSink(GraphSink& out) : m_out(out) {}

    void begin_node(const Value& subject, std::span<const Iri> types, NodeStyle style) override {
        m_tracked = false;
        m_depth = 0;
        m_out.begin_node(subject, types, style);
        m_open = true;
    }

    /// Begins the description of an IRI node that other properties of the record may describe too.
    void begin_shared_node(std::string_view iri, std::span<const Iri> types) {
        m_tracked = true;
        m_depth = 0;
        m_subject = Value::of_iri({{}, iri});
        m_types.assign(types.begin(), types.end());
        m_open = false;
        m_key_prefix.assign(iri);
        if (!types.empty()) open();
    }

    void end_node() override {
        if (m_open) m_out.end_node();
        m_open = false;
        m_tracked = false;
    }

    void statement(const Iri& predicate, const Value& object) override {
        if (m_tracked && m_depth == 0) {
            std::string key = m_key_prefix;
            key += '\x1f';
            append_iri(key, predicate);
            key += '\x1f';
            key += static_cast<char>('0' + static_cast<int>(object.kind));
            if (object.kind == Value::Kind::iri) append_iri(key, object.iri);
            else key += object.text;
            key += '\x1f';
            key += object.lang;
            key += '\x1f';
            append_iri(key, object.datatype);
            if (std::find(m_seen.begin(), m_seen.end(), key) != m_seen.end()) return;
            m_seen.push_back(std::move(key));
        }
        open();
        m_out.statement(predicate, object);
    }

    void begin_nested(const Iri& predicate, std::span<const Iri> types) override {
        open();
        ++m_depth;
        m_out.begin_nested(predicate, types);
    }

    void end_nested() override {
        --m_depth;
        m_out.end_nested();
    }

private:
    void open() {
        if (m_open) return;
        m_out.begin_node(m_subject, m_types, NodeStyle::resource);
        m_open = true;
    }

    static void append_iri(std::string& out, const Iri& iri) {
        out += iri.prefix.empty() ? std::string_view{} : namespace_iri(iri.prefix);
        out += iri.name;
    }

    GraphSink& m_out;
    bool m_tracked = false;
    bool m_open = false;
    int m_depth = 0;
    Value m_subject;
    std::vector<Iri> m_types;
    std::string m_key_prefix;
    std::vector<std::string> m_seen;  ///< statements of tracked nodes in this record (few: a handful of nodes)
};

/// Describes one record. Nodes referenced by IRI (agents, contact points,
/// licence documents, locations) are described once per record, after the
/// node that first refers to them.
class RecordMapper {
public:
    RecordMapper(GraphSink& sink, std::size_t sequence) : m_sink(sink), m_label_prefix(record_label(sequence)) {}
    RecordMapper(const RecordMapper&) = delete;
    RecordMapper& operator=(const RecordMapper&) = delete;

    void describe(const Dataset& d, RecordStatus status) {
        count_blank_mentions(d);
        if (d.iri.empty())
            m_sink.begin_node(Value::of_blank(m_label_prefix), record_types(d.type), NodeStyle::resource);
        else
            m_sink.begin_node(Value::of_iri({{}, d.iri}), record_types(d.type), NodeStyle::resource);

        if (!d.identifier.empty())
            m_sink.statement(dct("identifier"), Value::of_literal(d.identifier, {}, {{}, d.identifier_datatype}));
        for (const auto& id : d.other_identifiers) {
            if (id.notation.empty()) continue;
            const Iri type = adms("Identifier");
            m_sink.begin_nested(adms("identifier"), {&type, 1});
            m_sink.statement(skos("notation"), Value::of_literal(id.notation, {}, {{}, id.datatype}));
            extras(id.extra, false);
            m_sink.end_nested();
        }
        lang_strings(dct("title"), d.title);
        lang_strings(dct("description"), d.description);
        lang_strings(dcat("keyword"), d.keywords);
        // A theme IRI that is no EU data theme goes out as delivered, as an
        // unmapped frequency or format IRI does.
        iris(dcat("theme"), theme_iris(d));
        agent(dct("publisher"), d.publisher);
        for (const auto& c : d.contact_points) contact_point(c);
        for (const auto& a : d.creators) agent(dct("creator"), a);
        for (const auto& a : d.originators) agent(dcatde("originator"), a);
        for (const auto& a : d.maintainers) agent(dcatde("maintainer"), a);
        for (const auto& a : d.contributors) agent(dct("contributor"), a);
        iris(dcatde("contributorID"), d.contributor_ids);
        iris(dcatde("politicalGeocodingURI"), d.political_geocoding_uris);
        iri(dcatde("politicalGeocodingLevelURI"), d.political_geocoding_level);
        if (!d.geocoding_text.empty())
            m_sink.statement(dcatde("geocodingDescription"), Value::of_literal(d.geocoding_text, "de"));
        for (const auto& s : d.spatial) described_iri(dct("spatial"), s, dct("Location"));
        literal(dcatde("legalBasis"), d.legal_basis);
        iri(dcatde("qualityProcessURI"), d.quality_process);
        for (const auto& period : d.temporal) {
            if (period.empty()) continue;
            const Iri type = dct("PeriodOfTime");
            m_sink.begin_nested(dct("temporal"), {&type, 1});
            date(dcat("startDate"), period.start);
            date(dcat("endDate"), period.end);
            m_sink.end_nested();
        }
        date(dct("issued"), d.issued);
        date(dct("modified"), d.modified);
        iri(dct("accrualPeriodicity"), d.frequency);
        iris(dct("language"), d.languages);
        iri(dcat("landingPage"), d.landing_page);
        iris(foaf("page"), d.pages);
        iris(dct("conformsTo"), d.conforms_to);
        iri(dct("accessRights"), d.access_rights);
        literal(dcat("version"), d.version);
        literal(adms("versionNotes"), d.version_notes, d.version_notes_lang);
        literal(dcatde("licenseAttributionByText"), d.licence_attribution);
        // DCAT 3 allows a licence on any resource; the record's own licence is
        // kept even where its distributions carry one.
        licence(d.licence);
        iris(dct("relation"), d.related);
        iris(dct("source"), d.source_urls);
        iris(dcat("inSeries"), d.in_series);
        iris(dcat("endpointURL"), d.endpoint_urls);
        iris(dcat("endpointDescription"), d.endpoint_descriptions);
        iris(dcat("servesDataset"), d.serves_datasets);
        if (status == RecordStatus::deprecated)
            m_sink.statement(adms("status"), Value::of_iri({{}, k_status_deprecated}));
        if (status == RecordStatus::withdrawn)
            m_sink.statement(adms("status"), Value::of_iri({{}, k_status_withdrawn}));

        for (std::size_t i = 0; i < d.distributions.size(); ++i)
            m_sink.statement(dcat("distribution"), distribution_subject(d.distributions[i], i));
        extras(d.extra, true);
        m_sink.end_node();
        write_pending();

        for (std::size_t i = 0; i < d.distributions.size(); ++i) {
            distribution(d.distributions[i], i);
            write_pending();
        }
    }

private:
    /// A node referenced by IRI or label whose description follows the current top-level node.
    struct Pending {
        enum class Kind { agent, contact, typed, described, blank };
        Kind kind;
        std::string_view iri;
        const Agent* agent = nullptr;
        const ContactPoint* contact = nullptr;
        Iri type;                             ///< Kind::typed
        const ExtraProperty* extra = nullptr;  ///< Kind::described and blank: the statement that refers to it
        std::size_t number = 0;               ///< Kind::blank: the label number
    };

    /// A blank node label of the source, as the record uses it.
    struct BlankLabel {
        std::string_view original;
        std::size_t mentions = 0;
        std::size_t number = 0;  ///< 0 until the node is written with a label
        bool described = false;
    };

    Value distribution_subject(const Distribution& dist, std::size_t index) {
        if (!dist.iri.empty()) return Value::of_iri({{}, dist.iri});
        m_scratch = m_label_prefix;
        m_scratch += "_dist";
        append_unsigned(m_scratch, index + 1);
        return Value::of_blank(m_scratch);
    }

    void distribution(const Distribution& dist, std::size_t index) {
        const Iri type = dcat("Distribution");
        m_sink.begin_node(distribution_subject(dist, index), {&type, 1}, NodeStyle::resource);
        lang_strings(dct("title"), dist.title);
        lang_strings(dct("description"), dist.description);
        // K39: a direct download URL is also an access URL; DCAT-AP requires one.
        iris(dcat("accessURL"), dist.access_urls.empty() ? dist.download_urls : dist.access_urls);
        iris(dcat("downloadURL"), dist.download_urls);
        iri(dcat("accessService"), dist.access_service);
        iri(dct("format"), dist.format);
        iri(dcat("mediaType"), dist.media_type);
        iri(dcat("compressFormat"), dist.compress_format);
        iri(dcat("packageFormat"), dist.package_format);
        if (dist.byte_size) {
            std::string digits;
            append_unsigned(digits, *dist.byte_size);
            m_sink.statement(dcat("byteSize"), Value::of_literal(digits, {}, xsd("nonNegativeInteger")));
        }
        licence(dist.licence);
        literal(dcatde("licenseAttributionByText"), dist.licence_attribution);
        if (looks_like_iri(dist.rights)) {
            described_iri(dct("rights"), dist.rights, dct("RightsStatement"));
        } else if (!dist.rights.empty()) {
            const Iri type = dct("RightsStatement");
            m_sink.begin_nested(dct("rights"), {&type, 1});
            literal(rdfs("label"), dist.rights);
            m_sink.end_nested();
        }
        date(dct("issued"), dist.issued);
        date(dct("modified"), dist.modified);
        iri(adms("status"), dist.status);
        iri(dcatap("availability"), dist.availability);
        iris(dct("language"), dist.languages);
        iris(dct("conformsTo"), dist.conforms_to);
        iris(foaf("page"), dist.pages);
        if (dist.checksum && !(dist.checksum->algorithm.empty() && dist.checksum->value.empty())) {
            const auto& checksum = *dist.checksum;
            const Iri type = spdx("Checksum");
            m_sink.begin_nested(spdx("checksum"), {&type, 1});
            iri(spdx("algorithm"), checksum.algorithm);
            if (!checksum.value.empty())
                m_sink.statement(spdx("checksumValue"),
                                 Value::of_literal(checksum.value, {},
                                                   is_hex_binary(checksum.value) ? xsd("hexBinary") : Iri{}));
            m_sink.end_nested();
        }
        extras(dist.extra, false);
        m_sink.end_node();
    }

    /// dct:license: the IRI as a dct:LicenseDocument; without an IRI, the
    /// licence text as delivered in a blank dct:LicenseDocument (no IRI is invented).
    void licence(const Licence& l) {
        if (!l.iri.empty()) {
            described_iri(dct("license"), l.iri, dct("LicenseDocument"));
        } else if (!l.original.empty()) {
            const Iri type = dct("LicenseDocument");
            m_sink.begin_nested(dct("license"), {&type, 1});
            literal(rdfs("label"), l.original);
            m_sink.end_nested();
        }
    }

    void agent(const Iri& predicate, const Agent& a) {
        if (agent_absent(a)) return;
        if (a.iri.empty()) {
            m_sink.begin_nested(predicate, types_with(foaf("Agent"), a.classes));
            agent_properties(a);
            m_sink.end_nested();
            return;
        }
        m_sink.statement(predicate, Value::of_iri({{}, a.iri}));
        // An agent the source only referred to is not described here either:
        // a node typed foaf:Agent without foaf:name would fail DCAT-AP.de,
        // which the reference alone does not.
        if (a.only_referenced()) return;
        if (first_mention(a.iri, Pending::Kind::agent)) m_pending.push_back({Pending::Kind::agent, a.iri, &a});
    }

    /// `type` and the classes the source gave beside it: foaf:Agent for an
    /// agent, vcard:Kind for a contact point (the shapes check the class,
    /// without inferring it from foaf:Organization or vcard:Individual).
    static std::vector<Iri> types_with(const Iri& type, const std::vector<std::string>& classes) {
        std::vector<Iri> types{type};
        for (const std::string& c : classes) {
            const Iri other = compact(c);
            if (std::find(types.begin(), types.end(), other) == types.end()) types.push_back(other);
        }
        return types;
    }

    void agent_properties(const Agent& a) {
        literal(foaf("name"), a.name, a.name_lang);
        scheme_iri(foaf("mbox"), "mailto:", a.email);
        iri(foaf("homepage"), a.homepage);
        iri(dct("type"), a.type_iri);
        extras(a.extra, false);
    }

    void contact_point(const ContactPoint& c) {
        if (contact_absent(c)) return;
        if (c.iri.empty()) {
            m_sink.begin_nested(dcat("contactPoint"), types_with(vcard("Kind"), c.classes));
            contact_properties(c);
            m_sink.end_nested();
            return;
        }
        m_sink.statement(dcat("contactPoint"), Value::of_iri({{}, c.iri}));
        if (first_mention(c.iri, Pending::Kind::contact))
            m_pending.push_back({Pending::Kind::contact, c.iri, nullptr, &c});
    }

    void contact_properties(const ContactPoint& c) {
        literal(vcard("fn"), c.name, c.name_lang);
        scheme_iri(vcard("hasEmail"), "mailto:", c.email);
        iri(vcard("hasURL"), c.url);
        scheme_iri(vcard("hasTelephone"), "tel:", c.telephone);
        extras(c.extra, false);
        if (c.street.empty() && c.postal_code.empty() && c.locality.empty() && c.country.empty()) return;
        const Iri type = vcard("Address");
        m_sink.begin_nested(vcard("hasAddress"), {&type, 1});
        literal(vcard("street-address"), c.street);
        literal(vcard("postal-code"), c.postal_code);
        literal(vcard("locality"), c.locality);
        literal(vcard("country-name"), c.country);
        m_sink.end_nested();
    }

    /// `predicate <value>`, and `<value> a type` once per record after the current node.
    void described_iri(const Iri& predicate, std::string_view value, const Iri& type) {
        if (value.empty()) return;
        m_sink.statement(predicate, Value::of_iri({{}, value}));
        if (first_mention(value, Pending::Kind::typed, type))
            m_pending.push_back({Pending::Kind::typed, value, nullptr, nullptr, type});
    }

    bool first_mention(std::string_view iri, Pending::Kind kind, const Iri& type = {}) const {
        for (const auto& p : m_pending)
            if (p.kind == kind && p.iri == iri && p.type == type) return false;
        for (const auto& p : m_written)
            if (p.kind == kind && p.iri == iri && p.type == type) return false;
        return true;
    }

    void write_pending() {
        // Describing a blank node may queue another one (a labelled node inside it).
        for (std::size_t k = 0; k < m_pending.size(); ++k) {
            const Pending pending = m_pending[k];
            switch (pending.kind) {
                case Pending::Kind::agent: {
                    const std::vector<Iri> types = new_types(pending.iri, types_with(foaf("Agent"), pending.agent->classes));
                    m_sink.begin_shared_node(pending.iri, types);
                    agent_properties(*pending.agent);
                    break;
                }
                case Pending::Kind::contact: {
                    const std::vector<Iri> types =
                        new_types(pending.iri, types_with(vcard("Kind"), pending.contact->classes));
                    m_sink.begin_shared_node(pending.iri, types);
                    contact_properties(*pending.contact);
                    break;
                }
                case Pending::Kind::typed:
                    // A licence IRI the source also described (under dct:rights, say) is typed once.
                    if (!new_types(pending.iri, {pending.type}).empty()) {
                        m_sink.begin_shared_node(pending.iri, {&pending.type, 1});
                        break;
                    }
                    m_written.push_back(pending);
                    continue;
                case Pending::Kind::described: {
                    const std::vector<Iri> types = new_types(pending.iri, node_types(*pending.extra));
                    if (types.empty() && !has_description_beyond_types(*pending.extra)) {
                        m_written.push_back(pending);
                        continue;
                    }
                    m_sink.begin_shared_node(pending.iri, types);
                    children(pending.extra->children);
                    break;
                }
                case Pending::Kind::blank: {
                    const std::vector<Iri> types = node_types(*pending.extra);
                    blank_label(pending.number);
                    m_sink.begin_node(Value::of_blank(m_scratch), types, NodeStyle::resource);
                    children(pending.extra->children);
                    break;
                }
            }
            m_sink.end_node();
            m_written.push_back(pending);
        }
        m_pending.clear();
    }

    /// Of `types`, those not yet written for the IRI node `iri` in this
    /// record; they count as written from now on.
    std::vector<Iri> new_types(std::string_view iri, std::vector<Iri> types) {
        std::erase_if(types, [&](const Iri& type) {
            const auto written = std::find_if(m_types_written.begin(), m_types_written.end(), [&](const auto& w) {
                return w.first == iri && w.second == type;
            });
            if (written != m_types_written.end()) return true;
            m_types_written.emplace_back(iri, type);
            return false;
        });
        return types;
    }

    static bool has_description_beyond_types(const ExtraProperty& e) {
        for (const ExtraProperty& child : e.children)
            if (writable(child) && !is_type_statement(child)) return true;
        return false;
    }

    // ------------------------------------------------------------ extras

    void extras(const std::vector<ExtraProperty>& extra, bool wrap_geometry) {
        std::vector<bool> consumed;
        for (std::size_t i = 0; i < extra.size(); ++i) {
            const ExtraProperty& e = extra[i];
            if (!writable(e)) continue;
            if (wrap_geometry && is_geometry(e)) {
                if (consumed.empty()) consumed.assign(extra.size(), false);
                if (!consumed[i]) location(extra, i, consumed);
                continue;
            }
            extra_statement(e);
        }
    }

    /// One dct:Location holding the geometry extras from `first` on, up to the
    /// first that belongs to another place: a second bbox or centroid, or a
    /// second geometry in a serialization the place has already (one place
    /// may give its geometry as GeoJSON and as WKT).
    void location(const std::vector<ExtraProperty>& extra, std::size_t first, std::vector<bool>& consumed) {
        const Iri type = dct("Location");
        m_sink.begin_nested(dct("spatial"), {&type, 1});
        std::vector<const ExtraProperty*> members;
        for (std::size_t j = first; j < extra.size(); ++j) {
            const ExtraProperty& e = extra[j];
            if (consumed[j] || !is_geometry(e) || !writable(e)) continue;
            const bool next_place = std::any_of(members.begin(), members.end(), [&](const ExtraProperty* m) {
                return m->predicate == e.predicate &&
                       (e.predicate != k_locn_geometry || m->object.datatype == e.object.datatype);
            });
            if (next_place) break;
            members.push_back(&e);
            consumed[j] = true;
            extra_statement(e);
        }
        m_sink.end_nested();
    }

    void extra_statement(const ExtraProperty& e) {
        const Iri predicate{{}, e.predicate};
        if (e.predicate == k_locn_geometry && e.object.kind == Term::Kind::literal) {
            geometry(e);
            return;
        }
        switch (e.object.kind) {
            case Term::Kind::iri:
                m_sink.statement(predicate, Value::of_iri({{}, e.object.value}));
                // A node the source described under its IRI: described once per record, after the current node.
                if (has_description(e) && first_mention(e.object.value, Pending::Kind::described)) {
                    Pending pending{Pending::Kind::described, e.object.value};
                    pending.extra = &e;
                    m_pending.push_back(pending);
                }
                return;
            case Term::Kind::literal:
                if (!e.object.lang.empty())
                    m_sink.statement(predicate, Value::of_literal(e.object.value, e.object.lang));
                else
                    m_sink.statement(predicate, Value::of_literal(e.object.value, {}, {{}, e.object.datatype}));
                return;
            case Term::Kind::blank: blank_object(e); return;
        }
    }

    /// locn:geometry given as a literal (DCAT-AP 2, GeoDCAT-AP, the CKAN
    /// normalizer): DCAT-AP 3 makes the geometry a locn:Geometry node, which
    /// carries the literal, unchanged, under its GeoSPARQL serialization property.
    void geometry(const ExtraProperty& e) {
        const Iri type{"locn", "Geometry"};
        m_sink.begin_nested({"locn", "geometry"}, {&type, 1});
        m_sink.statement({{}, geometry_serialization(e.object)},
                         Value::of_literal(e.object.value, e.object.lang,
                                           e.object.lang.empty() ? Iri{{}, e.object.datatype} : Iri{}));
        m_sink.end_nested();
    }

    /// A blank node of the source: described in place when the record refers
    /// to it once, else labelled and described once after the current node.
    void blank_object(const ExtraProperty& e) {
        const Iri predicate{{}, e.predicate};
        BlankLabel& blank = blank_entry(e.object.value);
        const bool described_here = has_description(e);
        if (described_here && blank.mentions == 1) {
            const std::vector<Iri> types = node_types(e);
            m_sink.begin_nested(predicate, types);
            children(e.children);
            m_sink.end_nested();
            return;
        }
        if (blank.number == 0) blank.number = ++m_blank_count;
        blank_label(blank.number);
        m_sink.statement(predicate, Value::of_blank(m_scratch));
        if (described_here && !blank.described) {
            blank.described = true;
            Pending pending{Pending::Kind::blank, {}};
            pending.extra = &e;
            pending.number = blank.number;
            m_pending.push_back(pending);
        }
    }

    void children(const std::vector<ExtraProperty>& statements) {
        for (const ExtraProperty& child : statements)
            if (writable(child) && !is_type_statement(child)) extra_statement(child);
    }

    /// True when the source said something writable about the node `e` refers to.
    static bool has_description(const ExtraProperty& e) {
        for (const ExtraProperty& child : e.children)
            if (writable(child)) return true;
        return false;
    }

    /// The classes of the node `e` refers to: its rdf:type statements, else the range of `e`'s predicate.
    static std::vector<Iri> node_types(const ExtraProperty& e) {
        std::vector<Iri> types;
        for (const ExtraProperty& child : e.children)
            if (is_type_statement(child)) types.push_back(compact(child.object.value));
        if (types.empty()) {
            const Iri range = range_of(e.predicate);
            if (!range.empty()) types.push_back(range);
        }
        return types;
    }

    BlankLabel& blank_entry(std::string_view original) {
        for (auto& b : m_blanks)
            if (b.original == original) return b;
        // Not counted (a label only in a description that is not written): once.
        m_blanks.push_back({original, 1});
        return m_blanks.back();
    }

    void count_blank_mentions(const Dataset& d) {
        count_blank_mentions(d.extra);
        for (const auto& dist : d.distributions) count_blank_mentions(dist.extra);
    }

    void count_blank_mentions(const std::vector<ExtraProperty>& statements) {
        for (const ExtraProperty& e : statements) {
            if (e.object.kind == Term::Kind::blank && writable(e)) {
                bool found = false;
                for (auto& b : m_blanks) {
                    if (b.original != e.object.value) continue;
                    ++b.mentions;
                    found = true;
                    break;
                }
                if (!found) m_blanks.push_back({e.object.value, 1});
            }
            count_blank_mentions(e.children);
        }
    }

    /// Sets m_scratch to the label of the source's blank node number `number`.
    void blank_label(std::size_t number) {
        m_scratch = m_label_prefix;
        m_scratch += "_b";
        append_unsigned(m_scratch, number);
    }

    // ------------------------------------------------------------ values

    void lang_strings(const Iri& predicate, const std::vector<LangString>& values) {
        for (const auto& v : values)
            if (!v.value.empty()) m_sink.statement(predicate, Value::of_literal(v.value, v.lang));
    }

    void iri(const Iri& predicate, std::string_view value) {
        if (!value.empty()) m_sink.statement(predicate, Value::of_iri({{}, value}));
    }

    void iris(const Iri& predicate, const std::vector<std::string>& values) {
        for (const auto& v : values) iri(predicate, v);
    }

    void scheme_iri(const Iri& predicate, std::string_view scheme, std::string_view value) {
        if (value.empty()) return;
        std::string full;
        full.reserve(scheme.size() + value.size());
        full += scheme;
        full += strip_scheme(value, scheme);
        m_sink.statement(predicate, Value::of_iri({{}, full}));
    }

    /// A text; with `lang`, tagged as it was delivered.
    void literal(const Iri& predicate, std::string_view value, std::string_view lang = {}) {
        if (!value.empty()) m_sink.statement(predicate, Value::of_literal(value, lang));
    }

    void date(const Iri& predicate, std::string_view value) {
        if (value.empty()) return;
        const std::string_view datatype = date_datatype(value);
        m_sink.statement(predicate, Value::of_literal(value, {}, datatype.empty() ? Iri{} : xsd(datatype)));
    }

    OnceSink m_sink;
    std::string m_label_prefix;
    std::string m_scratch;
    std::vector<Pending> m_pending;
    std::vector<Pending> m_written;
    std::vector<std::pair<std::string_view, Iri>> m_types_written;  ///< (IRI node, class) typed in this record
    std::vector<BlankLabel> m_blanks;
    std::size_t m_blank_count = 0;
};

}  // namespace

std::string_view namespace_iri(std::string_view prefix) {
    for (const Namespace& ns : k_namespaces)
        if (ns.prefix == prefix) return ns.iri;
    return {};
}

Iri compact(std::string_view iri) {
    for (const Namespace& ns : k_namespaces) {
        if (iri.size() <= ns.iri.size() || iri.substr(0, ns.iri.size()) != ns.iri) continue;
        const std::string_view name = iri.substr(ns.iri.size());
        bool simple = is_alpha(name[0]);
        for (char c : name) simple = simple && (is_alpha(c) || is_digit(c) || c == '_' || c == '-');
        if (simple) return {ns.prefix, name};
    }
    return {{}, iri};
}

std::string_view date_datatype(std::string_view v) {
    if (!digits_at(v, 0, 4)) return {};
    if (v.size() == 4) return "gYear";
    if (v[4] != '-' || !digits_at(v, 5, 2)) return {};
    if (v.size() == 7) return "gYearMonth";
    if (v.size() < 10 || v[7] != '-' || !digits_at(v, 8, 2)) return {};
    if (v.size() == 10) return "date";
    if (v[10] != 'T') return timezone_at(v, 10) ? "date" : std::string_view{};
    if (!digits_at(v, 11, 2) || v.size() < 19 || v[13] != ':' || !digits_at(v, 14, 2) || v[16] != ':' ||
        !digits_at(v, 17, 2))
        return {};
    std::size_t pos = 19;
    if (pos < v.size() && v[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < v.size() && is_digit(v[pos])) ++pos;
        if (pos == start) return {};
    }
    return timezone_at(v, pos) ? "dateTime" : std::string_view{};
}

void describe_record(const model::Dataset& dataset, RecordStatus status, std::size_t sequence, GraphSink& sink) {
    RecordMapper(sink, sequence).describe(dataset, status);
}

std::string record_label(std::size_t sequence) {
    std::string label = "ds";
    append_unsigned(label, sequence);
    return label;
}

void CatalogueMembers::add(const model::Dataset& dataset, std::size_t sequence) {
    m_iris += dataset.iri;
    m_members.push_back({m_iris.size(), sequence, dataset.type == ResourceType::data_service});
}

namespace {

/// Hydra terms in full: the documents do not declare the namespace, as only
/// feed pages use it.
Iri hydra(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> k_terms = {{
        {"PartialCollectionView", "http://www.w3.org/ns/hydra/core#PartialCollectionView"},
        {"PagedCollection", "http://www.w3.org/ns/hydra/core#PagedCollection"},
        {"first", "http://www.w3.org/ns/hydra/core#first"},
        {"firstPage", "http://www.w3.org/ns/hydra/core#firstPage"},
        {"previous", "http://www.w3.org/ns/hydra/core#previous"},
        {"previousPage", "http://www.w3.org/ns/hydra/core#previousPage"},
        {"next", "http://www.w3.org/ns/hydra/core#next"},
        {"nextPage", "http://www.w3.org/ns/hydra/core#nextPage"},
        {"last", "http://www.w3.org/ns/hydra/core#last"},
        {"lastPage", "http://www.w3.org/ns/hydra/core#lastPage"},
        {"totalItems", "http://www.w3.org/ns/hydra/core#totalItems"},
        {"itemsPerPage", "http://www.w3.org/ns/hydra/core#itemsPerPage"},
    }};
    for (const auto& [local, full] : k_terms)
        if (local == name) return {{}, full};
    throw std::logic_error("no Hydra term " + std::string(name));
}

void describe_page(const CataloguePage& page, GraphSink& sink) {
    const std::array<Iri, 2> types = {hydra("PartialCollectionView"), hydra("PagedCollection")};
    sink.begin_node(Value::of_iri({{}, page.iri}), types, NodeStyle::resource);
    const auto link = [&](std::string_view current, std::string_view older, const std::string& url) {
        if (url.empty()) return;
        sink.statement(hydra(current), Value::of_iri({{}, url}));
        sink.statement(hydra(older), Value::of_iri({{}, url}));
    };
    link("first", "firstPage", page.first);
    link("previous", "previousPage", page.previous);
    link("next", "nextPage", page.next);
    link("last", "lastPage", page.last);
    const std::string total = std::to_string(page.total_items);
    const std::string per_page = std::to_string(page.items_per_page);
    sink.statement(hydra("totalItems"), Value::of_literal(total, {}, xsd("integer")));
    sink.statement(hydra("itemsPerPage"), Value::of_literal(per_page, {}, xsd("integer")));
    sink.end_node();
}

}  // namespace

void describe_catalogue(const CatalogInfo& catalog, const CatalogueMembers& members, GraphSink& sink) {
    if (catalog.iri.empty())
        sink.begin_node(Value::of_blank("catalog"), k_catalog_types, NodeStyle::catalogue);
    else
        sink.begin_node(Value::of_iri({{}, catalog.iri}), k_catalog_types, NodeStyle::catalogue);
    if (!catalog.title.empty()) sink.statement(dct("title"), Value::of_literal(catalog.title, "de"));
    if (!catalog.description.empty())
        sink.statement(dct("description"), Value::of_literal(catalog.description, "de"));
    if (!catalog.publisher_iri.empty()) {
        sink.statement(dct("publisher"), Value::of_iri({{}, catalog.publisher_iri}));
    } else if (!catalog.publisher_name.empty()) {
        const Iri type = foaf("Agent");
        sink.begin_nested(dct("publisher"), {&type, 1});
        sink.statement(foaf("name"), Value::of_literal(catalog.publisher_name));
        sink.end_nested();
    }
    if (!catalog.homepage.empty()) sink.statement(foaf("homepage"), Value::of_iri({{}, catalog.homepage}));
    if (!catalog.language.empty()) sink.statement(dct("language"), Value::of_iri({{}, catalog.language}));
    members.for_each(false, [&](const Value& member) { sink.statement(dcat("dataset"), member); });
    members.for_each(true, [&](const Value& member) { sink.statement(dcat("service"), member); });
    sink.end_node();
    if (!catalog.publisher_iri.empty()) {
        const Iri type = foaf("Agent");
        sink.begin_node(Value::of_iri({{}, catalog.publisher_iri}), {&type, 1}, NodeStyle::resource);
        if (!catalog.publisher_name.empty()) sink.statement(foaf("name"), Value::of_literal(catalog.publisher_name));
        sink.end_node();
    }
    if (catalog.page) describe_page(*catalog.page, sink);
}

}  // namespace ernte::catalog::rdf_export
