#pragma once
/// DCAT-AP / DCAT-AP.de RDF (one page graph) to the normalized DCAT-AP.de
/// record: the same model::Dataset the CKAN normalizer produces, so a dataset
/// looks the same whichever protocol delivered it. The mapping is documented
/// in docs/mapping.md.
///
/// A resource's description is the resource's own statements and those of
/// the nodes it reaches: blank nodes, and IRI nodes the page describes. It
/// stops at other DCAT resources (IRI nodes typed dcat:Dataset, DataService
/// or DatasetSeries, or carrying dcat:distribution, dcat:endpointURL,
/// dcat:servesDataset), at catalogs and catalog records, at Hydra paging
/// nodes, and at vocabulary definitions (IRI nodes typed skos:Concept,
/// skos:ConceptScheme, owl:Class ..., or under a vocabulary namespace such as
/// http://dcat-ap.de/def/ or the IANA media types), at most 8 nodes deep,
/// each node once. All three functions look nodes up through the graph's
/// subject index only; none scans the page per resource.

#include "catalog/normalize.hpp"
#include "catalog/rdf.hpp"

#include <string>
#include <vector>

namespace ernte::catalog {

/// A node a catalog lists with dcat:dataset or dcat:service that is typed as
/// something else (a foaf:Organization, a dcat:CatalogRecord ...).
struct NotAResource {
    rdf::Term node;
    std::string type;  ///< the class it is typed with
};

/// The DCAT resources a page describes, each once, in document order (of
/// their first statement): subjects typed dcat:Dataset, dcat:DataService or
/// dcat:DatasetSeries, and other subjects a catalog lists with dcat:dataset
/// or dcat:service, unless they are typed as an agent, contact, distribution,
/// catalog record, location, period, licence, identifier or vocabulary term
/// (those go to `passed_over`, when given, once per listing statement). A
/// typed blank node that another node names (a dcat:DataService given in
/// place as a distribution's dcat:accessService) is part of that node's
/// description, not a resource of its own.
std::vector<rdf::Term> dcat_resources(const rdf::Graph& graph, std::vector<NotAResource>* passed_over = nullptr);

/// The resource's description as N-Triples, in traversal order: its own
/// statements in graph order, then breadth first those of each node it
/// reaches. Blank nodes are labelled _:b0, _:b1 ... in order of first
/// appearance, so the text (kept with the record for provenance; its hash
/// tells whether the record changed) depends only on the resource, not on
/// where it stood on the page or what else the page held.
std::string resource_ntriples(const rdf::Graph& graph, const rdf::Term& resource);

/// Normalize one resource of a page graph. Repairs (namespace variants,
/// literals where IRIs belong, untyped or malformed dates, HTML) are Notes;
/// properties without a model field are extras, with the description of a
/// node value as children (blank nodes under their resource_ntriples labels).
/// The result's error is set only when the resource cannot become a record:
/// a blank node without dct:identifier, or a resource the page does not
/// describe.
NormalizeResult normalize_dcat_resource(const rdf::Graph& graph, const rdf::Term& resource, const Vocabularies& vocab,
                                        const NormalizeContext& context);

}  // namespace ernte::catalog
