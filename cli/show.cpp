#include "catalog/export.hpp"
#include "cli/common.hpp"

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <vector>

namespace ernte::cli {

namespace {

/// `json` (the stored record with its bookkeeping), `source` (what the
/// sources delivered) and the RDF syntaxes of the export.
std::vector<std::string> format_names() {
    std::vector<std::string> names{"json", "source"};
    for (const std::string_view name : catalog::export_format_names()) names.emplace_back(name);
    return names;
}

class ShowCommand final : public Command {
public:
    std::string_view name() const override { return "show"; }
    std::string_view synopsis() const override { return "show one catalogue dataset"; }
    void setup(CLI::App& app) override {
        app.description(
            "Show one dataset, found by catalogue id, IRI, dct:identifier, the source's id or its name.");
        app.add_option("ID_OR_IRI", m_key, "the dataset")->required();
        app.add_option("--format", m_format,
                       "json (the stored record, default); source (what each source delivered: the statements as "
                       "N-Triples, or the CKAN package as JSON); or the dataset as a DCAT-AP.de document: ttl "
                       "(Turtle), rdfxml (RDF/XML) or jsonld (JSON-LD)")
            ->check(CLI::IsMember(format_names()));
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        catalog::Store store(config.database);
        const auto found = store.find(m_key);
        if (!found) {
            *context.err << "ernte show: no dataset '" << m_key
                         << "' in the catalogue (tried id, IRI, identifier, source id and name)\n";
            return exit_failed;
        }
        if (m_format == "source") {
            // The source's current version first; one no longer delivered keeps its last.
            for (const auto& [source, fragment] : store.raw_records(found->id)) {
                *context.out << "# as source '" << source << "' delivered it\n";
                *context.out << (fragment.empty() ? std::string("# (not kept: an older version, see keep_versions)\n")
                                                  : fragment);
                if (!fragment.empty() && fragment.back() != '\n') *context.out << "\n";
            }
            return exit_ok;
        }
        if (const auto format = catalog::parse_export_format(m_format)) {
            *context.out << catalog::dataset_document(found->dataset, found->status, *format);
            return exit_ok;
        }
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        json_int(w, "id", found->id);
        json_string(w, "iri", found->iri);
        json_string(w, "status", std::string(catalog::to_string(found->status)));
        json_string(w, "first_seen", found->first_seen);
        json_string(w, "last_changed", found->last_changed);
        if (!found->deprecated_at.empty()) json_string(w, "deprecated_at", found->deprecated_at);
        json_string(w, "content_hash", found->content_hash);
        w.Key("sources");
        w.StartArray();
        for (const auto& s : found->sources) w.String(s.c_str());
        w.EndArray();
        w.Key("record");
        const std::string record = model::to_json(found->dataset);
        w.RawValue(record.c_str(), record.size(), rapidjson::kObjectType);
        w.EndObject();
        *context.out << buffer.GetString() << "\n";
        return exit_ok;
    }

private:
    std::string m_key;
    std::string m_format = "json";
};

}  // namespace

std::unique_ptr<Command> make_show_command() { return std::make_unique<ShowCommand>(); }

}  // namespace ernte::cli
