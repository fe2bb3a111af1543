#pragma once
/// What the three export syntaxes share: a GraphSink that writes one document
/// into a buffer flushed in chunks. Internal to catalog/export*.

#include "catalog/export.hpp"
#include "catalog/export_graph.hpp"

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>

namespace ernte::catalog::rdf_export {

/// Text waiting to be written: appended to by a serializer, written to the
/// stream in chunks of about 1 MiB, or kept whole when there is no stream.
class OutputBuffer {
public:
    explicit OutputBuffer(std::ostream* out);

    std::string& text() { return m_text; }
    void flush_if_full() {
        if (m_out != nullptr && m_text.size() >= k_flush_threshold) flush();
    }
    /// Writes what is buffered to the stream (nothing without a stream).
    void flush();

private:
    static constexpr std::size_t k_flush_threshold = std::size_t{1} << 20;

    std::ostream* m_out;
    std::string m_text;
};

/// One export syntax: a GraphSink that writes a document.
class Serializer : public GraphSink {
public:
    /// Writes into `out`, or keeps the document in text() when `out` is null.
    explicit Serializer(std::ostream* out) : m_output(out) {}

    /// Writes the document head: prefixes, namespace declarations or context.
    virtual void begin_document() = 0;
    /// Closes the document.
    virtual void end_document() = 0;

    /// Writes out what is buffered when it is about 1 MiB.
    void flush_if_full() { m_output.flush_if_full(); }
    /// Writes out what is buffered.
    void flush() { m_output.flush(); }
    /// The document written so far, when there is no stream.
    std::string& text() { return m_output.text(); }

protected:
    OutputBuffer m_output;
};

/// A serializer for `format`.
std::unique_ptr<Serializer> make_serializer(ExportFormat format, std::ostream* out);

std::unique_ptr<Serializer> make_turtle_serializer(std::ostream* out);
std::unique_ptr<Serializer> make_rdfxml_serializer(std::ostream* out);
std::unique_ptr<Serializer> make_jsonld_serializer(std::ostream* out);

}  // namespace ernte::catalog::rdf_export
