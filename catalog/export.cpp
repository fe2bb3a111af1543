#include "catalog/export.hpp"

#include "catalog/export_graph.hpp"
#include "catalog/export_syntax.hpp"

#include <array>
#include <ostream>
#include <stdexcept>

namespace ernte::catalog {

namespace {

constexpr std::array<std::string_view, 3> k_format_names = {"ttl", "rdfxml", "jsonld"};
constexpr std::array<std::string_view, 3> k_media_types = {"text/turtle", "application/rdf+xml",
                                                           "application/ld+json"};

}  // namespace

namespace rdf_export {

OutputBuffer::OutputBuffer(std::ostream* out) : m_out(out) {
    if (m_out != nullptr) m_text.reserve(k_flush_threshold + k_flush_threshold / 4);
}

void OutputBuffer::flush() {
    if (m_out == nullptr || m_text.empty()) return;
    m_out->write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
    m_text.clear();
}

std::unique_ptr<Serializer> make_serializer(ExportFormat format, std::ostream* out) {
    switch (format) {
        case ExportFormat::rdfxml: return make_rdfxml_serializer(out);
        case ExportFormat::jsonld: return make_jsonld_serializer(out);
        case ExportFormat::turtle: break;
    }
    return make_turtle_serializer(out);
}

}  // namespace rdf_export

std::span<const std::string_view> export_format_names() { return k_format_names; }

std::optional<ExportFormat> parse_export_format(std::string_view name) {
    if (name == k_format_names[0]) return ExportFormat::turtle;
    if (name == k_format_names[1]) return ExportFormat::rdfxml;
    if (name == k_format_names[2]) return ExportFormat::jsonld;
    return std::nullopt;
}

std::string_view export_format_name(ExportFormat format) { return k_format_names[static_cast<std::size_t>(format)]; }

std::string_view export_media_type(ExportFormat format) { return k_media_types[static_cast<std::size_t>(format)]; }

CatalogWriter::CatalogWriter(std::ostream& out, ExportFormat format)
    : m_out(out),
      m_format(format),
      m_serializer(rdf_export::make_serializer(format, &out)),
      m_members(std::make_unique<rdf_export::CatalogueMembers>()) {}

CatalogWriter::~CatalogWriter() {
    try {
        flush();
    } catch (...) {
        // A destructor must not throw; the stream's state tells what happened.
    }
}

void CatalogWriter::begin(const CatalogInfo& catalog) {
    if (m_begun) throw std::logic_error("CatalogWriter::begin called twice");
    m_begun = true;
    m_catalog = catalog;
    m_serializer->begin_document();
}

void CatalogWriter::write_dataset(const model::Dataset& dataset, RecordStatus status) {
    if (!m_begun || m_ended) throw std::logic_error("CatalogWriter::write_dataset called outside begin() ... end()");
    ++m_dataset_count;
    rdf_export::describe_record(dataset, status, m_dataset_count, *m_serializer);
    m_members->add(dataset, m_dataset_count);
    m_serializer->flush_if_full();
}

void CatalogWriter::end() {
    if (!m_begun || m_ended) throw std::logic_error("CatalogWriter::end called without begin() or twice");
    m_ended = true;
    rdf_export::describe_catalogue(m_catalog, *m_members, *m_serializer);
    m_serializer->end_document();
    flush();
    m_out.flush();
}

void CatalogWriter::flush() { m_serializer->flush(); }

std::unique_ptr<CatalogWriter> make_catalog_writer(std::string_view name, std::ostream& out) {
    const auto format = parse_export_format(name);
    if (!format) {
        std::string accepted;
        for (std::string_view n : k_format_names) {
            if (!accepted.empty()) accepted += ", ";
            accepted += n;
        }
        throw std::invalid_argument("unknown export format '" + std::string(name) + "' (accepted: " + accepted + ")");
    }
    return std::make_unique<CatalogWriter>(out, *format);
}

std::string dataset_document(const model::Dataset& dataset, RecordStatus status, ExportFormat format) {
    const auto serializer = rdf_export::make_serializer(format, nullptr);
    serializer->begin_document();
    rdf_export::describe_record(dataset, status, 1, *serializer);
    serializer->end_document();
    return std::move(serializer->text());
}

std::string dataset_to_turtle(const model::Dataset& dataset, RecordStatus status) {
    return dataset_document(dataset, status, ExportFormat::turtle);
}

}  // namespace ernte::catalog
