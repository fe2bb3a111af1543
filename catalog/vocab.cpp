#include "catalog/vocab.hpp"

#include "catalog/hash.hpp"
#include "catalog/text.hpp"
#include "catalog/turtle_reader.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdint>
#include <array>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ernte::catalog {

namespace {

constexpr std::string_view ns_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view ns_skos = "http://www.w3.org/2004/02/skos/core#";
constexpr std::string_view ns_dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view ns_dct = "http://purl.org/dc/terms/";
constexpr std::string_view ns_at = "http://publications.europa.eu/ontology/authority/";
constexpr std::string_view ns_foaf = "http://xmlns.com/foaf/0.1/";
constexpr std::string_view ns_govdata = "http://govdata.de/mqa/#";
constexpr std::string_view ns_owl = "http://www.w3.org/2002/07/owl#";
constexpr std::string_view ns_edp = "https://europeandataportal.eu/voc#";

constexpr std::string_view eu_language = "http://publications.europa.eu/resource/authority/language";
constexpr std::string_view eu_access_right = "http://publications.europa.eu/resource/authority/access-right";
constexpr std::string_view eu_availability = "http://publications.europa.eu/resource/authority/planned-availability";
constexpr std::string_view eu_distribution_status =
    "http://publications.europa.eu/resource/authority/distribution-status";
constexpr std::string_view geocoding_level_scheme = "http://dcat-ap.de/def/politicalGeocoding/Level";

constexpr std::string_view licence_key_prefix = "dcat-ap.de/def/licenses/";
constexpr std::string_view contributor_key_prefix = "dcat-ap.de/def/contributors/";
constexpr std::string_view iana_key_prefix = "iana.org/assignments/media-types/";

// The files, in loading order (the fingerprint covers them in this order).
constexpr std::string_view file_themes = "eu-data-theme.rdf";
constexpr std::string_view file_file_types = "eu-file-type.rdf";
constexpr std::string_view file_frequencies = "eu-frequency.rdf";
constexpr std::string_view file_licences = "dcat-ap-de-licenses.rdf";
constexpr std::string_view file_licence_mapping = "ckan-to-dcatde-licence-mapping.json";
constexpr std::string_view file_contributors = "dcat-ap-de-contributors.rdf";
constexpr std::string_view file_small_lists = "eu-small-lists.ttl";
constexpr std::string_view file_media_types = "iana-media-types.csv";
constexpr std::string_view file_ogd_categories = "ogd-category-to-eu-theme.json";
constexpr std::string_view file_language_codes = "language-codes.csv";
constexpr std::string_view file_aliases = "vocab-aliases.json";
// The lists of the MQA (metadata quality), loaded after the others and left
// out of the fingerprint: the normalizer does not map against them.
constexpr std::string_view file_edp_licences = "edp-licences-skos.rdf";
constexpr std::string_view file_non_proprietary = "edp-non-proprietary-format.rdf";
constexpr std::string_view file_machine_readable = "edp-machine-readable-format.rdf";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_http_iri(std::string_view value) {
    return (starts_with(value, "http://") || starts_with(value, "https://")) && value.size() > 8 &&
           value.find(' ') == std::string_view::npos;
}

/// vocab_key without the IRI part, used for the "compact" key.
std::string compact_key(std::string_view key) {
    std::string out;
    for (char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) out += c;
    }
    return out;
}

/// "type/subtype" with a registered top-level type ("RDF/XML" is not one).
bool looks_like_media_type(std::string_view key) {
    const auto slash = key.find('/');
    if (slash == std::string_view::npos) return false;
    static constexpr std::array<std::string_view, 10> types{"application", "text",  "image",     "audio",   "video",
                                                            "model",       "font",  "multipart", "message", "chemical"};
    return std::find(types.begin(), types.end(), key.substr(0, slash)) != types.end();
}

std::string last_segment(std::string_view key) {
    const auto slash = key.find_last_of("/#");
    return std::string(slash == std::string_view::npos ? key : key.substr(slash + 1));
}

/// Key of a licence value: dcat-ap.de IRIs with "2_0" for "2.0", and
/// creativecommons.org URLs without "deed.xx" or "legalcode" pages.
std::string licence_key(std::string_view value) {
    std::string key = vocab_key(value);
    if (starts_with(key, licence_key_prefix)) {
        for (std::size_t i = licence_key_prefix.size(); i < key.size(); ++i) {
            if (key[i] == '_') key[i] = '.';
        }
    } else if (starts_with(key, "creativecommons.org/")) {
        const auto slash = key.find_last_of('/');
        const std::string_view last = std::string_view(key).substr(slash + 1);
        if (starts_with(last, "deed") || starts_with(last, "legalcode")) key.erase(slash);
        while (!key.empty() && key.back() == '/') key.pop_back();
    }
    return key;
}

std::string read_file(const std::filesystem::path& dir, std::string_view name) {
    const std::filesystem::path path = dir / std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw VocabError(std::string(name), fmt::format("cannot open {}", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

/// Hashes std::string keys and finds them by std::string_view.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

/// A look-up table from normalized keys to vocabulary IRIs. Keys come in
/// tiers (0: IRIs, codes and aliases; 1: mapped codes such as file
/// extensions; 2: labels): a lower tier wins, and two different targets on the
/// same tier make the key ambiguous, so it maps to nothing.
class KeyIndex {
public:
    void add(std::string_view raw, const std::vector<std::string>& iris, int tier, bool with_compact = false) {
        std::string key = vocab_key(raw);
        if (key.empty() || iris.empty()) return;
        const std::uint32_t target = target_id(iris);
        if (with_compact && !is_http_iri(trim_whitespace(raw))) {
            std::string compact = compact_key(key);
            if (compact.size() >= 2) insert(m_compact, std::move(compact), target, tier);
        }
        insert(m_exact, std::move(key), target, tier);
    }
    void add(std::string_view raw, const std::string& iri, int tier, bool with_compact = false) {
        add(raw, std::vector<std::string>{iri}, tier, with_compact);
    }
    /// Insert an already normalized key (licence keys).
    void add_key(std::string key, const std::string& iri, int tier) {
        if (!key.empty()) insert(m_exact, std::move(key), target_id({iri}), tier);
    }

    const std::vector<std::string>* find_key(const std::string& key) const { return lookup(m_exact, key); }
    const std::vector<std::string>* find(std::string_view raw) const {
        if (const auto* found = canonical(raw)) return found;
        return find_key(vocab_key(raw));
    }

    /// After loading: remember the IRIs the index leads to whose own key
    /// (`key_of`; an empty key leaves the IRI out) leads back to them, so that
    /// a value that already is such an IRI, as in normalized records, is found
    /// without folding it.
    template <typename KeyOf>
    void seal(KeyOf key_of) {
        for (std::size_t t = 0; t < m_targets.size(); ++t) {
            if (m_targets[t].size() != 1) continue;
            const std::string key = key_of(m_targets[t].front());
            if (!key.empty() && lookup(m_exact, key) == &m_targets[t])
                m_canonical.emplace(m_targets[t].front(), static_cast<std::uint32_t>(t));
        }
    }
    /// The entry of `raw` when it is one of the IRIs seal() kept, exactly.
    const std::vector<std::string>* canonical(std::string_view raw) const {
        const auto it = m_canonical.find(raw);
        return it == m_canonical.end() ? nullptr : &m_targets[it->second];
    }
    /// Calls `visit` with each IRI seal() kept.
    template <typename Visit>
    void for_each_canonical(Visit visit) const {
        for (const auto& [iri, target] : m_canonical) visit(std::string_view(iri));
    }
    const std::vector<std::string>* find_compact(std::string_view raw) const {
        const std::string compact = compact_key(vocab_key(raw));
        return compact.size() >= 2 ? lookup(m_compact, compact) : nullptr;
    }

private:
    struct Entry {
        std::uint32_t target = 0;  // index into m_targets
        int tier = 0;
        bool ambiguous = false;
    };
    using Map = std::unordered_map<std::string, Entry>;

    std::uint32_t target_id(const std::vector<std::string>& iris) {
        std::string joined;
        for (const auto& iri : iris) {
            joined += iri;
            joined += '\n';
        }
        const auto [it, inserted] = m_target_ids.try_emplace(std::move(joined), static_cast<std::uint32_t>(m_targets.size()));
        if (inserted) m_targets.push_back(iris);
        return it->second;
    }
    static void insert(Map& map, std::string key, std::uint32_t target, int tier) {
        auto [it, inserted] = map.try_emplace(std::move(key), Entry{target, tier, false});
        if (inserted) return;
        Entry& entry = it->second;
        if (tier < entry.tier) {
            entry = Entry{target, tier, false};
        } else if (tier == entry.tier && entry.target != target) {
            entry.ambiguous = true;
        }
    }
    const std::vector<std::string>* lookup(const Map& map, const std::string& key) const {
        const auto it = map.find(key);
        if (it == map.end() || it->second.ambiguous) return nullptr;
        return &m_targets[it->second.target];
    }

    Map m_exact;
    Map m_compact;
    std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> m_canonical;
    std::vector<std::vector<std::string>> m_targets;
    std::unordered_map<std::string, std::uint32_t> m_target_ids;
};

std::optional<std::string> first(const std::vector<std::string>* iris) {
    if (iris == nullptr || iris->empty()) return std::nullopt;
    return iris->front();
}

/// The first IRI, or empty.
std::string_view first_view(const std::vector<std::string>* iris) {
    return iris == nullptr || iris->empty() ? std::string_view() : std::string_view(iris->front());
}

/// The list IRI whose code ends the IRI key `key` under another namespace
/// (ArcGIS Hub's "ftype/CSV", "access/PUBLIC", or rdf:resource="ECON" and
/// "monthly", all read against the feed's address): only where the list's IRI
/// ends in that same code.
template <typename Index>
std::string_view by_code(const Index& index, std::string_view key) {
    const std::string code = last_segment(key);
    if (code.empty()) return {};
    const std::string_view found = first_view(index.find_key(code));
    if (found.empty() || last_segment(vocab_key(found)) != code) return {};
    return found;
}

// ---------------------------------------------------------------- SKOS in RDF/XML

struct Label {
    std::string text;
    std::string lang;
    bool preferred = false;
};

struct Concept {
    std::string iri;
    bool is_concept = false;
    std::vector<std::string> codes;                               // notation, identifier, authority code
    std::vector<Label> labels;                                    // prefLabel and altLabel
    std::vector<std::string> matches;                             // exactMatch, homepage, references
    std::vector<std::pair<std::string, std::string>> mapped;      // (source, legacy code)
    std::optional<bool> open;                                     // govdata:isOpenLicense
};

/// Resolves "prefix:local" element names against the xmlns declarations in scope.
std::string expanded_name(const pugi::xml_node& node) {
    const std::string_view qname = node.name();
    const auto colon = qname.find(':');
    const std::string prefix(colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon));
    const std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
    const std::string attribute = prefix.empty() ? std::string("xmlns") : "xmlns:" + prefix;
    for (pugi::xml_node n = node; n; n = n.parent()) {
        if (const pugi::xml_attribute a = n.attribute(attribute.c_str())) return std::string(a.value()) + std::string(local);
    }
    return std::string(qname);
}

/// An attribute by namespace and local name (rdf:about, rdf:resource).
std::string rdf_attribute(const pugi::xml_node& node, std::string_view local) {
    for (const pugi::xml_attribute a : node.attributes()) {
        const std::string_view name = a.name();
        const auto colon = name.find(':');
        if (colon == std::string_view::npos || name.substr(colon + 1) != local) continue;
        const std::string declaration = "xmlns:" + std::string(name.substr(0, colon));
        for (pugi::xml_node n = node; n; n = n.parent()) {
            if (const pugi::xml_attribute d = n.attribute(declaration.c_str())) {
                if (d.value() == ns_rdf) return a.value();
                break;
            }
        }
    }
    return {};
}

std::string node_text(const pugi::xml_node& node) { return std::string(trim_whitespace(node.child_value())); }

/// The rdf:RDF element of an RDF/XML file parsed into doc.
pugi::xml_node rdf_root(pugi::xml_document& doc, std::string_view file, const std::string& content) {
    const pugi::xml_parse_result parsed = doc.load_buffer(content.data(), content.size());
    if (!parsed) {
        throw VocabError(std::string(file),
                         fmt::format("XML parse error at offset {}: {}", parsed.offset, parsed.description()));
    }
    const pugi::xml_node root = doc.document_element();
    if (expanded_name(root) != std::string(ns_rdf) + "RDF") {
        throw VocabError(std::string(file), "root element is not rdf:RDF");
    }
    return root;
}

/// Walk an RDF/XML SKOS file: every top-level resource with rdf:about is
/// collected (typed skos:Concept elements, or rdf:Description with rdf:type
/// skos:Concept, or rdf:Description adding properties to a concept).
std::vector<Concept> read_skos(std::string_view file, const std::string& content) {
    pugi::xml_document doc;
    const pugi::xml_node root = rdf_root(doc, file, content);
    const std::string skos_concept = std::string(ns_skos) + "Concept";
    std::map<std::string, Concept> by_iri;
    std::vector<std::string> order;
    for (const pugi::xml_node element : root.children()) {
        if (element.type() != pugi::node_element) continue;
        std::string iri = rdf_attribute(element, "about");
        if (iri.empty()) continue;
        if (!is_http_iri(iri)) {
            const std::string base = root.attribute("xml:base").value();
            if (!base.empty() && !iri.empty() && iri[0] == '#') iri = base + iri;
        }
        auto [it, inserted] = by_iri.try_emplace(iri);
        if (inserted) order.push_back(iri);
        Concept& entry = it->second;
        entry.iri = iri;
        if (expanded_name(element) == skos_concept) entry.is_concept = true;
        for (const pugi::xml_node property : element.children()) {
            if (property.type() != pugi::node_element) continue;
            const std::string name = expanded_name(property);
            const std::string resource = rdf_attribute(property, "resource");
            if (name == std::string(ns_rdf) + "type") {
                if (resource == skos_concept) entry.is_concept = true;
            } else if (name == std::string(ns_skos) + "prefLabel" || name == std::string(ns_skos) + "altLabel") {
                Label label{node_text(property), property.attribute("xml:lang").value(),
                            name == std::string(ns_skos) + "prefLabel"};
                if (!label.text.empty()) entry.labels.push_back(std::move(label));
            } else if (name == std::string(ns_skos) + "notation" || name == std::string(ns_dc) + "identifier" ||
                       name == std::string(ns_dct) + "identifier" || name == std::string(ns_at) + "authority-code" ||
                       name == std::string(ns_at) + "op-code") {
                const std::string code = node_text(property);
                if (!code.empty()) entry.codes.push_back(code);
            } else if (name == std::string(ns_skos) + "exactMatch" || name == std::string(ns_foaf) + "homepage" ||
                       name == std::string(ns_dct) + "references") {
                if (!resource.empty()) entry.matches.push_back(resource);
            } else if (name == std::string(ns_at) + "op-mapped-code") {
                for (const pugi::xml_node mapped : property.children()) {
                    std::string source;
                    std::string code;
                    for (const pugi::xml_node part : mapped.children()) {
                        const std::string part_name = expanded_name(part);
                        if (part_name == std::string(ns_dc) + "source") source = node_text(part);
                        if (part_name == std::string(ns_at) + "legacy-code") code = node_text(part);
                    }
                    if (!source.empty() && !code.empty()) entry.mapped.emplace_back(source, code);
                }
            } else if (name == std::string(ns_govdata) + "isOpenLicense") {
                const std::string flag = node_text(property);
                if (flag == "true" || flag == "1") entry.open = true;
                if (flag == "false" || flag == "0") entry.open = false;
            }
        }
    }
    std::vector<Concept> concepts;
    for (const auto& iri : order) {
        if (by_iri[iri].is_concept) concepts.push_back(std::move(by_iri[iri]));
    }
    if (concepts.empty()) throw VocabError(std::string(file), "no skos:Concept found");
    return concepts;
}

/// A top-level resource of an RDF/XML file, whatever its type: its IRI and
/// its properties as (predicate IRI, rdf:resource or text).
struct Description {
    std::string iri;
    std::vector<std::pair<std::string, std::string>> properties;
};

/// Every top-level element with rdf:about, in document order (the EDP lists
/// are rdf:Description elements, and the licence list mixes skos:Concept with
/// rdf:Description and misspelt element names, all of them resources in RDF).
std::vector<Description> read_descriptions(std::string_view file, const std::string& content) {
    pugi::xml_document doc;
    const pugi::xml_node root = rdf_root(doc, file, content);
    std::vector<Description> out;
    for (const pugi::xml_node element : root.children()) {
        if (element.type() != pugi::node_element) continue;
        Description d{rdf_attribute(element, "about"), {}};
        if (d.iri.empty()) continue;
        for (const pugi::xml_node property : element.children()) {
            if (property.type() != pugi::node_element) continue;
            std::string value = rdf_attribute(property, "resource");
            if (value.empty()) value = node_text(property);
            d.properties.emplace_back(expanded_name(property), std::move(value));
        }
        out.push_back(std::move(d));
    }
    return out;
}

rapidjson::Document parse_json(std::string_view file, const std::string& content) {
    rapidjson::Document doc;
    doc.Parse(content.data(), content.size());
    if (doc.HasParseError()) {
        throw VocabError(std::string(file), fmt::format("JSON parse error at offset {}: {}", doc.GetErrorOffset(),
                                                        rapidjson::GetParseError_En(doc.GetParseError())));
    }
    if (!doc.IsObject()) throw VocabError(std::string(file), "top level is not a JSON object");
    return doc;
}

/// Lines of a CSV file with at least `columns` comma-separated fields (no quoting
/// in these files). Empty lines are skipped; a short line is an error.
std::vector<std::vector<std::string>> read_csv(std::string_view file, const std::string& content, std::size_t columns) {
    std::vector<std::vector<std::string>> rows;
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string::npos) end = content.size();
        std::string_view line(content.data() + start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim_whitespace(line).empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::size_t from = 0;
        while (true) {
            const auto comma = line.find(',', from);
            fields.emplace_back(trim_whitespace(line.substr(from, comma == std::string_view::npos ? line.npos : comma - from)));
            if (comma == std::string_view::npos) break;
            from = comma + 1;
        }
        if (fields.size() < columns) {
            throw VocabError(std::string(file), fmt::format("line {}: expected {} comma-separated fields, found {}",
                                                            line_number, columns, fields.size()));
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

}  // namespace

VocabError::VocabError(std::string file, const std::string& what)
    : std::runtime_error(file + ": " + what), m_file(std::move(file)) {}

namespace {

/// Bytes vocab_key folds at most to lower case: printable ASCII except the
/// space (no whitespace, dashes or umlauts to fold).
constexpr std::array<bool, 256> k_plain_key_bytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x21; c < 0x7F; ++c) plain[static_cast<std::size_t>(c)] = true;
    return plain;
}();

/// The IRI part of a key: without scheme, leading "www." and trailing "/" or "#".
std::string_view iri_key_part(std::string_view key) {
    if (key.starts_with("http://") || key.starts_with("https://")) {
        key.remove_prefix(key.find("//") + 2);
        if (key.starts_with("www.")) key.remove_prefix(4);
        while (!key.empty() && (key.back() == '/' || key.back() == '#')) key.remove_suffix(1);
    }
    return key;
}

/// Cut `key` down to its IRI part, in place.
void keep_iri_key_part(std::string& key) {
    const std::string_view part = iri_key_part(key);
    if (part.size() == key.size()) return;
    const auto start = static_cast<std::size_t>(part.data() - key.data());
    key.resize(start + part.size());
    key.erase(0, start);
}

}  // namespace

std::string vocab_key(std::string_view value) {
    const std::string_view t = trim_whitespace(value);
    // Most values (vocabulary IRIs, codes) are printable ASCII: lower case is all they need.
    if (std::all_of(t.begin(), t.end(), [](char c) { return k_plain_key_bytes[static_cast<unsigned char>(c)]; })) {
        std::string out(t);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        keep_iri_key_part(out);
        return out;
    }
    std::string out;
    out.reserve(t.size());
    bool pending_space = false;
    auto put = [&](char c) {
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += c;
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = true;
        } else if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) {
            pending_space = true;
            ++i;
        } else if (c == 0xE2 && i + 2 < t.size() &&
                   ((static_cast<unsigned char>(t[i + 1]) == 0x80 && static_cast<unsigned char>(t[i + 2]) >= 0x90 &&
                     static_cast<unsigned char>(t[i + 2]) <= 0x95) ||
                    (static_cast<unsigned char>(t[i + 1]) == 0x88 && static_cast<unsigned char>(t[i + 2]) == 0x92))) {
            put('-');  // U+2010..U+2015 hyphens and dashes, U+2212 minus
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            put(static_cast<char>(c - 'A' + 'a'));
        } else if (c == 0xC3 && i + 1 < t.size()) {
            auto next = static_cast<unsigned char>(t[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
            put(static_cast<char>(c));
            out += static_cast<char>(next);
            ++i;
        } else {
            put(static_cast<char>(c));
        }
    }
    keep_iri_key_part(out);
    return out;
}

struct Vocabularies::Data {
    KeyIndex licences;
    std::unordered_set<std::string> licence_iri_keys;
    std::unordered_map<std::string, bool> licence_open;  // licence key -> isOpenLicense
    KeyIndex themes;
    KeyIndex formats;
    KeyIndex media_types;
    KeyIndex frequencies;
    KeyIndex languages;
    std::unordered_map<std::string, std::string> language_tags;  // EU IRI -> ISO 639-1
    KeyIndex access_rights;
    KeyIndex availabilities;
    KeyIndex distribution_statuses;
    KeyIndex geocoding_levels;
    KeyIndex contributors;
    std::unordered_set<std::string> contributor_iri_keys;
    std::vector<std::pair<std::string, std::string>> file_type_mime_codes;  // (file-type IRI, mime-type-cellar code)
    std::vector<std::pair<std::string, std::string>> media_type_names;      // (IANA name, IRI), while loading
    std::unordered_map<std::string, std::string> file_type_media_types;     // file-type key -> IANA IRI
    std::unordered_set<std::string> edp_licence_keys;                       // licence keys
    std::unordered_set<std::string> non_proprietary_formats;                // file-type keys
    std::unordered_set<std::string> machine_readable_formats;               // file-type keys
    // What the look-ups above give for the IRIs the indexes keep exactly, as
    // in normalized records, found without making a key:
    struct FormatFlags {
        bool non_proprietary = false;
        bool machine_readable = false;
    };
    std::unordered_map<std::string, FormatFlags, TextHash, std::equal_to<>> format_flags;  // file-type IRI
    std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> media_type_formats;  // IANA IRI -> file type
    VocabularyCounts counts;
    std::string fingerprint;
};

namespace {

using Data = Vocabularies::Data;

void load_themes(Data& data, std::string_view file, const std::string& content,
                 std::unordered_set<std::string>& iris) {
    for (const Concept& c : read_skos(file, content)) {
        iris.insert(c.iri);
        data.themes.add(c.iri, c.iri, 0);
        for (const auto& code : c.codes) data.themes.add(code, c.iri, 0, true);
        for (const auto& label : c.labels) data.themes.add(label.text, c.iri, 2, true);
        ++data.counts.themes;
    }
}

void load_file_types(Data& data, std::string_view file, const std::string& content,
                     std::unordered_set<std::string>& iris) {
    for (const Concept& c : read_skos(file, content)) {
        iris.insert(c.iri);
        data.formats.add(c.iri, c.iri, 0);
        for (const auto& code : c.codes) data.formats.add(code, c.iri, 0, true);
        for (const auto& [source, code] : c.mapped) {
            if (source == "file-extension") {
                const std::string_view extension = code[0] == '.' ? std::string_view(code).substr(1) : code;
                data.formats.add(extension, c.iri, 1);
            } else if (source == "mime-type-cellar") {
                data.formats.add(code, c.iri, 1);
                data.file_type_mime_codes.emplace_back(c.iri, code);
            }
        }
        for (const auto& label : c.labels) data.formats.add(label.text, c.iri, 2);
        ++data.counts.file_types;
    }
}

void load_frequencies(Data& data, std::string_view file, const std::string& content,
                      std::unordered_set<std::string>& iris) {
    for (const Concept& c : read_skos(file, content)) {
        iris.insert(c.iri);
        data.frequencies.add(c.iri, c.iri, 0);
        for (const auto& code : c.codes) data.frequencies.add(code, c.iri, 0, true);
        for (const auto& match : c.matches) data.frequencies.add(match, c.iri, 1);
        for (const auto& label : c.labels) data.frequencies.add(label.text, c.iri, 2, true);
        ++data.counts.frequencies;
    }
}

void load_licences(Data& data, std::string_view file, const std::string& content,
                   std::unordered_set<std::string>& iris) {
    for (const Concept& c : read_skos(file, content)) {
        iris.insert(c.iri);
        const std::string key = licence_key(c.iri);
        data.licence_iri_keys.insert(key);
        data.licences.add_key(key, c.iri, 0);
        for (const auto& code : c.codes) data.licences.add(code, c.iri, 0, true);
        for (const auto& label : c.labels) data.licences.add(label.text, c.iri, 0, true);
        for (const auto& match : c.matches) data.licences.add_key(licence_key(match), c.iri, 1);
        if (c.open.has_value()) data.licence_open[key] = *c.open;
        ++data.counts.licences;
    }
}

/// GovData's CKAN licence id mapping: URI, Name, Lizenzcode, OGDLizenzcode,
/// Lizenztext (URL of the licence text), Lizenztyp ("offen"/"geschlossen").
void load_licence_mapping(Data& data, std::string_view file, const std::string& content,
                          const std::unordered_set<std::string>& licence_iris) {
    const rapidjson::Document doc = parse_json(file, content);
    const auto list = doc.FindMember("list");
    if (list == doc.MemberEnd() || !list->value.IsArray()) {
        throw VocabError(std::string(file), "member \"list\" is missing or not an array");
    }
    std::size_t index = 0;
    for (const auto& entry : list->value.GetArray()) {
        const auto member = [&](const char* name) -> std::string {
            if (!entry.IsObject()) return {};
            const auto it = entry.FindMember(name);
            return it != entry.MemberEnd() && it->value.IsString() ? std::string(trim_whitespace(it->value.GetString())) : "";
        };
        const std::string iri = member("URI");
        if (iri.empty()) throw VocabError(std::string(file), fmt::format("list[{}] has no \"URI\"", index));
        if (!licence_iris.contains(iri)) {
            throw VocabError(std::string(file),
                             fmt::format("list[{}]: {} is not in {}", index, iri, file_licences));
        }
        data.licences.add(member("Name"), iri, 0, true);
        data.licences.add(member("Lizenzcode"), iri, 0, true);
        data.licences.add(member("OGDLizenzcode"), iri, 0, true);
        if (const std::string text = member("Lizenztext"); !text.empty()) {
            data.licences.add_key(licence_key(text), iri, 1);
        }
        const std::string key = licence_key(iri);
        if (!data.licence_open.contains(key)) {
            const std::string type = member("Lizenztyp");
            if (type == "offen") data.licence_open[key] = true;
            if (type == "geschlossen") data.licence_open[key] = false;
        }
        ++index;
    }
}

void load_contributors(Data& data, std::string_view file, const std::string& content) {
    for (const Concept& c : read_skos(file, content)) {
        data.contributor_iri_keys.insert(vocab_key(c.iri));
        data.contributors.add(c.iri, c.iri, 0);
        for (const auto& code : c.codes) data.contributors.add(code, c.iri, 0);
        for (const auto& label : c.labels) data.contributors.add(label.text, c.iri, label.preferred ? 2 : 0);
        ++data.counts.contributors;
    }
}

/// The Turtle lists: concepts with skos:inScheme and skos:notation.
void load_small_lists(Data& data, std::string_view file, const std::string& content,
                      std::unordered_set<std::string>& language_iris) {
    std::map<std::string, std::pair<std::string, std::string>> concepts;  // IRI -> (scheme, notation)
    std::vector<std::string> order;
    const std::string in_scheme = std::string(ns_skos) + "inScheme";
    const std::string notation = std::string(ns_skos) + "notation";
    const rdf::ParseResult result = rdf::read_turtle(content, {}, [&](const rdf::Triple& t) {
        if (t.subject.kind != model::Term::Kind::iri) return;
        if (t.predicate.value == in_scheme || t.predicate.value == notation) {
            auto [it, inserted] = concepts.try_emplace(t.subject.value);
            if (inserted) order.push_back(t.subject.value);
            (t.predicate.value == in_scheme ? it->second.first : it->second.second) = t.object.value;
        }
    });
    if (!result) {
        throw VocabError(std::string(file), fmt::format("Turtle syntax error at line {}, column {}: {}", result.line,
                                                        result.column, result.description));
    }
    for (const auto& iri : order) {
        const auto& [scheme, code] = concepts[iri];
        KeyIndex* index = nullptr;
        std::size_t* count = nullptr;
        if (scheme == eu_language) {
            index = &data.languages;
            count = &data.counts.languages;
            language_iris.insert(iri);
        } else if (scheme == eu_access_right) {
            index = &data.access_rights;
            count = &data.counts.access_rights;
        } else if (scheme == eu_availability) {
            index = &data.availabilities;
            count = &data.counts.availabilities;
        } else if (scheme == eu_distribution_status) {
            index = &data.distribution_statuses;
            count = &data.counts.distribution_statuses;
        } else if (scheme == geocoding_level_scheme) {
            index = &data.geocoding_levels;
            count = &data.counts.geocoding_levels;
        }
        if (index == nullptr) continue;
        index->add(iri, iri, 0);
        if (!code.empty()) index->add(code, iri, 0);
        ++*count;
    }
    if (data.counts.languages == 0) throw VocabError(std::string(file), "no EU language concepts found");
}

/// The initial media types of RFC 2046. They are IANA media types, but the
/// registry's tables (and the list built from them) leave them out; portals
/// use them often (text/plain, image/jpeg).
constexpr std::array<std::string_view, 13> rfc2046_media_types{
    "text/plain",         "image/jpeg",       "image/gif",        "audio/basic",           "video/mpeg",
    "application/octet-stream", "multipart/mixed", "multipart/alternative", "multipart/digest",
    "multipart/parallel", "message/rfc822",   "message/partial",  "message/external-body"};

void load_media_types(Data& data, std::string_view file, const std::string& content) {
    std::unordered_set<std::string> seen;
    std::string registry;
    auto add = [&](const std::string& iri, const std::string& name) {
        data.media_types.add(iri, iri, 0);
        data.media_types.add(name, iri, 0);
        data.media_type_names.emplace_back(name, iri);
        if (seen.insert(vocab_key(name)).second) ++data.counts.media_types;
    };
    for (const auto& row : read_csv(file, content, 2)) {
        const std::string& iri = row[0];
        const std::string& name = row[1];
        if (!is_http_iri(iri)) throw VocabError(std::string(file), fmt::format("\"{}\" is not an IRI", iri));
        if (name.empty()) {  // the registry's own IRI
            registry = iri;
            continue;
        }
        add(iri, name);
    }
    if (data.counts.media_types == 0) throw VocabError(std::string(file), "no media types found");
    if (registry.empty()) throw VocabError(std::string(file), "the registry's own IRI (a row without a name) is missing");
    for (const std::string_view name : rfc2046_media_types) {
        if (!seen.contains(vocab_key(name))) add(registry + std::string(name), std::string(name));
    }
}

void load_ogd_categories(Data& data, std::string_view file, const std::string& content) {
    const rapidjson::Document doc = parse_json(file, content);
    for (const auto& member : doc.GetObject()) {
        const std::string category = member.name.GetString();
        std::vector<std::string> codes;
        if (member.value.IsString()) {
            codes.emplace_back(member.value.GetString());
        } else if (member.value.IsArray()) {
            for (const auto& code : member.value.GetArray()) {
                if (!code.IsString()) throw VocabError(std::string(file), fmt::format("\"{}\": non-string code", category));
                codes.emplace_back(code.GetString());
            }
        } else if (!member.value.IsNull()) {
            throw VocabError(std::string(file), fmt::format("\"{}\": expected a code, a list of codes or null", category));
        }
        std::vector<std::string> iris;
        for (const auto& code : codes) {
            const auto* theme = data.themes.find(code);
            if (theme == nullptr) {
                throw VocabError(std::string(file), fmt::format("\"{}\": \"{}\" is not an EU data theme", category, code));
            }
            iris.push_back(theme->front());
        }
        if (!iris.empty()) data.themes.add(category, iris, 0, true);
    }
}

/// ISO 639 codes for the EU language table: authority code, ISO 639-1 (may
/// be empty), ISO 639-2/B (may be empty). First line is a header.
void load_language_codes(Data& data, std::string_view file, const std::string& content,
                         const std::unordered_set<std::string>& language_iris) {
    bool header = true;
    for (const auto& row : read_csv(file, content, 3)) {
        if (header) {
            header = false;
            continue;
        }
        const std::string iri = std::string(eu_language) + "/" + row[0];
        if (!language_iris.contains(iri)) {
            throw VocabError(std::string(file),
                             fmt::format("\"{}\" is not a language of {}", row[0], file_small_lists));
        }
        if (!row[1].empty()) {
            data.languages.add(row[1], iri, 0);
            data.language_tags.emplace(iri, row[1]);
        } else {
            data.language_tags.emplace(iri, vocab_key(row[0]));  // ISO 639-3 code as tag
        }
        if (!row[2].empty()) data.languages.add(row[2], iri, 0);
    }
}

/// Extra spellings per vocabulary, maintained beside the lists: section name
/// -> { alias: target IRI }. Every target must be in its vocabulary.
void load_aliases(Data& data, std::string_view file, const std::string& content,
                  const std::unordered_set<std::string>& theme_iris, const std::unordered_set<std::string>& format_iris,
                  const std::unordered_set<std::string>& frequency_iris,
                  const std::unordered_set<std::string>& licence_iris,
                  const std::unordered_set<std::string>& language_iris) {
    const rapidjson::Document doc = parse_json(file, content);
    for (const auto& section : doc.GetObject()) {
        const std::string name = section.name.GetString();
        if (!section.value.IsObject()) continue;  // "description" and other notes
        KeyIndex* index = nullptr;
        std::function<bool(const std::string&)> known;
        bool is_licence = false;
        if (name == "licence") {
            index = &data.licences;
            is_licence = true;
            known = [&](const std::string& iri) { return licence_iris.contains(iri); };
        } else if (name == "theme") {
            index = &data.themes;
            known = [&](const std::string& iri) { return theme_iris.contains(iri); };
        } else if (name == "format") {
            index = &data.formats;
            known = [&](const std::string& iri) { return format_iris.contains(iri); };
        } else if (name == "frequency") {
            index = &data.frequencies;
            known = [&](const std::string& iri) { return frequency_iris.contains(iri); };
        } else if (name == "language") {
            index = &data.languages;
            known = [&](const std::string& iri) { return language_iris.contains(iri); };
        } else if (name == "distribution_status") {
            index = &data.distribution_statuses;
            known = [&](const std::string& iri) { return data.distribution_statuses.find(iri) != nullptr; };
        } else if (name == "media_type") {
            index = &data.media_types;
            known = [&](const std::string& iri) { return data.media_types.find(iri) != nullptr; };
        } else {
            throw VocabError(std::string(file), fmt::format("unknown section \"{}\"", name));
        }
        for (const auto& alias : section.value.GetObject()) {
            const std::string key = alias.name.GetString();
            std::vector<std::string> iris;
            if (alias.value.IsString()) {
                iris.emplace_back(alias.value.GetString());
            } else if (alias.value.IsArray() && name == "theme") {
                for (const auto& iri : alias.value.GetArray()) {
                    if (iri.IsString()) iris.emplace_back(iri.GetString());
                }
            }
            if (iris.empty()) {
                throw VocabError(std::string(file), fmt::format("{}: \"{}\" must map to an IRI string{}", name, key,
                                                                name == "theme" ? " or a list of IRIs" : ""));
            }
            for (const auto& iri : iris) {
                if (!known(iri)) {
                    throw VocabError(std::string(file), fmt::format("{}: \"{}\" maps to {}, which is not in the vocabulary",
                                                                    name, key, iri));
                }
            }
            if (is_licence) {
                index->add_key(licence_key(key), iris.front(), 0);
                if (!is_http_iri(trim_whitespace(key))) index->add(key, iris, 0, true);
            } else {
                index->add(key, iris, 0, true);
            }
            ++data.counts.aliases;
        }
    }
}

/// The IANA media type of each EU file type: its first mime-type mapping
/// that is in the IANA list; for file types without one, the first IANA
/// media type whose plain subtype is the file type's code ("application/json"
/// for JSON). Run after both lists are loaded.
void link_file_types_to_media_types(Data& data) {
    for (const auto& [iri, code] : data.file_type_mime_codes) {
        if (auto media_type = first(data.media_types.find(code))) {
            data.file_type_media_types.try_emplace(vocab_key(iri), std::move(*media_type));
        }
    }
    for (const auto& [name, iri] : data.media_type_names) {
        const std::string key = vocab_key(name);
        const std::string subtype = key.substr(key.find('/') + 1);
        if (subtype.empty() || subtype.find_first_of("+.") != std::string::npos || starts_with(subtype, "x-")) continue;
        if (auto file_type = first(data.formats.find_key(subtype))) {
            data.file_type_media_types.try_emplace(vocab_key(*file_type), iri);
        }
    }
    data.file_type_mime_codes = {};
    data.media_type_names = {};
}

/// The licences the MQA counts as known: every resource the file describes
/// (EDP licence concepts, dcat-ap.de licences, EU licence authority IRIs),
/// and the IRIs it declares the same with skos:exactMatch or owl:sameAs.
void load_edp_licences(Data& data, std::string_view file, const std::string& content) {
    const std::string exact_match = std::string(ns_skos) + "exactMatch";
    const std::string same_as = std::string(ns_owl) + "sameAs";
    for (const Description& d : read_descriptions(file, content)) {
        if (!is_http_iri(d.iri)) continue;
        if (data.edp_licence_keys.insert(licence_key(d.iri)).second) ++data.counts.edp_licences;
        for (const auto& [predicate, value] : d.properties) {
            if ((predicate == exact_match || predicate == same_as) && is_http_iri(value)) {
                data.edp_licence_keys.insert(licence_key(value));
            }
        }
    }
    if (data.counts.edp_licences == 0) throw VocabError(std::string(file), "no licence found");
}

/// An EDP format list: EU file types with edp:<flag> true. Every entry must be
/// an EU file type, else the list and the file types disagree.
void load_format_flags(std::string_view file, const std::string& content, std::string_view flag,
                       const std::unordered_set<std::string>& format_iris, std::unordered_set<std::string>& keys,
                       std::size_t& count) {
    const std::string predicate = std::string(ns_edp) + std::string(flag);
    for (const Description& d : read_descriptions(file, content)) {
        const bool set = std::any_of(d.properties.begin(), d.properties.end(), [&](const auto& p) {
            return p.first == predicate && (p.second == "true" || p.second == "1");
        });
        if (!set) continue;
        if (!format_iris.contains(d.iri)) {
            throw VocabError(std::string(file), fmt::format("{} is not an EU file type of {}", d.iri, file_file_types));
        }
        if (keys.insert(vocab_key(d.iri)).second) ++count;
    }
    if (count == 0) throw VocabError(std::string(file), fmt::format("no file type with edp:{} true", flag));
}

}  // namespace

Vocabularies::Vocabularies(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}

Vocabularies Vocabularies::load(const std::filesystem::path& dir) {
    auto data = std::make_shared<Data>();
    ContentHasher hasher;
    auto read = [&](std::string_view name) {
        std::string content = read_file(dir, name);
        hasher.update(name);
        hasher.update(std::string_view("\0", 1));
        hasher.update(std::to_string(content.size()));
        hasher.update(std::string_view("\0", 1));
        hasher.update(content);
        return content;
    };
    std::unordered_set<std::string> theme_iris;
    std::unordered_set<std::string> format_iris;
    std::unordered_set<std::string> frequency_iris;
    std::unordered_set<std::string> licence_iris;
    std::unordered_set<std::string> language_iris;

    load_themes(*data, file_themes, read(file_themes), theme_iris);
    load_file_types(*data, file_file_types, read(file_file_types), format_iris);
    load_frequencies(*data, file_frequencies, read(file_frequencies), frequency_iris);
    load_licences(*data, file_licences, read(file_licences), licence_iris);
    load_licence_mapping(*data, file_licence_mapping, read(file_licence_mapping), licence_iris);
    load_contributors(*data, file_contributors, read(file_contributors));
    load_small_lists(*data, file_small_lists, read(file_small_lists), language_iris);
    load_media_types(*data, file_media_types, read(file_media_types));
    load_ogd_categories(*data, file_ogd_categories, read(file_ogd_categories));
    load_language_codes(*data, file_language_codes, read(file_language_codes), language_iris);
    load_aliases(*data, file_aliases, read(file_aliases), theme_iris, format_iris, frequency_iris, licence_iris,
                 language_iris);
    link_file_types_to_media_types(*data);

    load_edp_licences(*data, file_edp_licences, read_file(dir, file_edp_licences));
    load_format_flags(file_non_proprietary, read_file(dir, file_non_proprietary), "isNonProprietary", format_iris,
                      data->non_proprietary_formats, data->counts.non_proprietary_formats);
    load_format_flags(file_machine_readable, read_file(dir, file_machine_readable), "isMachineReadable", format_iris,
                      data->machine_readable_formats, data->counts.machine_readable_formats);

    for (const auto& [key, open] : data->licence_open) {
        if (open) ++data->counts.open_licences;
    }
    for (KeyIndex* index : {&data->themes, &data->media_types, &data->frequencies, &data->languages,
                            &data->access_rights, &data->availabilities, &data->distribution_statuses,
                            &data->geocoding_levels, &data->contributors})
        index->seal(vocab_key);
    // map_format looks media-type IRIs up under their bare name
    data->formats.seal([](std::string_view iri) {
        const std::string key = vocab_key(iri);
        return starts_with(key, iana_key_prefix) ? std::string() : key;
    });
    data->licences.seal(licence_key);
    data->fingerprint = hasher.hex();
    Vocabularies vocab(data);
    // The answers for the IRIs kept exactly, from the look-ups themselves.
    data->formats.for_each_canonical([&](std::string_view iri) {
        const std::string key = vocab_key(iri);
        data->format_flags.emplace(iri, Data::FormatFlags{data->non_proprietary_formats.contains(key),
                                                          data->machine_readable_formats.contains(key)});
    });
    data->media_types.for_each_canonical([&](std::string_view iri) {
        if (const std::string_view format = vocab.format_by_key(iri); !format.empty())
            data->media_type_formats.emplace(iri, format);
    });
    return vocab;
}

LicenceMatch Vocabularies::map_licence(std::string_view original) const {
    const std::string_view value = trim_whitespace(original);
    if (value.empty()) return {};
    if (const auto* found = m_data->licences.canonical(value)) return {found->front(), true};
    const bool iri = is_http_iri(value);
    if (!iri && looks_like_html(value)) {
        // the licence's name wrapped in markup (ArcGIS Hub: <DIV><SPAN>...</SPAN></DIV>)
        std::string text = html_to_text(value);
        std::replace(text.begin(), text.end(), '\n', ' ');
        if (looks_like_html(text)) return {};  // markup inside markup: read once only
        if (LicenceMatch match = map_licence(text); match.known) return match;
        return {};
    }
    auto lookup = [&](std::string_view candidate) -> std::optional<std::string> {
        const std::string key = licence_key(candidate);
        if (auto found = first(m_data->licences.find_key(key))) return found;
        if (starts_with(key, licence_key_prefix)) {
            // a CKAN id under the dcat-ap.de prefix: .../licenses/dl-de-by-2.0
            const std::string rest = key.substr(licence_key_prefix.size());
            if (auto found = first(m_data->licences.find(rest))) return found;
            if (auto found = first(m_data->licences.find_compact(rest))) return found;
        }
        if (!is_http_iri(trim_whitespace(candidate))) {
            if (auto found = first(m_data->licences.find_compact(candidate))) return found;
        }
        return std::nullopt;
    };
    if (auto found = lookup(value)) return {*found, true};
    if (!iri && value.back() == ')') {
        // "Name (code)": try the code, then the name
        const auto open = value.rfind('(');
        if (open != std::string_view::npos && open > 0) {
            if (auto found = lookup(value.substr(open + 1, value.size() - open - 2))) return {*found, true};
            if (auto found = lookup(value.substr(0, open))) return {*found, true};
        }
    }
    return {iri ? std::string(value) : std::string{}, false};
}

bool Vocabularies::is_known_licence(std::string_view iri) const {
    return m_data->licence_iri_keys.contains(licence_key(iri));
}

bool Vocabularies::is_open_licence(std::string_view iri) const {
    const auto it = m_data->licence_open.find(licence_key(iri));
    return it != m_data->licence_open.end() && it->second;
}

std::vector<std::string> Vocabularies::map_themes(std::string_view value) const {
    if (const auto* found = m_data->themes.find(value)) return *found;
    if (!is_http_iri(trim_whitespace(value))) {
        if (const auto* found = m_data->themes.find_compact(value)) return *found;
        return {};
    }
    if (const auto found = by_code(m_data->themes, vocab_key(value)); !found.empty()) return {std::string(found)};
    return {};
}

std::optional<std::string> Vocabularies::map_theme(std::string_view value) const {
    auto themes = map_themes(value);
    if (themes.empty()) return std::nullopt;
    return std::move(themes.front());
}

std::optional<std::string> Vocabularies::map_format(std::string_view value) const {
    std::string_view iri = find_format(value);
    // Only in mapping, not in scoring (find_format): a code under another namespace
    if (iri.empty() && is_http_iri(trim_whitespace(value))) iri = by_code(m_data->formats, vocab_key(value));
    if (iri.empty()) return std::nullopt;
    return std::string(iri);
}

std::string_view Vocabularies::find_format(std::string_view value) const {
    if (const auto* found = m_data->formats.canonical(value)) return found->front();
    if (const auto it = m_data->media_type_formats.find(value); it != m_data->media_type_formats.end())
        return it->second;
    return format_by_key(value);
}

std::string_view Vocabularies::format_by_key(std::string_view value) const {
    std::string key = vocab_key(value);
    if (key.empty()) return {};
    if (starts_with(key, iana_key_prefix)) key.erase(0, iana_key_prefix.size());
    if (auto found = first_view(m_data->formats.find_key(key)); !found.empty()) return found;
    if (key[0] == '.') {
        if (auto found = first_view(m_data->formats.find_key(key.substr(1))); !found.empty()) return found;
    }
    const bool iri = is_http_iri(trim_whitespace(value)) && !starts_with(vocab_key(value), iana_key_prefix);
    if (!iri && looks_like_media_type(key)) {
        // a media type: without parameters, then its subtype as a code ("application/json")
        std::string media = key.substr(0, key.find(';'));
        while (!media.empty() && media.back() == ' ') media.pop_back();
        if (auto found = first_view(m_data->formats.find_key(media)); !found.empty()) return found;
        std::string subtype = media.substr(media.find('/') + 1);
        if (starts_with(subtype, "x-")) subtype.erase(0, 2);
        if (subtype.find_first_of("+.") == std::string::npos) {
            if (auto found = first_view(m_data->formats.find_key(subtype)); !found.empty()) return found;
        }
    }
    if (!iri) {
        if (auto found = first_view(m_data->formats.find_compact(key)); !found.empty()) return found;
    }
    return {};
}

std::optional<std::string> Vocabularies::map_media_type(std::string_view value) const {
    if (const auto* found = m_data->media_types.canonical(value)) return found->front();
    std::string key = vocab_key(value);
    if (key.empty()) return std::nullopt;
    if (auto found = first(m_data->media_types.find_key(key))) return found;
    if (const auto semicolon = key.find(';'); semicolon != std::string::npos) {
        key.erase(semicolon);
        while (!key.empty() && key.back() == ' ') key.pop_back();
        if (auto found = first(m_data->media_types.find_key(key))) return found;
    }
    if (is_http_iri(trim_whitespace(value))) {
        // A media type under another address: purl.org/NET/mediatypes/text/csv,
        // or rdf:resource="text/csv" read against the page's address.
        if (const auto slash = key.rfind('/'); slash != std::string::npos && slash > 0) {
            const auto before = key.rfind('/', slash - 1);
            if (before != std::string::npos) {
                const std::string media = key.substr(before + 1);
                if (looks_like_media_type(media)) return first(m_data->media_types.find_key(media));
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> Vocabularies::map_frequency(std::string_view value) const {
    if (auto found = first(m_data->frequencies.find(value))) return found;
    if (!is_http_iri(trim_whitespace(value))) return first(m_data->frequencies.find_compact(value));
    if (const auto found = by_code(m_data->frequencies, vocab_key(value)); !found.empty()) return std::string(found);
    return std::nullopt;
}

std::optional<std::string> Vocabularies::map_language(std::string_view value) const {
    if (const auto* found = m_data->languages.canonical(value)) return found->front();
    const std::string key = vocab_key(value);
    if (key.empty()) return std::nullopt;
    if (auto found = first(m_data->languages.find_key(key))) return found;
    if (is_http_iri(trim_whitespace(value))) {
        // .../language/GER, id.loc.gov/.../iso639-1/en, lexvo.org/id/iso639-3/deu
        return first(m_data->languages.find_key(last_segment(key)));
    }
    const auto separator = key.find_first_of("-_");
    if (separator == 2 || separator == 3) {  // de-DE, de_DE
        return first(m_data->languages.find_key(key.substr(0, separator)));
    }
    if (auto found = first(m_data->languages.find_compact(key))) return found;
    return std::nullopt;
}

std::optional<std::string> Vocabularies::language_tag(std::string_view language_iri) const {
    const auto iri = map_language(language_iri);
    if (!iri) return std::nullopt;
    const auto it = m_data->language_tags.find(*iri);
    if (it == m_data->language_tags.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Vocabularies::map_access_right(std::string_view value) const {
    if (auto found = first(m_data->access_rights.find(value))) return found;
    if (!is_http_iri(trim_whitespace(value))) return std::nullopt;
    if (auto found = by_code(m_data->access_rights, vocab_key(value)); !found.empty()) return std::string(found);
    return std::nullopt;
}

std::optional<std::string> Vocabularies::map_availability(std::string_view value) const {
    return first(m_data->availabilities.find(value));
}

std::optional<std::string> Vocabularies::map_distribution_status(std::string_view value) const {
    return first(m_data->distribution_statuses.find(value));
}

std::optional<std::string> Vocabularies::map_geocoding_level(std::string_view value) const {
    return first(m_data->geocoding_levels.find(value));
}

bool Vocabularies::is_contributor_id(std::string_view iri) const {
    return m_data->contributor_iri_keys.contains(vocab_key(iri));
}

std::optional<std::string> Vocabularies::map_contributor_id(std::string_view value) const {
    if (const auto* found = m_data->contributors.canonical(value)) return found->front();
    const std::string key = vocab_key(value);
    if (auto found = first(m_data->contributors.find_key(key))) return found;
    if (starts_with(key, contributor_key_prefix)) {
        return first(m_data->contributors.find_key(key.substr(contributor_key_prefix.size())));
    }
    return std::nullopt;
}

bool Vocabularies::is_file_type(std::string_view iri) const {
    if (!is_http_iri(trim_whitespace(iri))) return false;
    if (m_data->formats.canonical(iri) != nullptr) return true;
    const std::string key = vocab_key(iri);
    const auto found = first(m_data->formats.find_key(key));
    return found && vocab_key(*found) == key;
}

bool Vocabularies::is_media_type(std::string_view iri) const {
    if (!is_http_iri(trim_whitespace(iri))) return false;
    if (m_data->media_types.canonical(iri) != nullptr) return true;
    const std::string key = vocab_key(iri);
    const auto found = first(m_data->media_types.find_key(key));
    return found && vocab_key(*found) == key;
}

bool Vocabularies::is_access_right(std::string_view iri) const {
    if (!is_http_iri(trim_whitespace(iri))) return false;
    if (m_data->access_rights.canonical(iri) != nullptr) return true;
    const std::string key = vocab_key(iri);
    const auto found = first(m_data->access_rights.find_key(key));
    return found && vocab_key(*found) == key;
}

bool Vocabularies::is_edp_licence(std::string_view iri) const {
    return is_http_iri(trim_whitespace(iri)) && m_data->edp_licence_keys.contains(licence_key(iri));
}

bool Vocabularies::is_non_proprietary_format(std::string_view file_type) const {
    if (const auto it = m_data->format_flags.find(file_type); it != m_data->format_flags.end())
        return it->second.non_proprietary;
    return m_data->non_proprietary_formats.contains(vocab_key(file_type));
}

bool Vocabularies::is_machine_readable_format(std::string_view file_type) const {
    if (const auto it = m_data->format_flags.find(file_type); it != m_data->format_flags.end())
        return it->second.machine_readable;
    return m_data->machine_readable_formats.contains(vocab_key(file_type));
}

std::optional<std::string> Vocabularies::media_type_for_format(std::string_view file_type) const {
    const auto it = m_data->file_type_media_types.find(vocab_key(file_type));
    if (it == m_data->file_type_media_types.end()) return std::nullopt;
    return it->second;
}

std::string Vocabularies::fingerprint() const { return m_data->fingerprint; }

VocabularyCounts Vocabularies::counts() const { return m_data->counts; }

}  // namespace ernte::catalog
