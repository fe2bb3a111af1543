#include "catalog/normalize_dcat.hpp"

namespace ernte::catalog {

std::vector<rdf::Term> dcat_resources(const rdf::Graph& graph) {
    std::vector<rdf::Term> out = graph.subjects_of_type("http://www.w3.org/ns/dcat#Dataset");
    return out;
}

std::string resource_ntriples(const rdf::Graph& graph, const rdf::Term& resource) {
    std::string out;
    for (const auto i : graph.about(resource)) out += rdf::to_ntriples(graph.triples()[i]);
    return out;
}

NormalizeResult normalize_dcat_resource(const rdf::Graph&, const rdf::Term& resource, const Vocabularies&,
                                        const NormalizeContext&) {
    NormalizeResult result;
    model::Dataset d;
    d.iri = resource.value;
    result.dataset = std::move(d);
    return result;
}

}  // namespace ernte::catalog
