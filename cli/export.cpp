#include "catalog/export.hpp"
#include "cli/common.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <system_error>
#include <utility>
#include <unistd.h>
#include <vector>

namespace ernte::cli {

namespace {

/// A temporary file that is removed unless it was renamed into place.
class TemporaryFile {
public:
    explicit TemporaryFile(std::filesystem::path path) : m_path(std::move(path)) {}
    ~TemporaryFile() {
        if (m_path.empty()) return;
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// Renames the file to `target` (atomically on one file system); it is then no longer removed.
    void commit(const std::filesystem::path& target, std::error_code& error) {
        std::filesystem::rename(m_path, target, error);
        if (!error) m_path.clear();
    }

private:
    std::filesystem::path m_path;
};

std::vector<std::string> format_names() {
    const auto names = catalog::export_format_names();
    return {names.begin(), names.end()};
}

class ExportCommand final : public Command {
public:
    std::string_view name() const override { return "export"; }
    std::string_view synopsis() const override {
        return "write the catalogue as DCAT-AP.de (Turtle, RDF/XML, JSON-LD)";
    }
    void setup(CLI::App& app) override {
        app.description(
            "Write the catalogue (or the datasets of one source or publisher) as DCAT-AP.de 3.0, one dataset at a "
            "time, with every property harvested. Withdrawn datasets are left out; deprecated ones carry adms:status "
            "Deprecated.");
        app.add_option("--format", m_format, "ttl (Turtle, default), rdfxml (RDF/XML) or jsonld (JSON-LD)")
            ->check(CLI::IsMember(format_names()));
        app.add_option("--source", m_source, "only datasets delivered by this source")->check(not_empty("a source name"));
        app.add_option("--publisher", m_publisher, "only datasets of this publisher (name or IRI)")
            ->check(not_empty("a publisher's name or IRI"));
        app.add_option("-o,--output", m_output,
                       "write to this file instead of standard output (written beside it, then renamed into place); - for standard output");
    }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        require_catalogue(config);
        catalog::Store store(config.database);
        catalog::DatasetFilter filter;
        if (!m_source.empty()) {
            require_known_source(store, config, m_source);
            filter.source = m_source;
        }
        if (!m_publisher.empty()) {
            require_known_publisher(store, m_publisher);
            filter.publisher = m_publisher;
        }

        catalog::CatalogInfo info;
        info.iri = config.catalog.iri;
        info.title = config.catalog.title;
        info.description = config.catalog.description;
        info.publisher_name = config.catalog.publisher_name;
        info.publisher_iri = config.catalog.publisher_iri;
        info.homepage = config.catalog.homepage;

        // Write to a temporary file and rename, so a reader never sees half a
        // file; the temporary file is removed when the export fails.
        std::unique_ptr<TemporaryFile> tmp;
        std::ofstream file;
        const bool to_file = !m_output.empty() && m_output != "-";  // "-": standard output
        // The file that is replaced: the target of a symbolic link, which stays.
        std::filesystem::path target = m_output;
        if (to_file) {
            std::error_code error;
            if (std::filesystem::is_symlink(target, error)) target = std::filesystem::weakly_canonical(target, error);
            const auto status = std::filesystem::status(target, error);
            if (std::filesystem::is_directory(status))
                throw UsageError(fmt::format("-o {} is a folder; name the file to write, e.g. {}", m_output,
                                             (target / ("catalog." + m_format)).string()));
            const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
            if (!std::filesystem::is_directory(folder, error)) {
                if (std::filesystem::exists(folder, error))
                    throw UsageError(fmt::format("cannot write {}: {} is not a folder", m_output, folder.string()));
                throw UsageError(fmt::format("cannot write {}: the folder {} does not exist", m_output, folder.string()));
            }
            if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
                // A device or a pipe (/dev/null, a FIFO) is written to, never replaced.
                file.open(target, std::ios::binary);
            } else {
                std::filesystem::path path = target;
                path += fmt::format(".tmp{}", ::getpid());
                tmp = std::make_unique<TemporaryFile>(path);
                file.open(path, std::ios::binary | std::ios::trunc);
            }
            if (!file)
                throw std::runtime_error(fmt::format("cannot write {}: {}", m_output, std::strerror(errno)));
        }
        std::ostream& out = to_file ? file : *context.out;
        std::int64_t written = 0;
        {
            const auto writer = catalog::make_catalog_writer(m_format, out);
            writer->begin(info);
            store.for_each_dataset(filter, [&](const catalog::CatalogRecord& record) {
                writer->write_dataset(record.dataset, record.status);
                ++written;
            });
            writer->end();
        }
        out.flush();
        if (!out) throw std::runtime_error("writing the export failed (disk full?)");
        if (to_file) {
            file.close();
            if (!file) throw std::runtime_error(fmt::format("writing {} failed (disk full?)", m_output));
            if (tmp) {
                std::error_code error;
                tmp->commit(target, error);
                if (error) throw std::runtime_error(fmt::format("cannot write {}: {}", m_output, error.message()));
            }
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
