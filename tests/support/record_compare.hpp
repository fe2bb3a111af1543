#pragma once
/// Comparing normalized records in tests: what survives an export and a
/// second harvest, and a readable list of differences.

#include "catalog/model.hpp"

#include <string>

namespace ernte::testsupport {

/// What survives an export: the record without Notes and delivered originals
/// (the export writes the normalized values), extras in a fixed order with
/// blank labels blanked (the export numbers blank nodes its own way) and
/// without the rdf:type of described nodes (the export adds the class where
/// the source left a node untyped).
model::Dataset comparable_after_export(model::Dataset d);

/// The fields in which two records differ, one a line ("" when equal).
std::string record_differences(const model::Dataset& a, const model::Dataset& b);

}  // namespace ernte::testsupport
