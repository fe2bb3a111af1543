#pragma once
/// DCAT-AP / DCAT-AP.de RDF (one page graph) to the normalized DCAT-AP.de
/// record: the same model::Dataset the CKAN normalizer produces, so a dataset
/// looks the same whichever protocol delivered it. The mapping is documented
/// in docs/mapping.md.

#include "catalog/normalize.hpp"
#include "catalog/rdf.hpp"

#include <string>
#include <vector>

namespace ernte::catalog {

/// The DCAT resources a page describes (subjects typed dcat:Dataset,
/// dcat:DataService or dcat:DatasetSeries), in the order they were typed.
std::vector<rdf::Term> dcat_resources(const rdf::Graph& graph);

/// The statements that belong to a resource, as N-Triples in graph order:
/// its own, and those of the nodes it reaches (distributions, agents,
/// periods, locations, checksums ...) that are not themselves DCAT resources
/// or a dcat:Catalog. Kept with the record for provenance; its hash tells
/// whether the record changed.
std::string resource_ntriples(const rdf::Graph& graph, const rdf::Term& resource);

/// Normalize one resource of a page graph. Repairs (namespace variants,
/// literals where IRIs belong, untyped or malformed dates, HTML) are Notes;
/// the result's error is set only when the resource cannot become a record
/// (no IRI and no dct:identifier).
NormalizeResult normalize_dcat_resource(const rdf::Graph& graph, const rdf::Term& resource, const Vocabularies& vocab,
                                        const NormalizeContext& context);

}  // namespace ernte::catalog
