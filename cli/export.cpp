#include "catalog/export.hpp"
#include "cli/common.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <unistd.h>

namespace ernte::cli {

namespace {

class ExportCommand final : public Command {
public:
    std::string_view name() const override { return "export"; }
    std::string_view synopsis() const override { return "write the catalogue as DCAT-AP.de"; }
    void setup(CLI::App& app) override {
        app.description(
            "Write the catalogue (or the datasets of one source or publisher) as DCAT-AP.de. Withdrawn datasets "
            "are left out; deprecated ones carry adms:status Deprecated.");
        app.add_option("--format", m_format, "ttl (Turtle, default)")->check(CLI::IsMember({"ttl"}));
        app.add_option("--source", m_source, "only datasets delivered by this source");
        app.add_option("--publisher", m_publisher, "only datasets of this publisher (name or IRI)");
        app.add_option("-o,--output", m_output, "write to this file instead of standard output");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        catalog::Store store(config.database);
        catalog::DatasetFilter filter;
        if (!m_source.empty()) {
            if (!config.find_source(m_source) && !store.source_id(m_source))
                throw UsageError(fmt::format("no source named '{}'", m_source));
            filter.source = m_source;
        }
        if (!m_publisher.empty()) filter.publisher = m_publisher;

        catalog::CatalogInfo info;
        info.iri = config.catalog.iri;
        info.title = config.catalog.title;
        info.description = config.catalog.description;
        info.publisher_name = config.catalog.publisher_name;
        info.publisher_iri = config.catalog.publisher_iri;
        info.homepage = config.catalog.homepage;

        // Write to a temporary file and rename, so a reader never sees half a file.
        std::filesystem::path tmp;
        std::ofstream file;
        if (!m_output.empty()) {
            tmp = m_output;
            tmp += fmt::format(".tmp{}", ::getpid());
            file.open(tmp, std::ios::binary | std::ios::trunc);
            if (!file) throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
        }
        std::ostream& out = m_output.empty() ? *context.out : file;
        std::int64_t written = 0;
        catalog::TurtleWriter writer(out);
        writer.begin(info);
        store.for_each_dataset(filter, [&](const catalog::CatalogRecord& record) {
            writer.write_dataset(record.dataset, record.status);
            ++written;
        });
        writer.end();
        out.flush();
        if (!out) throw std::runtime_error("writing the export failed (disk full?)");
        if (!m_output.empty()) {
            file.close();
            std::filesystem::rename(tmp, m_output);
            *context.err << fmt::format("{} dataset(s) written to {}\n", written, m_output);
        }
        return exit_ok;
    }

private:
    std::string m_format = "ttl";
    std::string m_source;
    std::string m_publisher;
    std::string m_output;
};

}  // namespace

std::unique_ptr<Command> make_export_command() { return std::make_unique<ExportCommand>(); }

}  // namespace ernte::cli
