#pragma once
/// The internal general entities an XML document declares in its DOCTYPE
/// (`<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">`), expanded before the
/// document is parsed: RDF/XML written by ontology editors and some catalogue
/// exporters names its namespaces and datatypes that way (`rdf:datatype="&xsd;date"`).
///
/// Character references in an entity's value are replaced when it is declared,
/// as XML says. External entities (`SYSTEM`, `PUBLIC`) are never read and
/// parameter entities (`%name;`) are not expanded (so declarations they would
/// make are unknown); both are reported, each name once, at most 50 notices.
/// Expansion has a budget and entities may name entities 40 levels deep, so an
/// entity bomb ("billion laughs") or a chain of 30,000 entities is refused
/// instead of filling the memory or the stack.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog::xml {

/// Something the expansion noticed but could go on with, at a byte offset of
/// the original text.
struct EntityNotice {
    std::size_t offset = 0;
    std::string message;
};

struct EntityExpansion {
    /// The DOCTYPE declares internal general entities and `text` holds the
    /// document with their references replaced. False: use the original text.
    bool expanded = false;
    std::string text;
    std::vector<EntityNotice> notices;
    /// Non-empty: the document cannot be read (an entity bomb, an entity that
    /// refers to itself, markup where an attribute value is expanded);
    /// `error_offset` is where, in the original text.
    std::string error;
    std::size_t error_offset = 0;

    /// The offset in the original text of an offset in `text`: inside an
    /// expanded reference, where the reference starts.
    std::size_t original_offset(std::size_t offset) const;

    struct Segment {
        std::size_t expanded_start;
        std::size_t original_start;
        bool copied;  ///< copied text (offsets move together), or an expanded reference
    };
    std::vector<Segment> segments;  ///< ascending by expanded_start
};

/// Default budget: bytes references may add to a document, at least this, or
/// as much as the document has.
inline constexpr std::size_t k_entity_budget = 1 << 20;

/// Expands the references to internal general entities declared in the
/// internal subset of `text`'s DOCTYPE, in content and attribute values (not
/// in comments, CDATA sections or processing instructions). A document
/// without such declarations comes back with `expanded` false, at the cost of
/// looking at its prolog. `text` is UTF-8.
EntityExpansion expand_internal_entities(std::string_view text, std::size_t budget = k_entity_budget);

}  // namespace ernte::catalog::xml
