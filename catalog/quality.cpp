#include "catalog/quality.hpp"

#include "catalog/finding_list.hpp"
#include "catalog/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace ernte::catalog::quality {

namespace {

using model::Dataset;
using model::Distribution;

// ---------------------------------------------------------------- the method
// Ids, dimensions and points as piveau-dqv-vocabulary.ttl gives them
// (pv:trueScore, pv:falseScore); tests/catalog/quality_test.cpp compares
// this table with the file.

constexpr std::array<IndicatorDefinition, indicator_count> k_indicators{{
    {Indicator::keyword_availability, "keywordAvailability", Dimension::findability, Level::dataset, "dcat:keyword",
     30, 0, "keyword availability", "Schlagwörter vorhanden"},
    {Indicator::category_availability, "categoryAvailability", Dimension::findability, Level::dataset, "dcat:theme",
     30, 0, "category availability", "Kategorien vorhanden"},
    {Indicator::spatial_availability, "spatialAvailability", Dimension::findability, Level::dataset, "dct:spatial",
     20, 0, "spatial availability", "Raumbezug vorhanden"},
    {Indicator::temporal_availability, "temporalAvailability", Dimension::findability, Level::dataset,
     "dct:temporal", 20, 0, "temporal availability", "Zeitbezug vorhanden"},
    {Indicator::access_url_status_code, "accessUrlStatusCode", Dimension::accessibility, Level::distribution,
     "dcat:accessURL", 50, 0, "access URL status", "Zugangs-URL erreichbar"},
    {Indicator::download_url_availability, "downloadUrlAvailability", Dimension::accessibility, Level::distribution,
     "dcat:downloadURL", 20, 0, "download URL availability", "Download-URL vorhanden"},
    {Indicator::download_url_status_code, "downloadUrlStatusCode", Dimension::accessibility, Level::distribution,
     "dcat:downloadURL", 30, 0, "download URL status", "Download-URL erreichbar"},
    {Indicator::format_availability, "formatAvailability", Dimension::interoperability, Level::distribution,
     "dct:format", 20, -5, "format availability", "Format vorhanden"},
    {Indicator::media_type_availability, "mediaTypeAvailability", Dimension::interoperability, Level::distribution,
     "dcat:mediaType", 10, -5, "media type availability", "Medientyp vorhanden"},
    {Indicator::format_media_type_vocabulary_alignment, "formatMediaTypeVocabularyAlignment",
     Dimension::interoperability, Level::distribution, "dct:format, dcat:mediaType", 10, 0,
     "format / media type from vocabulary", "Format und Medientyp aus Vokabular"},
    {Indicator::format_media_type_non_proprietary, "formatMediaTypeNonProprietary", Dimension::interoperability,
     Level::distribution, "dct:format, dcat:mediaType", 20, 0, "non-proprietary format", "Offenes Format"},
    {Indicator::format_media_type_machine_interpretable, "formatMediaTypeMachineInterpretable",
     Dimension::interoperability, Level::distribution, "dct:format, dcat:mediaType", 20, 0,
     "machine-readable format", "Maschinenlesbares Format"},
    {Indicator::dcat_ap_compliance, "dcatApCompliance", Dimension::interoperability, Level::dataset, "", 30, 0,
     "DCAT-AP compliance", "DCAT-AP-Konformität"},
    {Indicator::licence_availability, "licenceAvailability", Dimension::reusability, Level::distribution,
     "dct:license", 20, 0, "licence availability", "Lizenz vorhanden"},
    {Indicator::known_licence, "knownLicence", Dimension::reusability, Level::distribution, "dct:license", 10, 0,
     "known licence", "Bekannte Lizenz"},
    {Indicator::access_rights_availability, "accessRightsAvailability", Dimension::reusability, Level::dataset,
     "dct:accessRights", 10, 0, "access rights availability", "Zugriffsrechte vorhanden"},
    {Indicator::access_rights_vocabulary_alignment, "accessRightsVocabularyAlignment", Dimension::reusability,
     Level::dataset, "dct:accessRights", 5, 0, "access rights from vocabulary", "Zugriffsrechte aus Vokabular"},
    {Indicator::contact_point_availability, "contactPointAvailability", Dimension::reusability, Level::dataset,
     "dcat:contactPoint", 20, 0, "contact point availability", "Kontaktstelle vorhanden"},
    {Indicator::publisher_availability, "publisherAvailability", Dimension::reusability, Level::dataset,
     "dct:publisher", 10, 0, "publisher availability", "Veröffentlichende Stelle vorhanden"},
    {Indicator::rights_availability, "rightsAvailability", Dimension::contextuality, Level::distribution,
     "dct:rights", 5, 0, "rights availability", "Rechtehinweis vorhanden"},
    {Indicator::byte_size_availability, "byteSizeAvailability", Dimension::contextuality, Level::distribution,
     "dcat:byteSize", 5, 0, "byte size availability", "Dateigröße vorhanden"},
    {Indicator::date_issued_availability, "dateIssuedAvailability", Dimension::contextuality, Level::distribution,
     "dct:issued", 5, 0, "date issued availability", "Veröffentlichungsdatum vorhanden"},
    {Indicator::date_modified_availability, "dateModifiedAvailability", Dimension::contextuality,
     Level::distribution, "dct:modified", 5, 0, "date modified availability", "Änderungsdatum vorhanden"},
}};

constexpr std::array<std::string_view, dimension_count> k_dimension_names{
    "findability", "accessibility", "interoperability", "reusability", "contextuality"};

constexpr std::size_t index_of(Indicator i) { return static_cast<std::size_t>(i); }

// ---------------------------------------------------------------- vocabulary IRIs

constexpr std::string_view ns_dct = "http://purl.org/dc/terms/";
constexpr std::string_view ns_dcat = "http://www.w3.org/ns/dcat#";
constexpr std::string_view locn_geometry = "http://www.w3.org/ns/locn#geometry";

constexpr std::string_view example_licence = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
constexpr std::string_view example_licence_name = "Datenlizenz Deutschland – Namensnennung – Version 2.0";
constexpr std::string_view access_right_public = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
constexpr std::string_view example_theme = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
constexpr std::string_view example_format = "http://publications.europa.eu/resource/authority/file-type/CSV";
constexpr std::string_view example_media_type = "http://www.iana.org/assignments/media-types/text/csv";

bool has_extra(const std::vector<model::ExtraProperty>& extra, std::string_view predicate) {
    return std::any_of(extra.begin(), extra.end(),
                       [&](const model::ExtraProperty& e) { return e.predicate == predicate; });
}

/// has_extra for the predicate `ns` + `local`, without building it.
bool has_extra(const std::vector<model::ExtraProperty>& extra, std::string_view ns, std::string_view local) {
    return std::any_of(extra.begin(), extra.end(), [&](const model::ExtraProperty& e) {
        return e.predicate.size() == ns.size() + local.size() && e.predicate.starts_with(ns) &&
               e.predicate.ends_with(local);
    });
}

/// The text of an extra (the first with the predicate `ns` + `local`), for values kept as literals.
std::string_view extra_text(const std::vector<model::ExtraProperty>& extra, std::string_view ns,
                            std::string_view local) {
    for (const auto& e : extra) {
        if (e.predicate.size() == ns.size() + local.size() && e.predicate.starts_with(ns) &&
            e.predicate.ends_with(local))
            return e.object.value;
    }
    return {};
}

/// The last segment of an IRI ("CSV" of .../file-type/CSV), for naming a format.
std::string_view last_segment(std::string_view iri) {
    while (!iri.empty() && (iri.back() == '/' || iri.back() == '#')) iri.remove_suffix(1);
    const auto slash = iri.find_last_of("/#");
    return slash == std::string_view::npos ? iri : iri.substr(slash + 1);
}

/// The German text if there is one, else an untagged one, else the first.
std::string preferred_text(const std::vector<model::LangString>& texts) {
    for (const auto& t : texts) {
        if (t.lang == "de" && !t.value.empty()) return t.value;
    }
    for (const auto& t : texts) {
        if (t.lang.empty() && !t.value.empty()) return t.value;
    }
    for (const auto& t : texts) {
        if (!t.value.empty()) return t.value;
    }
    return {};
}

// ---------------------------------------------------------------- measuring

/// The outcome of a link indicator on one distribution.
struct UrlCheck {
    std::optional<bool> passed;
    std::size_t urls = 0;
    std::size_t failures = 0;
    std::string_view failed_url;  ///< the first URL that failed
    LinkState failed_state;
};

UrlCheck check_urls(const std::vector<std::string>& urls, const LinkLookup& links) {
    UrlCheck check;
    check.urls = urls.size();
    if (urls.empty()) {
        check.passed = false;
        return check;
    }
    bool unknown = false;
    for (const auto& url : urls) {
        const std::optional<LinkState> state = links ? links(url) : std::nullopt;
        if (!state || !state->checked) {
            unknown = true;
            continue;
        }
        if (link_passes(*state)) continue;
        if (check.failures++ == 0) {
            check.failed_url = url;
            check.failed_state = *state;
        }
    }
    if (check.failures > 0) {
        check.passed = false;
    } else if (!unknown) {
        check.passed = true;
    }
    return check;
}

/// The access URLs as the export writes them (K39: download URLs when a
/// distribution has no access URL of its own).
const std::vector<std::string>& access_urls(const Distribution& dist) {
    return dist.access_urls.empty() ? dist.download_urls : dist.access_urls;
}

/// The distribution-level indicators measured on one distribution.
struct DistributionMeasure {
    std::array<std::optional<bool>, indicator_count> passed{};
    int points = 0;
    UrlCheck access;
    UrlCheck download;
};

int points_for(Indicator indicator, const std::optional<bool>& passed) {
    if (!passed) return 0;
    const IndicatorDefinition& def = definition(indicator);
    return *passed ? def.true_score : def.false_score;
}

/// Points, dimensions, total and rating from the indicators' verdicts (and,
/// for distribution-level ones, whether there is a distribution at all).
void settle_points(MqaScore& score) {
    score.total = 0;
    score.dimensions = {};
    for (const IndicatorDefinition& def : k_indicators) {
        IndicatorResult& r = score.indicators[index_of(def.indicator)];
        r.indicator = def.indicator;
        const bool no_distribution = def.level == Level::distribution && (!r.distributions || r.distributions->of == 0);
        r.points = no_distribution ? 0 : points_for(def.indicator, r.passed);
        score.dimensions[static_cast<std::size_t>(def.dimension)] += r.points;
        score.total += r.points;
    }
    score.rating = rating_for(score.total);
}

bool licence_is_known(const model::Licence& licence, const Vocabularies& vocab) {
    if (licence.iri.empty()) return false;
    return licence.known || vocab.is_known_licence(licence.iri) || vocab.is_edp_licence(licence.iri);
}

/// The EU file types a distribution declares through dct:format or
/// dcat:mediaType (piveau: "at least one of format and media type"); an
/// empty one where it declares none.
std::array<std::string_view, 2> declared_file_types(const Distribution& dist, const Vocabularies& vocab) {
    std::array<std::string_view, 2> types{};
    if (vocab.is_file_type(dist.format)) types[0] = dist.format;
    if (!dist.media_type.empty()) types[1] = vocab.find_format(dist.media_type);
    return types;
}

/// The first of declared_file_types, or empty.
std::string_view first_declared(const std::array<std::string_view, 2>& types) {
    return !types[0].empty() ? types[0] : types[1];
}

DistributionMeasure measure(const Dataset& d, const Distribution& dist, const Vocabularies& vocab,
                            const MqaInputs& inputs) {
    DistributionMeasure m;
    auto set = [&](Indicator i, std::optional<bool> passed) { m.passed[index_of(i)] = passed; };
    m.access = check_urls(access_urls(dist), inputs.links);
    m.download = check_urls(dist.download_urls, inputs.links);
    set(Indicator::access_url_status_code, m.access.passed);
    set(Indicator::download_url_availability, !dist.download_urls.empty());
    set(Indicator::download_url_status_code, m.download.passed);
    set(Indicator::format_availability, !dist.format.empty());
    set(Indicator::media_type_availability, !dist.media_type.empty());
    set(Indicator::format_media_type_vocabulary_alignment,
        vocab.is_file_type(dist.format) && vocab.is_media_type(dist.media_type));
    const auto types = declared_file_types(dist, vocab);
    set(Indicator::format_media_type_non_proprietary, std::any_of(types.begin(), types.end(), [&](auto t) {
            return !t.empty() && vocab.is_non_proprietary_format(t);
        }));
    set(Indicator::format_media_type_machine_interpretable, std::any_of(types.begin(), types.end(), [&](auto t) {
            return !t.empty() && vocab.is_machine_readable_format(t);
        }));
    set(Indicator::licence_availability, !dist.licence.empty());
    set(Indicator::known_licence, licence_is_known(dist.licence, vocab));
    set(Indicator::rights_availability, !dist.rights.empty() || has_extra(dist.extra, ns_dct, "rights"));
    set(Indicator::byte_size_availability,
        dist.byte_size.has_value() || has_extra(dist.extra, ns_dcat, "byteSize"));
    set(Indicator::date_issued_availability, !dist.issued.empty() || !d.issued.empty());
    set(Indicator::date_modified_availability, !dist.modified.empty() || !d.modified.empty());
    for (const IndicatorDefinition& def : k_indicators) {
        if (def.level == Level::distribution) m.points += points_for(def.indicator, m.passed[index_of(def.indicator)]);
    }
    return m;
}

bool has_spatial(const Dataset& d) {
    if (!d.spatial.empty() || !d.political_geocoding_uris.empty()) return true;
    // a dct:Location kept whole, or geometries the export writes inside one
    return has_extra(d.extra, ns_dct, "spatial") || has_extra(d.extra, locn_geometry) ||
           has_extra(d.extra, ns_dcat, "bbox") || has_extra(d.extra, ns_dcat, "centroid");
}

std::array<std::optional<bool>, indicator_count> measure_dataset(const Dataset& d, const Vocabularies& vocab,
                                                                  const MqaInputs& inputs) {
    std::array<std::optional<bool>, indicator_count> passed{};
    auto set = [&](Indicator i, std::optional<bool> value) { passed[index_of(i)] = value; };
    set(Indicator::keyword_availability, !d.keywords.empty());
    set(Indicator::category_availability, !d.themes.empty());
    set(Indicator::spatial_availability, has_spatial(d));
    set(Indicator::temporal_availability, !d.temporal.empty() || has_extra(d.extra, ns_dct, "temporal"));
    if (inputs.dcat_ap_violations) set(Indicator::dcat_ap_compliance, *inputs.dcat_ap_violations == 0);
    set(Indicator::access_rights_availability,
        !d.access_rights.empty() || has_extra(d.extra, ns_dct, "accessRights"));
    set(Indicator::access_rights_vocabulary_alignment, vocab.is_access_right(d.access_rights));
    set(Indicator::contact_point_availability,
        std::any_of(d.contact_points.begin(), d.contact_points.end(), [](const auto& c) { return !c.empty(); }));
    set(Indicator::publisher_availability, !d.publisher.empty());
    return passed;
}

// ---------------------------------------------------------------- findings

/// How a distribution is named in messages.
struct DistributionName {
    std::string en;  ///< "distribution 'Haushalt 2023 (CSV)'"
    std::string de;  ///< "Distribution „Haushalt 2023 (CSV)“"
};

DistributionName name_of(const Distribution& dist, std::size_t index) {
    const std::string title = preferred_text(dist.title);
    if (!title.empty()) return {fmt::format("distribution '{}'", title), fmt::format("Distribution „{}“", title)};
    const auto& urls = dist.download_urls.empty() ? dist.access_urls : dist.download_urls;
    if (!urls.empty()) {
        return {fmt::format("distribution {} ({})", index + 1, urls.front()),
                fmt::format("Distribution {} ({})", index + 1, urls.front())};
    }
    return {fmt::format("distribution {}", index + 1), fmt::format("Distribution {}", index + 1)};
}

std::string capitalized(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

/// A checked link state of the distribution's URLs (download URLs first),
/// for suggesting a format, media type or size.
std::optional<LinkState> served_state(const Distribution& dist, const LinkLookup& links) {
    if (!links) return std::nullopt;
    for (const auto* urls : {&dist.download_urls, &dist.access_urls}) {
        for (const auto& url : *urls) {
            if (auto state = links(url); state && state->checked && link_passes(*state)) return state;
        }
    }
    return std::nullopt;
}

/// "it answers HTTP 404" / "sie antwortet mit HTTP 404".
std::pair<std::string, std::string> link_problem(const LinkState& state) {
    if (state.status > 0) {
        return {fmt::format("it answers HTTP {}", state.status),
                fmt::format("sie antwortet mit HTTP {}", state.status)};
    }
    if (!state.error.empty()) {
        return {fmt::format("there is no answer ({})", state.error),
                fmt::format("es kommt keine Antwort ({})", state.error)};
    }
    return {"there is no answer", "es kommt keine Antwort"};
}

/// Builds the findings of one record.
class FindingWriter {
public:
    FindingWriter(const Dataset& d, const Vocabularies& vocab, const MqaInputs& inputs,
                  const std::vector<DistributionMeasure>& measures, const MqaScore& score, FindingList& findings)
        : m_d(d),
          m_vocab(vocab),
          m_inputs(inputs),
          m_measures(measures),
          m_score(score),
          m_texts(inputs.texts == FindingTexts::compose),
          m_findings(findings) {}

    void write() {
        for (const IndicatorDefinition& def : k_indicators) {
            if (def.level == Level::dataset) {
                if (m_score.indicator(def.indicator).passed == false) dataset_failure(def);
            } else if (m_d.distributions.empty()) {
                no_distribution(def);
            } else {
                distribution_failures(def);
            }
            repairs(def);
        }
    }

private:
    /// A message or fix, or nothing when the findings go without texts.
    template <typename... Args>
    std::string compose(fmt::format_string<Args...> format, Args&&... args) const {
        if (!m_texts) return {};
        return fmt::format(format, std::forward<Args>(args)...);
    }
    DistributionName label_of(const Distribution& dist, std::size_t index) const {
        return m_texts ? name_of(dist, index) : DistributionName{};
    }
    std::pair<std::string, std::string> problem(const LinkState& state) const {
        return m_texts ? link_problem(state) : std::pair<std::string, std::string>{};
    }

    using Entry = FindingList::Entry;

    /// A finding of `def`, added to the list; valid until the next one is added.
    Entry& make(const IndicatorDefinition& def, std::string_view en, std::string_view de, std::string_view fix_en,
                std::string_view fix_de, Severity severity = Severity::warning) {
        Entry& f = m_findings.add(def.id, severity, def.property, FindingDefaults{Severity::warning, def.property});
        if (m_texts) m_findings.set_texts(f, std::string(de), std::string(en), std::string(fix_de), std::string(fix_en));
        return f;
    }

    int lost(const IndicatorDefinition& def) const { return def.true_score - m_score.indicator(def.indicator).points; }

    // ---- dataset level

    void dataset_failure(const IndicatorDefinition& def) { dataset_finding(def).points_lost = lost(def); }

    Entry& dataset_finding(const IndicatorDefinition& def) {
        switch (def.indicator) {
            case Indicator::keyword_availability:
                return make(def, "The dataset has no keywords.", "Der Datensatz hat keine Schlagwörter.",
                            "Add at least one dcat:keyword (CKAN: tags) naming what the data is about.",
                            "Mindestens ein dcat:keyword (CKAN: tags) ergänzen, das den Inhalt der Daten benennt.");
            case Indicator::category_availability: {
                if (!m_d.themes_original.empty()) {
                    const std::string& v = m_d.themes_original.front();
                    Entry& f = make(
                        def, compose("The dataset's category '{}' is not an EU data theme.", v),
                        compose("Die Kategorie „{}“ des Datensatzes ist kein EU-Datenthema.", v),
                        compose("Publish dcat:theme as the IRI of an EU data theme instead of '{}', e.g. {} "
                                    "(government and public sector).",
                                    v, example_theme),
                        compose("dcat:theme als IRI eines EU-Datenthemas statt „{}“ veröffentlichen, z. B. {} "
                                    "(Regierung und öffentlicher Sektor).",
                                    v, example_theme));
                    f.value = v;
                    return f;
                }
                return make(def, "The dataset has no category (dcat:theme).",
                            "Der Datensatz hat keine Kategorie (dcat:theme).",
                            compose("Add dcat:theme with the IRI of one of the 13 EU data themes (CKAN: groups), "
                                        "e.g. {} (government and public sector).",
                                        example_theme),
                            compose("dcat:theme mit der IRI eines der 13 EU-Datenthemen ergänzen (CKAN: groups), "
                                        "z. B. {} (Regierung und öffentlicher Sektor).",
                                        example_theme));
            }
            case Indicator::spatial_availability:
                return make(def, "The dataset has no spatial coverage.", "Der Datensatz hat keinen Raumbezug.",
                            "Add dct:spatial; for a state, district or municipality add "
                            "dcatde:politicalGeocodingURI with its key, e.g. "
                            "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<regional key> (ernte also "
                            "writes it as dct:spatial).",
                            "dct:spatial ergänzen; für ein Land, einen Kreis oder eine Gemeinde "
                            "dcatde:politicalGeocodingURI mit dem Schlüssel angeben, z. B. "
                            "http://dcat-ap.de/def/politicalGeocoding/regionalKey/<Regionalschlüssel> (ernte "
                            "schreibt ihn auch als dct:spatial).");
            case Indicator::temporal_availability:
                return make(def, "The dataset has no temporal coverage.", "Der Datensatz hat keinen Zeitbezug.",
                            "Add dct:temporal as a dct:PeriodOfTime with dcat:startDate and/or dcat:endDate "
                            "(CKAN: temporal_start, temporal_end).",
                            "dct:temporal als dct:PeriodOfTime mit dcat:startDate und/oder dcat:endDate ergänzen "
                            "(CKAN: temporal_start, temporal_end).");
            case Indicator::dcat_ap_compliance: {
                const std::size_t n = m_inputs.dcat_ap_violations.value_or(0);
                return make(def,
                            compose("The dataset violates {} DCAT-AP.de rule{}.", n, n == 1 ? "" : "s"),
                            compose("Der Datensatz verletzt {} Regel{} von DCAT-AP.de.", n, n == 1 ? "" : "n"),
                            compose("Correct the violations listed among the DCAT-AP.de findings; the {} points "
                                        "need all of them corrected.",
                                        def.true_score),
                            compose("Die bei den DCAT-AP.de-Befunden aufgeführten Verstöße beheben; die {} Punkte "
                                        "gibt es erst, wenn alle behoben sind.",
                                        def.true_score));
            }
            case Indicator::access_rights_availability:
                return make(def, "The dataset has no access rights (dct:accessRights).",
                            "Der Datensatz hat keine Zugriffsrechte (dct:accessRights).",
                            compose("Add dct:accessRights; for open data {} (CKAN: access_rights).",
                                        access_right_public),
                            compose("dct:accessRights ergänzen; für offene Daten {} (CKAN: access_rights).",
                                        access_right_public));
            case Indicator::access_rights_vocabulary_alignment: {
                std::string_view v = m_d.access_rights;
                if (v.empty()) v = extra_text(m_d.extra, ns_dct, "accessRights");
                if (v.empty()) {
                    return make(def, "The dataset has no access rights from the EU access-right list.",
                                "Der Datensatz hat keine Zugriffsrechte aus der EU-Liste.",
                                compose("Add dct:accessRights; for open data {} (CKAN: access_rights).",
                                            access_right_public),
                                compose("dct:accessRights ergänzen; für offene Daten {} (CKAN: access_rights).",
                                            access_right_public));
                }
                Entry& f = make(
                    def, compose("The dataset's access rights '{}' are not from the EU access-right list.", v),
                    compose("Die Zugriffsrechte „{}“ des Datensatzes stammen nicht aus der EU-Liste.", v),
                    compose("Publish dct:accessRights as an IRI of the EU list instead of '{}': {} for open "
                                "data (otherwise NON_PUBLIC or RESTRICTED).",
                                v, access_right_public),
                    compose("dct:accessRights als IRI der EU-Liste statt „{}“ veröffentlichen: {} für offene "
                                "Daten (sonst NON_PUBLIC oder RESTRICTED).",
                                v, access_right_public));
                f.value = v;
                return f;
            }
            case Indicator::contact_point_availability: {
                std::string email;
                for (const auto* agents : {&m_d.maintainers, &m_d.creators}) {
                    for (const auto& a : *agents) {
                        if (email.empty() && !a.email.empty()) email = a.email;
                    }
                }
                if (email.empty()) email = m_d.publisher.email;
                const std::string example_en = email.empty() ? "" : compose(", e.g. mailto:{}", email);
                const std::string example_de = email.empty() ? "" : compose(", z. B. mailto:{}", email);
                return make(def, "The dataset has no contact point.", "Der Datensatz hat keine Kontaktstelle.",
                            compose("Add dcat:contactPoint, a vcard:Kind with vcard:fn and vcard:hasEmail (CKAN: "
                                        "maintainer, maintainer_email){}.",
                                        example_en),
                            compose("dcat:contactPoint ergänzen, eine vcard:Kind mit vcard:fn und vcard:hasEmail "
                                        "(CKAN: maintainer, maintainer_email){}.",
                                        example_de));
            }
            case Indicator::publisher_availability:
                return make(def, "The dataset has no publisher.", "Der Datensatz hat keine veröffentlichende Stelle.",
                            "Add dct:publisher, a foaf:Agent whose foaf:name names the body legally responsible "
                            "for the data (CKAN: publisher_name or the organization).",
                            "dct:publisher ergänzen, einen foaf:Agent, dessen foaf:name die rechtlich "
                            "verantwortliche Stelle nennt (CKAN: publisher_name oder die Organisation).");
            default:
                break;
        }
        return make(def, "", "", "", "");
    }

    // ---- distribution level

    void no_distribution(const IndicatorDefinition& def) {
        Entry& f = make(def, compose("The dataset has no distribution: {} cannot be earned.", def.name_en),
                         compose("Der Datensatz hat keine Distribution: „{}“ ist nicht erreichbar.", def.name_de),
                         "Add a dcat:distribution with dcat:accessURL, dcat:downloadURL, dct:format and "
                         "dct:license (CKAN: a resource).",
                         "Eine dcat:distribution mit dcat:accessURL, dcat:downloadURL, dct:format und dct:license "
                         "ergänzen (CKAN: eine Ressource).");
        f.path = "dcat:distribution";
        f.points_lost = lost(def);
    }

    void distribution_failures(const IndicatorDefinition& def) {
        const std::size_t i = index_of(def.indicator);
        std::vector<std::size_t> order;
        const std::size_t best = m_score.best_distribution.value_or(0);
        if (m_measures[best].passed[i] == false) order.push_back(best);
        for (std::size_t k = 0; k < m_measures.size(); ++k) {
            if (k != best && m_measures[k].passed[i] == false) order.push_back(k);
        }
        for (std::size_t n = 0; n < order.size() && n < max_distribution_findings; ++n) {
            const std::size_t k = order[n];
            Entry& f = distribution_finding(def, k);
            f.distribution = k;
            f.points_lost = k == best ? lost(def) : 0;
        }
        count_the_rest(def, order.size(), Severity::warning);
    }

    /// After the findings about single distributions (at most
    /// max_distribution_findings of `total`), one that counts the rest.
    void count_the_rest(const IndicatorDefinition& def, std::size_t total, Severity severity) {
        if (total <= max_distribution_findings) return;
        const std::size_t more = total - max_distribution_findings;
        make(
            def,
            severity == Severity::info
                ? compose("{} more distribution{} had the same value repaired.", more, more == 1 ? "" : "s")
                : compose("{} more distribution{} fail{} {} as well.", more, more == 1 ? "" : "s",
                              more == 1 ? "s" : "", def.name_en),
            severity == Severity::info
                ? compose("Bei {} weiteren Distribution{} wurde derselbe Wert repariert.", more,
                              more == 1 ? "" : "en")
                : compose("{} weitere Distribution{} erfüll{} „{}“ ebenfalls nicht.", more, more == 1 ? "" : "en",
                              more == 1 ? "t" : "en", def.name_de),
            "The same fix applies as in the findings above.", "Es gilt dieselbe Abhilfe wie bei den Befunden oben.",
            severity);
    }

    Entry& distribution_finding(const IndicatorDefinition& def, std::size_t k) {
        const Distribution& dist = m_d.distributions[k];
        const DistributionMeasure& m = m_measures[k];
        const DistributionName name = label_of(dist, k);
        const std::string Name = capitalized(name.en);
        switch (def.indicator) {
            case Indicator::access_url_status_code:
                if (m.access.urls == 0) {
                    return make(def, compose("{} has no access URL.", Name),
                                compose("Die {} hat keine Zugangs-URL.", name.de),
                                "Add dcat:accessURL with the address where the data can be obtained (CKAN: the "
                                "resource's url).",
                                "dcat:accessURL mit der Adresse ergänzen, unter der die Daten erhältlich sind (CKAN: "
                                "url der Ressource).");
                }
                return broken_link(def, m.access, name, "access URL", "Zugangs-URL", "dcat:accessURL");
            case Indicator::download_url_availability:
            case Indicator::download_url_status_code: {
                const bool status = def.indicator == Indicator::download_url_status_code;
                if (status && m.download.urls > 0) {
                    return broken_link(def, m.download, name, "download URL", "Download-URL", "dcat:downloadURL");
                }
                std::string en = status ? compose("{} has no download URL to check.", Name)
                                        : compose("{} has no download URL.", Name);
                std::string de = status
                                     ? compose("Die {} hat keine Download-URL, die geprüft werden könnte.", name.de)
                                     : compose("Die {} hat keine Download-URL.", name.de);
                if (!dist.access_service.empty()) {
                    return make(def, std::move(en), std::move(de),
                                "The distribution is offered through a data service (dcat:accessService): by "
                                "convention K41 it has no dcat:downloadURL, so these points cannot be earned here. "
                                "A distribution with a direct download earns them for the dataset.",
                                "Die Distribution wird über einen Datendienst angeboten (dcat:accessService): nach "
                                "Konvention K41 hat sie keine dcat:downloadURL, diese Punkte sind hier nicht "
                                "erreichbar. Eine Distribution mit direktem Download erreicht sie für den Datensatz.",
                                Severity::info);
                }
                if (!dist.access_urls.empty()) {
                    const std::string& url = dist.access_urls.front();
                    return make(def, std::move(en), std::move(de),
                                compose("If {} is the file itself, publish it also as dcat:downloadURL "
                                            "(convention K39); otherwise add the direct link to the file as "
                                            "dcat:downloadURL (CKAN: download_url).",
                                            url),
                                compose("Wenn {} die Datei selbst ist, sie auch als dcat:downloadURL "
                                            "veröffentlichen (Konvention K39); sonst den direkten Link zur Datei als "
                                            "dcat:downloadURL ergänzen (CKAN: download_url).",
                                            url));
                }
                return make(def, std::move(en), std::move(de),
                            "Add the direct link to the file as dcat:downloadURL (CKAN: download_url).",
                            "Den direkten Link zur Datei als dcat:downloadURL ergänzen (CKAN: download_url).");
            }
            case Indicator::format_availability: {
                const auto [example_en, example_de] = format_example(dist);
                if (!dist.format_original.empty()) {
                    Entry& f = make(
                        def,
                        compose("The format '{}' of {} is not an EU file type.", dist.format_original, name.en),
                        compose("Das Format „{}“ der {} ist kein EU-Dateityp.", dist.format_original, name.de),
                        compose("Publish dct:format as the IRI of an EU file type instead of '{}', e.g. {}.",
                                    dist.format_original, example_en),
                        compose("dct:format als IRI eines EU-Dateityps statt „{}“ veröffentlichen, z. B. {}.",
                                    dist.format_original, example_de));
                    f.value = dist.format_original;
                    return f;
                }
                return make(def, compose("{} has no format.", Name),
                            compose("Die {} hat kein Format.", name.de),
                            compose("Add dct:format as the IRI of an EU file type (CKAN: format), e.g. {}.",
                                        example_en),
                            compose("dct:format als IRI eines EU-Dateityps ergänzen (CKAN: format), z. B. {}.",
                                        example_de));
            }
            case Indicator::media_type_availability: {
                const auto [example_en, example_de] = media_type_example(dist);
                if (!dist.media_type_original.empty()) {
                    Entry& f = make(
                        def,
                        compose("The media type '{}' of {} is not an IANA media type.", dist.media_type_original,
                                    name.en),
                        compose("Der Medientyp „{}“ der {} ist kein IANA-Medientyp.", dist.media_type_original,
                                    name.de),
                        compose("Publish dcat:mediaType as the IRI of an IANA media type instead of '{}', e.g. {}.",
                                    dist.media_type_original, example_en),
                        compose("dcat:mediaType als IRI eines IANA-Medientyps statt „{}“ veröffentlichen, z. B. {}.",
                                    dist.media_type_original, example_de));
                    f.value = dist.media_type_original;
                    return f;
                }
                return make(def, compose("{} has no media type.", Name),
                            compose("Die {} hat keinen Medientyp.", name.de),
                            compose("Add dcat:mediaType as the IRI of an IANA media type (CKAN: mimetype), e.g. {}.",
                                        example_en),
                            compose("dcat:mediaType als IRI eines IANA-Medientyps ergänzen (CKAN: mimetype), "
                                        "z. B. {}.",
                                        example_de));
            }
            case Indicator::format_media_type_vocabulary_alignment:
                return alignment(def, dist, name);
            case Indicator::format_media_type_non_proprietary:
            case Indicator::format_media_type_machine_interpretable: {
                if (!m_texts) {
                    Entry& f = make(def, {}, {}, {}, {});
                    f.path = "dct:format";
                    return f;
                }
                const bool open = def.indicator == Indicator::format_media_type_non_proprietary;
                const std::string_view declared = first_declared(declared_file_types(dist, m_vocab));
                std::string declared_en = "no format given";
                std::string declared_de = "kein Format angegeben";
                if (!declared.empty()) {
                    declared_en = declared_de = std::string(last_segment(declared));
                } else if (!dist.format.empty()) {
                    declared_en = declared_de = dist.format;
                }
                Entry& f = make(
                    def,
                    compose("{} is not offered in a {} format ({}).", Name,
                                open ? "non-proprietary" : "machine-readable", declared_en),
                    compose("Die {} liegt nicht in einem {} Format vor ({}).", name.de,
                                open ? "offenen (nicht-proprietären)" : "maschinenlesbaren", declared_de),
                    compose("{}Offer the data also in a {} format such as {}; one such distribution earns the "
                                "points for the whole dataset.",
                                !declared.empty()      ? ""
                                : dist.format.empty() ? "Give the format as dct:format. "
                                                      : "Give dct:format as the IRI of an EU file type. ",
                                open ? "non-proprietary" : "machine-readable",
                                open ? "CSV, JSON, XML, ODS or GeoJSON" : "CSV, JSON, XML, XLSX or GeoJSON"),
                    compose("{}Die Daten zusätzlich in einem {} Format wie {} anbieten; eine solche Distribution "
                                "bringt die Punkte für den ganzen Datensatz.",
                                !declared.empty()      ? ""
                                : dist.format.empty() ? "Das Format als dct:format angeben. "
                                                      : "dct:format als IRI eines EU-Dateityps angeben. ",
                                open ? "offenen" : "maschinenlesbaren",
                                open ? "CSV, JSON, XML, ODS oder GeoJSON" : "CSV, JSON, XML, XLSX oder GeoJSON"));
                f.path = "dct:format";
                return f;
            }
            case Indicator::licence_availability:
                return make(def, compose("{} has no licence.", Name),
                            compose("Die {} hat keine Lizenz.", name.de),
                            compose("Add dct:license (CKAN: license_id), e.g. {} ({}).", example_licence,
                                        example_licence_name),
                            compose("dct:license ergänzen (CKAN: license_id), z. B. {} ({}).", example_licence,
                                        example_licence_name));
            case Indicator::known_licence: {
                if (dist.licence.empty()) {
                    return make(def, compose("{} has no licence, so it has no known one.", Name),
                                compose("Die {} hat keine Lizenz, also auch keine bekannte.", name.de),
                                compose("Add dct:license (CKAN: license_id), e.g. {} ({}).", example_licence,
                                            example_licence_name),
                                compose("dct:license ergänzen (CKAN: license_id), z. B. {} ({}).",
                                            example_licence, example_licence_name));
                }
                const std::string& v = dist.licence.original.empty() ? dist.licence.iri : dist.licence.original;
                Entry& f = make(
                    def,
                    compose("The licence '{}' of {} is in neither the dcat-ap.de licence list nor the MQA's.", v,
                                name.en),
                    compose("Die Lizenz „{}“ der {} steht weder in der Lizenzliste von dcat-ap.de noch in der "
                                "des MQA.",
                                v, name.de),
                    compose("Publish dct:license as the IRI of your licence from http://dcat-ap.de/def/licenses/ "
                                "instead of '{}', e.g. {}.",
                                v, example_licence),
                    compose("dct:license als IRI Ihrer Lizenz aus http://dcat-ap.de/def/licenses/ statt „{}“ "
                                "veröffentlichen, z. B. {}.",
                                v, example_licence));
                f.value = v;
                return f;
            }
            case Indicator::rights_availability:
                return make(def, compose("{} has no rights statement (dct:rights).", Name),
                            compose("Die {} hat keinen Rechtehinweis (dct:rights).", name.de),
                            "Add dct:rights, a statement of the rights in the data or a link to the terms of use "
                            "(CKAN: rights).",
                            "dct:rights ergänzen, eine Aussage zu den Rechten an den Daten oder einen Link auf die "
                            "Nutzungsbedingungen (CKAN: rights).");
            case Indicator::byte_size_availability: {
                const auto state = served_state(dist, m_inputs.links);
                const bool size = state && state->size && *state->size > 0;
                return make(def, compose("{} has no byte size.", Name),
                            compose("Die {} hat keine Dateigröße.", name.de),
                            compose("Add dcat:byteSize, the size of the file in bytes as a whole number (CKAN: "
                                        "size){}.",
                                        size ? compose(", e.g. {} as the server reports", *state->size) : ""),
                            compose("dcat:byteSize ergänzen, die Dateigröße in Bytes als ganze Zahl (CKAN: "
                                        "size){}.",
                                        size ? compose(", z. B. {} laut Server", *state->size) : ""));
            }
            case Indicator::date_issued_availability:
                return make(def, compose("Neither {} nor the dataset has an issue date.", name.en),
                            compose("Weder die {} noch der Datensatz hat ein Veröffentlichungsdatum.", name.de),
                            "Add dct:issued to the dataset or the distribution as an ISO 8601 date, e.g. "
                            "2024-03-01 (CKAN: issued).",
                            "dct:issued am Datensatz oder an der Distribution als Datum nach ISO 8601 ergänzen, "
                            "z. B. 2024-03-01 (CKAN: issued).");
            case Indicator::date_modified_availability:
                return make(def, compose("Neither {} nor the dataset has a modification date.", name.en),
                            compose("Weder die {} noch der Datensatz hat ein Änderungsdatum.", name.de),
                            "Add dct:modified to the dataset or the distribution as an ISO 8601 date, e.g. "
                            "2024-03-01 (CKAN: modified).",
                            "dct:modified am Datensatz oder an der Distribution als Datum nach ISO 8601 ergänzen, "
                            "z. B. 2024-03-01 (CKAN: modified).");
            default:
                break;
        }
        return make(def, "", "", "", "");
    }

    Entry& broken_link(const IndicatorDefinition& def, const UrlCheck& check, const DistributionName& name,
                       std::string_view what_en, std::string_view what_de, std::string_view property) {
        const auto [problem_en, problem_de] = problem(check.failed_state);
        const std::string more_en =
            check.failures > 1 ? compose(" ({} of its {} {}s fail)", check.failures, check.urls, what_en) : "";
        const std::string more_de =
            check.failures > 1
                ? compose(" ({} ihrer {} {}s funktionieren nicht)", check.failures, check.urls, what_de)
                : "";
        Entry& f = make(
            def,
            compose("The {} {} of {} does not work: {}{}.", what_en, check.failed_url, name.en, problem_en,
                        more_en),
            compose("Die {} {} der {} funktioniert nicht: {}{}.", what_de, check.failed_url, name.de, problem_de,
                        more_de),
            compose("Repair the link, or publish the current address of the data as {}.", property),
            compose("Den Link reparieren oder die aktuelle Adresse der Daten als {} veröffentlichen.", property));
        f.value = check.failed_url;
        return f;
    }

    Entry& alignment(const IndicatorDefinition& def, const Distribution& dist, const DistributionName& name) {
        const bool format_ok = m_vocab.is_file_type(dist.format);
        if (!m_texts) {
            Entry& f = make(def, {}, {}, {}, {});
            f.path = format_ok ? "dcat:mediaType" : "dct:format";
            return f;
        }
        const bool media_ok = m_vocab.is_media_type(dist.media_type);
        std::vector<std::string> en;
        std::vector<std::string> de;
        std::vector<std::string> fix_en;
        std::vector<std::string> fix_de;
        if (!format_ok) {
            const std::string given = !dist.format.empty() ? dist.format : dist.format_original;
            en.push_back(given.empty() ? "dct:format is missing"
                                       : compose("dct:format '{}' is not an EU file type", given));
            de.push_back(given.empty() ? "dct:format fehlt"
                                       : compose("dct:format „{}“ ist kein EU-Dateityp", given));
            const auto [example_en, example_de] = format_example(dist);
            fix_en.push_back(compose("dct:format as the IRI of an EU file type, e.g. {}", example_en));
            fix_de.push_back(compose("dct:format als IRI eines EU-Dateityps, z. B. {}", example_de));
        }
        if (!media_ok) {
            const std::string given = !dist.media_type.empty() ? dist.media_type : dist.media_type_original;
            en.push_back(given.empty() ? "dcat:mediaType is missing"
                                       : compose("dcat:mediaType '{}' is not an IANA media type", given));
            de.push_back(given.empty() ? "dcat:mediaType fehlt"
                                       : compose("dcat:mediaType „{}“ ist kein IANA-Medientyp", given));
            const auto [example_en, example_de] = media_type_example(dist);
            fix_en.push_back(compose("dcat:mediaType as the IRI of an IANA media type, e.g. {}", example_en));
            fix_de.push_back(compose("dcat:mediaType als IRI eines IANA-Medientyps, z. B. {}", example_de));
        }
        Entry& f = make(
            def,
            compose("Format and media type of {} are not both from the controlled vocabularies: {}.", name.en,
                        fmt::join(en, "; ")),
            compose("Format und Medientyp der {} stammen nicht beide aus den Vokabularen: {}.", name.de,
                        fmt::join(de, "; ")),
            compose("Publish {}.", fmt::join(fix_en, " and ")),
            compose("{} veröffentlichen.", fmt::join(fix_de, " und ")));
        f.path = format_ok ? "dcat:mediaType" : "dct:format";
        return f;
    }

    /// An EU file type to suggest: from the Content-Type the server sends,
    /// else CSV as an example.
    std::pair<std::string, std::string> format_example(const Distribution& dist) const {
        if (!m_texts) return {};
        if (const auto state = served_state(dist, m_inputs.links); state && !state->content_type.empty()) {
            if (auto type = m_vocab.map_format(state->content_type)) {
                return {compose("{} (the server sends {})", *type, state->content_type),
                        compose("{} (der Server liefert {})", *type, state->content_type)};
            }
        }
        return {std::string(example_format) + " for CSV", std::string(example_format) + " für CSV"};
    }

    /// An IANA media type to suggest: the one of the distribution's format,
    /// else from the Content-Type the server sends, else text/csv as an example.
    std::pair<std::string, std::string> media_type_example(const Distribution& dist) const {
        if (!m_texts) return {};
        if (m_vocab.is_file_type(dist.format)) {
            if (auto type = m_vocab.media_type_for_format(dist.format)) {
                const std::string_view code = last_segment(dist.format);
                return {compose("{} (the media type of {})", *type, code),
                        compose("{} (der Medientyp von {})", *type, code)};
            }
        }
        if (const auto state = served_state(dist, m_inputs.links); state && !state->content_type.empty()) {
            if (auto type = m_vocab.map_media_type(state->content_type)) {
                return {compose("{} (the server sends {})", *type, state->content_type),
                        compose("{} (der Server liefert {})", *type, state->content_type)};
            }
        }
        return {std::string(example_media_type) + " for CSV", std::string(example_media_type) + " für CSV"};
    }

    // ---- repairs: values the normalizer mapped, which earned points here but
    // would not where the source is read as it is

    /// Whether a Note is about the field "distribution[k].`field`".
    bool has_distribution_note(std::size_t k, std::string_view field) const {
        char digits[24];
        const std::string_view index(digits, static_cast<std::size_t>(
                                                 std::to_chars(std::begin(digits), std::end(digits), k).ptr - digits));
        constexpr std::string_view prefix = "distribution[";
        return std::any_of(m_d.notes.begin(), m_d.notes.end(), [&](const model::Note& n) {
            const std::string_view f = n.field;
            return f.size() == prefix.size() + index.size() + 2 + field.size() && f.starts_with(prefix) &&
                   f.substr(prefix.size(), index.size()) == index && f.substr(prefix.size() + index.size(), 2) == "]." &&
                   f.ends_with(field);
        });
    }

    void repairs(const IndicatorDefinition& def) {
        switch (def.indicator) {
            case Indicator::known_licence:
                licence_repairs(def);
                break;
            case Indicator::format_availability:
            case Indicator::media_type_availability:
                distribution_repairs(def);
                break;
            case Indicator::category_availability:
                theme_repairs(def);
                break;
            case Indicator::access_rights_vocabulary_alignment:
                access_right_repair(def);
                break;
            default:
                break;
        }
    }

    /// A licence the normalizer recognised from text or from another IRI.
    static bool licence_repaired(const model::Licence& l) {
        return l.known && !l.iri.empty() && !l.original.empty() && l.original != l.iri;
    }

    Entry& licence_repair(const IndicatorDefinition& def, const model::Licence& l, const DistributionName* name) {
        const bool text = !is_http(l.original);
        const std::string of_en = name != nullptr ? " of " + name->en : "";
        const std::string of_de = name != nullptr ? " der " + name->de : "";
        const std::string en =
            text ? compose("ernte recognised the licence text '{}'{} as {}.", l.original, of_en, l.iri)
                 : compose("ernte read the licence IRI {}{} as {}.", l.original, of_en, l.iri);
        const std::string de =
            text ? compose("ernte hat den Lizenztext „{}“{} als {} erkannt.", l.original, of_de, l.iri)
                 : compose("ernte hat die Lizenz-IRI {}{} als {} gelesen.", l.original, of_de, l.iri);
        Entry& f = make(
            def,
            compose("{} Portals that read the source unchanged may not recognise it and then withhold the {} "
                        "points for a known licence.",
                        en, def.true_score),
            compose("{} Portale, die die Quelle unverändert lesen, erkennen sie womöglich nicht und vergeben die "
                        "{} Punkte für eine bekannte Lizenz nicht.",
                        de, def.true_score),
            text ? compose("Publish dct:license <{}> instead of the text '{}'.", l.iri, l.original)
                 : compose("Publish dct:license <{}> instead of <{}>.", l.iri, l.original),
            text ? compose("dct:license <{}> statt des Textes „{}“ veröffentlichen.", l.iri, l.original)
                 : compose("dct:license <{}> statt <{}> veröffentlichen.", l.iri, l.original),
            Severity::info);
        f.value = l.original;
        return f;
    }

    void licence_repairs(const IndicatorDefinition& def) {
        // the dataset's licence once, when distributions inherit it (CKAN's license_id)
        const bool inherited = std::any_of(m_d.distributions.begin(), m_d.distributions.end(),
                                           [](const Distribution& dist) { return dist.licence_inherited; });
        if ((inherited || m_d.distributions.empty()) && licence_repaired(m_d.licence)) {
            licence_repair(def, m_d.licence, nullptr);
        }
        std::size_t total = 0;
        for (std::size_t k = 0; k < m_d.distributions.size(); ++k) {
            const Distribution& dist = m_d.distributions[k];
            if (dist.licence_inherited || !licence_repaired(dist.licence)) continue;
            if (++total > max_distribution_findings) continue;
            const DistributionName name = label_of(dist, k);
            licence_repair(def, dist.licence, &name).distribution = k;
        }
        count_the_rest(def, total, Severity::info);
    }

    /// Formats and media types the normalizer wrote as vocabulary IRIs with a
    /// Note (given as text, another IRI, or derived from the media type or URL).
    void distribution_repairs(const IndicatorDefinition& def) {
        const bool format = def.indicator == Indicator::format_availability;
        std::size_t total = 0;
        for (std::size_t k = 0; k < m_d.distributions.size(); ++k) {
            const Distribution& dist = m_d.distributions[k];
            const std::string& value = format ? dist.format : dist.media_type;
            const std::string& original = format ? dist.format_original : dist.media_type_original;
            const bool known = format ? m_vocab.is_file_type(value) : m_vocab.is_media_type(value);
            if (!known || original == value || !has_distribution_note(k, format ? "format" : "media_type")) continue;
            if (++total > max_distribution_findings) continue;
            const DistributionName name = label_of(dist, k);
            const char* property = format ? "dct:format" : "dcat:mediaType";
            Entry* f = nullptr;
            if (original.empty()) {
                f = &make(def,
                         compose("{} has no {}; ernte derived {} from the media type or the URL.",
                                     capitalized(name.en), property, value),
                         compose("Die {} hat kein {}; ernte hat {} aus dem Medientyp oder der URL abgeleitet.",
                                     name.de, property, value),
                         compose("Publish {} <{}>.", property, value),
                         compose("{} <{}> veröffentlichen.", property, value), Severity::info);
            } else {
                f = &make(def,
                         compose("The {} '{}' of {} is not given as a vocabulary IRI; ernte uses {}.",
                                     format ? "format" : "media type", original, name.en, value),
                         compose("{} „{}“ der {} ist nicht als IRI aus dem Vokabular angegeben; ernte verwendet {}.",
                                     format ? "Das Format" : "Der Medientyp", original, name.de, value),
                         compose("Publish {} <{}> instead of '{}'.", property, value, original),
                         compose("{} <{}> statt „{}“ veröffentlichen.", property, value, original),
                         Severity::info);
                f->value = original;
            }
            f->path = property;
            f->distribution = k;
        }
        count_the_rest(def, total, Severity::info);
    }

    void theme_repairs(const IndicatorDefinition& def) {
        for (const model::Note& note : m_d.notes) {
            if (note.field != "themes" || note.original.empty()) continue;
            const std::vector<std::string> themes = m_vocab.map_themes(note.original);
            if (themes.empty() || vocab_key(themes.front()) == vocab_key(note.original)) continue;
            const bool all_kept = std::all_of(themes.begin(), themes.end(), [&](const std::string& t) {
                return std::find(m_d.themes.begin(), m_d.themes.end(), t) != m_d.themes.end();
            });
            if (!all_kept) continue;
            const std::string iris = compose("{}", fmt::join(themes, ", "));
            Entry& f = make(def, compose("ernte read the category '{}' as {}.", note.original, iris),
                             compose("ernte hat die Kategorie „{}“ als {} gelesen.", note.original, iris),
                             compose("Publish dcat:theme <{}> instead of '{}'.", fmt::join(themes, "> and <"),
                                         note.original),
                             compose("dcat:theme <{}> statt „{}“ veröffentlichen.", fmt::join(themes, "> und <"),
                                         note.original),
                             Severity::info);
            f.value = note.original;
        }
    }

    void access_right_repair(const IndicatorDefinition& def) {
        if (!m_vocab.is_access_right(m_d.access_rights)) return;
        for (const model::Note& note : m_d.notes) {
            if (note.field != "access_rights" || note.original.empty() || note.original == m_d.access_rights) continue;
            if (m_vocab.map_access_right(note.original) != m_d.access_rights) continue;
            Entry& f = make(def,
                             compose("ernte read the access rights '{}' as {}.", note.original, m_d.access_rights),
                             compose("ernte hat die Zugriffsrechte „{}“ als {} gelesen.", note.original,
                                         m_d.access_rights),
                             compose("Publish dct:accessRights <{}> instead of '{}'.", m_d.access_rights,
                                         note.original),
                             compose("dct:accessRights <{}> statt „{}“ veröffentlichen.", m_d.access_rights,
                                         note.original),
                             Severity::info);
            f.value = note.original;
            return;
        }
    }

    static bool is_http(std::string_view value) {
        return value.substr(0, 7) == "http://" || value.substr(0, 8) == "https://";
    }

    const Dataset& m_d;
    const Vocabularies& m_vocab;
    const MqaInputs& m_inputs;
    const std::vector<DistributionMeasure>& m_measures;
    const MqaScore& m_score;
    const bool m_texts;
    FindingList& m_findings;
};

// ---------------------------------------------------------------- JSON

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put_string(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

/// Writes `n` at `p` (room for 20 digits); returns the end.
char* put_count(char* p, std::size_t n) {
    if (n < 10) {
        *p = static_cast<char>('0' + n);
        return p + 1;
    }
    return std::to_chars(p, p + 20, n).ptr;
}

template <typename Number>
void append_number(std::string& out, Number n) {
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), n).ptr;
    out.append(digits, end);
}

rapidjson::Document parse(std::string_view json, const char* what) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError()) {
        throw std::runtime_error(fmt::format("stored {} is not valid JSON: {} at offset {}", what,
                                             rapidjson::GetParseError_En(doc.GetParseError()), doc.GetErrorOffset()));
    }
    return doc;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* key) {
    const auto it = object.FindMember(key);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

int int_member(const rapidjson::Value& object, const char* key, const char* what) {
    const rapidjson::Value* v = member(object, key);
    if (v == nullptr) return 0;
    if (!v->IsInt()) throw std::runtime_error(fmt::format("stored {}: \"{}\" is not an integer", what, key));
    return v->GetInt();
}

std::size_t size_member(const rapidjson::Value& object, const char* key, const char* what) {
    const rapidjson::Value* v = member(object, key);
    if (v == nullptr) return 0;
    if (!v->IsUint64()) throw std::runtime_error(fmt::format("stored {}: \"{}\" is not a count", what, key));
    return static_cast<std::size_t>(v->GetUint64());
}

std::string string_member(const rapidjson::Value& object, const char* key, const char* what) {
    const rapidjson::Value* v = member(object, key);
    if (v == nullptr) return {};
    if (!v->IsString()) throw std::runtime_error(fmt::format("stored {}: \"{}\" is not text", what, key));
    return {v->GetString(), v->GetStringLength()};
}

}  // namespace

// ---------------------------------------------------------------- public

std::string_view severity_name(Severity severity) {
    switch (severity) {
        case Severity::violation: return "violation";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "warning";
}

bool link_passes(const LinkState& state) { return state.checked && state.status >= 200 && state.status <= 399; }

std::span<const IndicatorDefinition> mqa_indicators() { return k_indicators; }

const IndicatorDefinition& definition(Indicator indicator) { return k_indicators[index_of(indicator)]; }

std::optional<Indicator> indicator_by_id(std::string_view id) {
    for (const auto& def : k_indicators) {
        if (def.id == id) return def.indicator;
    }
    return std::nullopt;
}

std::optional<Severity> severity_by_name(std::string_view name) {
    for (const Severity s : {Severity::violation, Severity::warning, Severity::info}) {
        if (severity_name(s) == name) return s;
    }
    return std::nullopt;
}

std::string_view dimension_name(Dimension dimension) { return k_dimension_names[static_cast<std::size_t>(dimension)]; }

int dimension_max(Dimension dimension) {
    int max = 0;
    for (const auto& def : k_indicators) {
        if (def.dimension == dimension) max += def.true_score;
    }
    return max;
}

Rating rating_for(int total) {
    if (total >= 351) return Rating::excellent;
    if (total >= 221) return Rating::good;
    if (total >= 120) return Rating::sufficient;
    return Rating::bad;
}

std::string_view rating_name(Rating rating) {
    switch (rating) {
        case Rating::excellent: return "excellent";
        case Rating::good: return "good";
        case Rating::sufficient: return "sufficient";
        case Rating::bad: return "bad";
    }
    return "bad";
}

MqaResult assess_mqa(const model::Dataset& dataset, const Vocabularies& vocab, const MqaInputs& inputs) {
    FindingList findings;
    MqaResult result;
    result.score = assess_mqa(dataset, vocab, inputs, findings);
    result.findings = findings.take_findings();
    return result;
}

MqaScore assess_mqa(const model::Dataset& dataset, const Vocabularies& vocab, const MqaInputs& inputs,
                    FindingList& findings) {
    std::vector<DistributionMeasure> measures;
    measures.reserve(dataset.distributions.size());
    for (const auto& dist : dataset.distributions) measures.push_back(measure(dataset, dist, vocab, inputs));

    MqaScore score;
    if (!measures.empty()) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < measures.size(); ++k) {
            if (measures[k].points > measures[best].points) best = k;
        }
        score.best_distribution = best;
    }
    const auto dataset_passed = measure_dataset(dataset, vocab, inputs);
    for (const IndicatorDefinition& def : k_indicators) {
        const std::size_t i = index_of(def.indicator);
        IndicatorResult& r = score.indicators[i];
        if (def.level == Level::dataset) {
            r.passed = dataset_passed[i];
        } else {
            Share share;
            share.of = measures.size();
            for (const auto& m : measures) {
                if (!m.passed[i]) {
                    ++share.unknown;
                } else if (*m.passed[i]) {
                    ++share.passed;
                } else {
                    ++share.failed;
                }
            }
            r.distributions = share;
            // no distribution: failed, with 0 points rather than the negative false score
            r.passed = score.best_distribution ? measures[*score.best_distribution].passed[i] : false;
        }
    }
    settle_points(score);
    FindingWriter(dataset, vocab, inputs, measures, score, findings).write();
    return score;
}

// ---------------------------------------------------------------- JSON

std::string to_json(const MqaScore& score) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("total");
    w.Int(score.total);
    w.Key("max");
    w.Int(mqa_max_points);
    put_string(w, "rating", rating_name(score.rating));
    w.Key("dimensions");
    w.StartObject();
    for (std::size_t d = 0; d < dimension_count; ++d) {
        w.Key(k_dimension_names[d].data(), static_cast<rapidjson::SizeType>(k_dimension_names[d].size()));
        w.Int(score.dimensions[d]);
    }
    w.EndObject();
    w.Key("indicators");
    w.StartObject();
    for (const IndicatorDefinition& def : k_indicators) {
        const IndicatorResult& r = score.indicator(def.indicator);
        w.Key(def.id.data(), static_cast<rapidjson::SizeType>(def.id.size()));
        w.StartObject();
        w.Key("passed");
        if (r.passed) {
            w.Bool(*r.passed);
        } else {
            w.Null();
        }
        w.Key("points");
        w.Int(r.points);
        w.Key("max");
        w.Int(def.true_score);
        if (r.distributions) {
            w.Key("distributions");
            w.StartObject();
            w.Key("passed");
            w.Uint64(r.distributions->passed);
            w.Key("of");
            w.Uint64(r.distributions->of);
            if (r.distributions->unknown > 0) {
                w.Key("unknown");
                w.Uint64(r.distributions->unknown);
            }
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndObject();
    if (score.best_distribution) {
        w.Key("best_distribution");
        w.Uint64(*score.best_distribution);
    }
    w.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

std::string to_stored_form(const MqaScore& score) {
    // The harvest writes this for every record it stores: short rows are
    // cheap rows. Form and version: quality.hpp, docs/quality.md.
    std::string out;
    out.reserve(128);
    out += "1:";
    // One indicator at a time through a buffer: its verdict and three counts
    // of at most 20 digits each.
    char entry[80];
    for (const IndicatorDefinition& def : k_indicators) {
        const IndicatorResult& r = score.indicator(def.indicator);
        char* p = entry;
        if (index_of(def.indicator) != 0) *p++ = ',';
        *p++ = !r.passed ? 'u' : *r.passed ? 'y' : 'n';
        if (def.level == Level::distribution) {
            const Share share = r.distributions.value_or(Share{});
            p = put_count(p, share.passed);
            *p++ = '.';
            p = put_count(p, share.of);
            *p++ = '.';
            p = put_count(p, share.unknown);
        }
        out.append(entry, p);
    }
    if (score.best_distribution) {
        char* p = entry;
        *p++ = ';';
        p = put_count(p, *score.best_distribution);
        out.append(entry, p);
    }
    return out;
}

namespace {

/// Reads the text form of to_stored_form.
MqaScore mqa_score_from_stored_text(std::string_view text) {
    const auto fail = [&](std::string_view what) {
        return std::runtime_error(fmt::format("stored MQA score \"{}\": {}", text.substr(0, 200), what));
    };
    if (!text.starts_with("1:")) throw fail("unknown version (this ernte reads version 1)");
    std::string_view rest = text.substr(2);
    const auto number = [&](std::string_view id) {
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
        if (ec != std::errc() || end == rest.data()) throw fail(fmt::format("\"{}\" lacks a count", id));
        rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
        return n;
    };
    MqaScore score;
    for (const IndicatorDefinition& def : k_indicators) {
        IndicatorResult& r = score.indicators[index_of(def.indicator)];
        if (index_of(def.indicator) != 0) {
            if (!rest.starts_with(',')) throw fail("fewer indicators than the MQA has");
            rest.remove_prefix(1);
        }
        if (rest.empty()) throw fail("fewer indicators than the MQA has");
        switch (rest.front()) {
            case 'y': r.passed = true; break;
            case 'n': r.passed = false; break;
            case 'u': break;
            default: throw fail(fmt::format("\"{}\" is not y, n or u", def.id));
        }
        rest.remove_prefix(1);
        if (def.level == Level::dataset) continue;
        Share share;
        share.passed = number(def.id);
        for (std::size_t* n : {&share.of, &share.unknown}) {
            if (!rest.starts_with('.')) throw fail(fmt::format("\"{}\" is not verdict, passed, of, unknown", def.id));
            rest.remove_prefix(1);
            *n = number(def.id);
        }
        if (share.passed + share.unknown > share.of) throw fail(fmt::format("\"{}\" counts more than \"of\"", def.id));
        share.failed = share.of - share.passed - share.unknown;
        r.distributions = share;
    }
    if (rest.starts_with(';')) {
        rest.remove_prefix(1);
        score.best_distribution = number("best distribution");
    }
    if (!rest.empty()) throw fail("more indicators than the MQA has");
    settle_points(score);
    return score;
}

}  // namespace

MqaScore mqa_score_from_stored(std::string_view stored) {
    if (!stored.empty() && stored.front() != '{') return mqa_score_from_stored_text(stored);
    // Rows stored before the text form: {id: verdict} or, before that, the form of to_json.
    const std::string_view json = stored;
    constexpr const char* what = "MQA score";
    const rapidjson::Document doc = parse(json, what);
    if (!doc.IsObject()) throw std::runtime_error("stored MQA score is not a JSON object");
    // Rows stored before the compact form have the form of to_json.
    if (doc.HasMember("indicators")) return mqa_score_from_json(json);
    MqaScore score;
    const auto verdict = [](const rapidjson::Value& v, std::string_view id) -> std::optional<bool> {
        if (v.IsNull()) return std::nullopt;
        if (!v.IsBool())
            throw std::runtime_error(fmt::format("stored MQA score: \"{}\" is not true, false or null", id));
        return v.GetBool();
    };
    const auto count = [](const rapidjson::Value& v, std::string_view id) {
        if (!v.IsUint64())
            throw std::runtime_error(fmt::format("stored MQA score: a count of \"{}\" is not a count", id));
        return static_cast<std::size_t>(v.GetUint64());
    };
    for (const IndicatorDefinition& def : k_indicators) {
        IndicatorResult& r = score.indicators[index_of(def.indicator)];
        const rapidjson::Value* v = member(doc, std::string(def.id).c_str());
        if (v == nullptr) {
            if (def.level == Level::distribution) r.passed = false;  // as assess_mqa gives without distributions
            continue;
        }
        if (def.level == Level::dataset) {
            r.passed = verdict(*v, def.id);
            continue;
        }
        if (!v->IsArray() || v->Size() != 4) {
            throw std::runtime_error(
                fmt::format("stored MQA score: \"{}\" is not [verdict, passed, of, unknown]", def.id));
        }
        r.passed = verdict((*v)[0], def.id);
        Share share;
        share.passed = count((*v)[1], def.id);
        share.of = count((*v)[2], def.id);
        share.unknown = count((*v)[3], def.id);
        if (share.passed + share.unknown > share.of)
            throw std::runtime_error(fmt::format("stored MQA score: \"{}\" counts more than \"of\"", def.id));
        share.failed = share.of - share.passed - share.unknown;
        r.distributions = share;
    }
    if (const rapidjson::Value* best = member(doc, "best_distribution")) {
        if (!best->IsUint64()) throw std::runtime_error("stored MQA score: \"best_distribution\" is not an index");
        score.best_distribution = static_cast<std::size_t>(best->GetUint64());
    }
    settle_points(score);
    return score;
}

MqaScore mqa_score_from_json(std::string_view json) {
    constexpr const char* what = "MQA score";
    const rapidjson::Document doc = parse(json, what);
    if (!doc.IsObject()) throw std::runtime_error("stored MQA score is not a JSON object");
    MqaScore score;
    for (const IndicatorDefinition& def : k_indicators) {
        score.indicators[index_of(def.indicator)].indicator = def.indicator;
    }
    score.total = int_member(doc, "total", what);
    const std::string rating = string_member(doc, "rating", what);
    if (rating == "excellent") {
        score.rating = Rating::excellent;
    } else if (rating == "good") {
        score.rating = Rating::good;
    } else if (rating == "sufficient" || rating == "enough") {
        score.rating = Rating::sufficient;
    } else if (rating == "bad" || rating.empty()) {
        score.rating = Rating::bad;
    } else {
        throw std::runtime_error(fmt::format("stored MQA score: unknown rating \"{}\"", rating));
    }
    if (const rapidjson::Value* dims = member(doc, "dimensions")) {
        if (!dims->IsObject()) throw std::runtime_error("stored MQA score: \"dimensions\" is not an object");
        for (std::size_t d = 0; d < dimension_count; ++d) {
            score.dimensions[d] = int_member(*dims, std::string(k_dimension_names[d]).c_str(), what);
        }
    }
    if (const rapidjson::Value* indicators = member(doc, "indicators")) {
        if (!indicators->IsObject()) throw std::runtime_error("stored MQA score: \"indicators\" is not an object");
        for (const auto& m : indicators->GetObject()) {
            const auto indicator = indicator_by_id({m.name.GetString(), m.name.GetStringLength()});
            if (!indicator) continue;
            if (!m.value.IsObject()) {
                throw std::runtime_error(
                    fmt::format("stored MQA score: indicator \"{}\" is not an object", m.name.GetString()));
            }
            IndicatorResult& r = score.indicators[index_of(*indicator)];
            if (const rapidjson::Value* passed = member(m.value, "passed"); passed && !passed->IsNull()) {
                if (!passed->IsBool()) {
                    throw std::runtime_error(
                        fmt::format("stored MQA score: \"{}\".passed is not true, false or null", m.name.GetString()));
                }
                r.passed = passed->GetBool();
            }
            r.points = int_member(m.value, "points", what);
            if (const rapidjson::Value* share = member(m.value, "distributions")) {
                if (!share->IsObject()) {
                    throw std::runtime_error(
                        fmt::format("stored MQA score: \"{}\".distributions is not an object", m.name.GetString()));
                }
                Share s;
                s.passed = size_member(*share, "passed", what);
                s.of = size_member(*share, "of", what);
                s.unknown = size_member(*share, "unknown", what);
                if (s.passed + s.unknown > s.of) {
                    throw std::runtime_error(fmt::format(
                        "stored MQA score: \"{}\".distributions counts more than \"of\"", m.name.GetString()));
                }
                s.failed = s.of - s.passed - s.unknown;
                r.distributions = s;
            }
        }
    }
    if (const rapidjson::Value* best = member(doc, "best_distribution")) {
        if (!best->IsUint64()) throw std::runtime_error("stored MQA score: \"best_distribution\" is not an index");
        score.best_distribution = static_cast<std::size_t>(best->GetUint64());
    }
    return score;
}

std::string to_json(const std::vector<Finding>& findings) {
    std::string out;
    out.reserve(512 * findings.size() + 2);
    out += '[';
    for (const Finding& f : findings) {
        if (out.size() > 1) out += ',';
        out += "{\"rule\":";
        append_json_string(out, f.rule);
        out += ",\"severity\":\"";
        out += severity_name(f.severity);
        out += "\",\"message\":{\"de\":";
        append_json_string(out, f.message_de);
        out += ",\"en\":";
        append_json_string(out, f.message_en);
        out += "},\"fix\":{\"de\":";
        append_json_string(out, f.fix_de);
        out += ",\"en\":";
        append_json_string(out, f.fix_en);
        out += '}';
        if (!f.path.empty()) {
            out += ",\"path\":";
            append_json_string(out, f.path);
        }
        if (f.distribution) {
            out += ",\"distribution\":";
            append_number(out, *f.distribution);
        }
        if (!f.value.empty()) {
            out += ",\"value\":";
            append_json_string(out, f.value);
        }
        out += ",\"points_lost\":";
        append_number(out, f.points_lost);
        out += '}';
    }
    out += ']';
    return out;
}

std::vector<Finding> findings_from_json(std::string_view json) {
    constexpr const char* what = "findings";
    const rapidjson::Document doc = parse(json, what);
    if (!doc.IsArray()) throw std::runtime_error("stored findings are not a JSON array");
    std::vector<Finding> findings;
    for (const auto& v : doc.GetArray()) {
        if (!v.IsObject()) throw std::runtime_error("stored findings: an entry is not an object");
        Finding f;
        f.rule = string_member(v, "rule", what);
        const std::string severity = string_member(v, "severity", what);
        const auto known = severity_by_name(severity);
        if (!known) throw std::runtime_error(fmt::format("stored findings: unknown severity \"{}\"", severity));
        f.severity = *known;
        for (const auto& [key, de, en] : {std::tuple{"message", &f.message_de, &f.message_en},
                                          std::tuple{"fix", &f.fix_de, &f.fix_en}}) {
            if (const rapidjson::Value* texts = member(v, key)) {
                if (!texts->IsObject()) {
                    throw std::runtime_error(fmt::format("stored findings: \"{}\" is not an object", key));
                }
                *de = string_member(*texts, "de", what);
                *en = string_member(*texts, "en", what);
            }
        }
        f.path = string_member(v, "path", what);
        if (const rapidjson::Value* dist = member(v, "distribution")) {
            if (!dist->IsUint64()) throw std::runtime_error("stored findings: \"distribution\" is not an index");
            f.distribution = static_cast<std::size_t>(dist->GetUint64());
        }
        f.value = string_member(v, "value", what);
        f.points_lost = int_member(v, "points_lost", what);
        findings.push_back(std::move(f));
    }
    return findings;
}

}  // namespace ernte::catalog::quality
