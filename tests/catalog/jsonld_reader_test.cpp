#include "catalog/jsonld_reader.hpp"

#include "catalog/turtle_reader.hpp"

#include "tests/support/graph_compare.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

using namespace ernte::catalog;
using rdf::Term;
using rdf::Triple;

namespace {

const std::string BASE = "http://example.org/dir/doc.jsonld";

const std::filesystem::path fixtures_dir = std::filesystem::path(ERNTE_TEST_DATA) / "fixtures";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct Parsed {
    rdf::ParseResult result;
    std::vector<Triple> triples;
};

Parsed parse(std::string_view text, std::string base = BASE, std::size_t max_depth = 256) {
    Parsed parsed;
    rdf::ReadOptions options;
    options.base_iri = std::move(base);
    options.max_depth = max_depth;
    parsed.result = rdf::read_jsonld(text, options, [&](const Triple& t) { parsed.triples.push_back(t); });
    return parsed;
}

std::vector<Triple> ntriples(std::string_view text) {
    std::string error;
    std::vector<Triple> triples = ernte::testsupport::ntriples_of(text, &error);
    EXPECT_TRUE(error.empty()) << error << "\n" << text;
    return triples;
}

std::string show(const std::vector<Triple>& triples) { return ernte::testsupport::show_triples(triples); }

/// Whether `actual` is `expected_ntriples` up to blank-node names.
::testing::AssertionResult same_graph(const std::vector<Triple>& actual, std::string_view expected_ntriples) {
    const std::vector<Triple> expected = ntriples(expected_ntriples);
    if (ernte::testsupport::isomorphic(actual, expected, /*as_set=*/true)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\nread:\n" << show(actual) << "expected:\n" << show(expected);
}

#define EXPECT_GRAPH(text, expected)                                                          \
    do {                                                                                      \
        const Parsed parsed_ = parse(text);                                                   \
        ASSERT_TRUE(parsed_.result.ok) << parsed_.result.description << " at "                \
                                       << parsed_.result.line << ":" << parsed_.result.column; \
        EXPECT_EQ(parsed_.result.triples, parsed_.triples.size());                            \
        EXPECT_TRUE(same_graph(parsed_.triples, expected));                                   \
    } while (false)

bool has_warning(const rdf::ParseResult& result, std::string_view part) {
    return std::any_of(result.warnings.begin(), result.warnings.end(),
                       [&](const rdf::Warning& w) { return w.message.find(part) != std::string::npos; });
}

const std::string RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const std::string XSD = "http://www.w3.org/2001/XMLSchema#";

// --- documents and nodes ----------------------------------------------------------------

TEST(JsonLd, CompactedDocumentWithPrefixesAndTerms) {
    EXPECT_GRAPH(R"({
      "@context": {
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "title": "dct:title",
        "Dataset": "dcat:Dataset"
      },
      "@id": "http://example.org/ds/1",
      "@type": "Dataset",
      "title": "Badegewässer",
      "dct:description": "Messwerte",
      "dcat:keyword": ["Wasser", "Umwelt"]
    })",
                 "<http://example.org/ds/1> <" + RDF + "type> <http://www.w3.org/ns/dcat#Dataset> .\n"
                 "<http://example.org/ds/1> <http://purl.org/dc/terms/title> \"Badegewässer\" .\n"
                 "<http://example.org/ds/1> <http://purl.org/dc/terms/description> \"Messwerte\" .\n"
                 "<http://example.org/ds/1> <http://www.w3.org/ns/dcat#keyword> \"Wasser\" .\n"
                 "<http://example.org/ds/1> <http://www.w3.org/ns/dcat#keyword> \"Umwelt\" .\n");
}

TEST(JsonLd, ExpandedDocument) {
    EXPECT_GRAPH(R"([{
      "@id": "http://example.org/a",
      "@type": ["http://example.org/T"],
      "http://example.org/p": [{"@value": "x"}, {"@id": "http://example.org/b"}],
      "http://example.org/q": [{"@value": "5", "@type": "http://www.w3.org/2001/XMLSchema#integer"}],
      "http://example.org/r": [{"@value": "Haus", "@language": "de"}]
    }])",
                 "<http://example.org/a> <" + RDF + "type> <http://example.org/T> .\n"
                 "<http://example.org/a> <http://example.org/p> \"x\" .\n"
                 "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"
                 "<http://example.org/a> <http://example.org/q> \"5\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/a> <http://example.org/r> \"Haus\"@de .\n");
}

TEST(JsonLd, TopLevelGraphAndArray) {
    const std::string expected = "<http://example.org/a> <http://example.org/p> \"1\" .\n"
                                 "<http://example.org/b> <http://example.org/p> \"2\" .\n";
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/"},
      "@graph": [{"@id": "ex:a", "ex:p": "1"}, {"@id": "ex:b", "ex:p": "2"}]
    })",
                 expected);
    EXPECT_GRAPH(R"([
      {"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "1"},
      {"@id": "http://example.org/b", "http://example.org/p": "2"}
    ])",
                 expected);
}

TEST(JsonLd, FreeFloatingValuesAndReferencesStateNothing) {
    const Parsed parsed = parse(R"([
      {"@value": "free"}, {"@id": "http://example.org/a"}, "text", 42, {"@list": ["x"]},
      {"@graph": [{"@value": "also free"}, {"@id": "http://example.org/b"}]}
    ])");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_EQ(parsed.result.triples, 0u);
}

TEST(JsonLd, NestedNodeObjectsAndBlankNodes) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/"},
      "@id": "ex:ds",
      "ex:publisher": {"@type": "ex:Organization", "ex:name": "Stadt Köln",
                       "ex:address": {"ex:city": "Köln"}},
      "ex:distribution": [{"@id": "ex:dist", "ex:format": "CSV"}, {}]
    })",
                 "<http://example.org/ds> <http://example.org/publisher> _:p .\n"
                 "_:p <" + RDF + "type> <http://example.org/Organization> .\n"
                 "_:p <http://example.org/name> \"Stadt Köln\" .\n"
                 "_:p <http://example.org/address> _:a .\n"
                 "_:a <http://example.org/city> \"Köln\" .\n"
                 "<http://example.org/ds> <http://example.org/distribution> <http://example.org/dist> .\n"
                 "<http://example.org/dist> <http://example.org/format> \"CSV\" .\n"
                 "<http://example.org/ds> <http://example.org/distribution> _:e .\n");
}

TEST(JsonLd, KeywordAliases) {
    EXPECT_GRAPH(R"({
      "@context": {"id": "@id", "type": "@type", "value": "@value", "lang": "@language",
                   "ex": "http://example.org/"},
      "id": "ex:a", "type": "ex:T", "ex:p": {"value": "Wert", "lang": "de"}
    })",
                 "<http://example.org/a> <" + RDF + "type> <http://example.org/T> .\n"
                 "<http://example.org/a> <http://example.org/p> \"Wert\"@de .\n");
}

// --- values ------------------------------------------------------------------------------

TEST(JsonLd, LanguagesAndTypedValues) {
    EXPECT_GRAPH(R"({
      "@context": {
        "@language": "de",
        "ex": "http://example.org/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "english": {"@id": "ex:english", "@language": "en"},
        "code": {"@id": "ex:code", "@language": null}
      },
      "@id": "ex:a",
      "ex:default": "Stadt",
      "english": "city",
      "code": "K-01",
      "ex:tagged": {"@value": "ville", "@language": "fr"},
      "ex:typed": {"@value": "2024-02-22", "@type": "xsd:date"},
      "ex:string": {"@value": "s", "@type": "xsd:string"},
      "ex:number": 3
    })",
                 "<http://example.org/a> <http://example.org/default> \"Stadt\"@de .\n"
                 "<http://example.org/a> <http://example.org/english> \"city\"@en .\n"
                 "<http://example.org/a> <http://example.org/code> \"K-01\" .\n"
                 "<http://example.org/a> <http://example.org/tagged> \"ville\"@fr .\n"
                 "<http://example.org/a> <http://example.org/typed> \"2024-02-22\"^^<" + XSD + "date> .\n"
                 "<http://example.org/a> <http://example.org/string> \"s\" .\n"
                 "<http://example.org/a> <http://example.org/number> \"3\"^^<" + XSD + "integer> .\n");
}

TEST(JsonLd, NativeNumbersAndBooleansInCanonicalForm) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
      "@id": "ex:n",
      "ex:int": 42, "ex:negative": -7, "ex:zero": 0,
      "ex:fraction": 1.1, "ex:half": 0.5, "ex:decimals": 123.456, "ex:tiny": 1e-7,
      "ex:whole": 5.0, "ex:huge": 1e21, "ex:big": 12345678901234567890,
      "ex:yes": true, "ex:no": false,
      "ex:coerced": {"@value": 5, "@type": "xsd:double"},
      "ex:decimal": {"@value": 1.5, "@type": "xsd:decimal"},
      "ex:count": {"@value": 7, "@type": "xsd:nonNegativeInteger"}
    })",
                 "<http://example.org/n> <http://example.org/int> \"42\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/n> <http://example.org/negative> \"-7\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/n> <http://example.org/zero> \"0\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/n> <http://example.org/fraction> \"1.1E0\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/half> \"5.0E-1\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/decimals> \"1.23456E2\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/tiny> \"1.0E-7\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/whole> \"5\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/n> <http://example.org/huge> \"1.0E21\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/big> \"12345678901234567890\"^^<" + XSD + "integer> .\n"
                 "<http://example.org/n> <http://example.org/yes> \"true\"^^<" + XSD + "boolean> .\n"
                 "<http://example.org/n> <http://example.org/no> \"false\"^^<" + XSD + "boolean> .\n"
                 "<http://example.org/n> <http://example.org/coerced> \"5.0E0\"^^<" + XSD + "double> .\n"
                 "<http://example.org/n> <http://example.org/decimal> \"1.5E0\"^^<" + XSD + "decimal> .\n"
                 "<http://example.org/n> <http://example.org/count> \"7\"^^<" + XSD + "nonNegativeInteger> .\n");
}

TEST(JsonLd, TypeCoercion) {
    EXPECT_GRAPH(R"({
      "@context": {
        "@vocab": "http://example.org/vocab#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "link": {"@id": "http://example.org/link", "@type": "@id"},
        "kind": {"@id": "http://example.org/kind", "@type": "@vocab"},
        "Red": "http://example.org/colours/red",
        "issued": {"@id": "http://purl.org/dc/terms/issued", "@type": "xsd:date"},
        "size": {"@id": "http://example.org/size", "@type": "xsd:decimal"}
      },
      "@id": "item",
      "link": ["other", "http://example.org/abs", "_:n", {"@id": "nested", "plain": "p"}],
      "kind": ["Red", "Blue"],
      "issued": "2024-02-22",
      "size": 3,
      "plain": "text"
    })",
                 "<http://example.org/dir/item> <http://example.org/link> <http://example.org/dir/other> .\n"
                 "<http://example.org/dir/item> <http://example.org/link> <http://example.org/abs> .\n"
                 "<http://example.org/dir/item> <http://example.org/link> _:n .\n"
                 "<http://example.org/dir/item> <http://example.org/link> <http://example.org/dir/nested> .\n"
                 "<http://example.org/dir/nested> <http://example.org/vocab#plain> \"p\" .\n"
                 "<http://example.org/dir/item> <http://example.org/kind> <http://example.org/colours/red> .\n"
                 "<http://example.org/dir/item> <http://example.org/kind> <http://example.org/vocab#Blue> .\n"
                 "<http://example.org/dir/item> <http://purl.org/dc/terms/issued> \"2024-02-22\"^^<" + XSD + "date> .\n"
                 "<http://example.org/dir/item> <http://example.org/size> \"3\"^^<" + XSD + "decimal> .\n"
                 "<http://example.org/dir/item> <http://example.org/vocab#plain> \"text\" .\n");
}

TEST(JsonLd, JsonLiteralsFollowJsonCanonicalization) {
    // RFC 8785: numbers as ECMAScript writes them, strings escaped minimally,
    // keys ordered by UTF-16 code units (the smiley, U+1F602, before U+FB33).
    EXPECT_GRAPH(R"({
      "@context": {"e": {"@id": "http://example.org/vocab#c14n", "@type": "@json"}},
      "e": {"numbers": [333333333.3333333, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
            "\ufb33": 1, "\ud83d\ude02": 2, "\u00f6": 3}
    })",
                 "_:x <http://example.org/vocab#c14n> \"{"
                 "\\\"numbers\\\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                 "\\\"string\\\":\\\"€$\\\\u000f\\\\nA'B\\\\\\\"\\\\\\\\\\\\\\\\\\\\\\\"/\\\","
                 "\\\"\xC3\xB6\\\":3,\\\"\xF0\x9F\x98\x82\\\":2,\\\"" "\xEF\xAC\xB3" "\\\":1}\"^^<" + RDF + "JSON> .\n");
    // With a @list container the whole value is the one item of the list.
    EXPECT_GRAPH(R"({"@context": {"e": {"@id": "http://example.org/e", "@type": "@json", "@container": "@list"}},
                     "e": ["v1", "v2"]})",
                 "_:s <http://example.org/e> _:l .\n"
                 "_:l <" + RDF + "first> \"[\\\"v1\\\",\\\"v2\\\"]\"^^<" + RDF + "JSON> .\n"
                 "_:l <" + RDF + "rest> <" + RDF + "nil> .\n");
}

TEST(JsonLd, JsonLiteralsAreCanonical) {
    EXPECT_GRAPH(R"({
      "@context": {"e": {"@id": "http://example.org/vocab#json", "@type": "@json"}},
      "e": [56.0, {"d": true, "10": null, "1": [ ], "s": "a\"b"}]
    })",
                 "_:x <http://example.org/vocab#json> "
                 "\"[56,{\\\"1\\\":[],\\\"10\\\":null,\\\"d\\\":true,\\\"s\\\":\\\"a\\\\\\\"b\\\"}]\"^^<" + RDF + "JSON> .\n");
}

// --- lists and sets ---------------------------------------------------------------------------

TEST(JsonLd, ListsAndSets) {
    EXPECT_GRAPH(R"({
      "@context": {
        "ex": "http://example.org/",
        "seq": {"@id": "ex:seq", "@container": "@list"},
        "bag": {"@id": "ex:bag", "@container": "@set"}
      },
      "@id": "ex:s",
      "ex:explicit": {"@list": ["a", "b"]},
      "seq": ["c", {"@id": "ex:d"}],
      "ex:empty": {"@list": []},
      "ex:nested": {"@list": [["x"], "y"]},
      "bag": ["e"],
      "ex:setobj": {"@set": ["f", "g"]}
    })",
                 "<http://example.org/s> <http://example.org/explicit> _:l1 .\n"
                 "_:l1 <" + RDF + "first> \"a\" .\n"
                 "_:l1 <" + RDF + "rest> _:l2 .\n"
                 "_:l2 <" + RDF + "first> \"b\" .\n"
                 "_:l2 <" + RDF + "rest> <" + RDF + "nil> .\n"
                 "<http://example.org/s> <http://example.org/seq> _:m1 .\n"
                 "_:m1 <" + RDF + "first> \"c\" .\n"
                 "_:m1 <" + RDF + "rest> _:m2 .\n"
                 "_:m2 <" + RDF + "first> <http://example.org/d> .\n"
                 "_:m2 <" + RDF + "rest> <" + RDF + "nil> .\n"
                 "<http://example.org/s> <http://example.org/empty> <" + RDF + "nil> .\n"
                 "<http://example.org/s> <http://example.org/nested> _:n1 .\n"
                 "_:n1 <" + RDF + "first> _:i1 .\n"
                 "_:i1 <" + RDF + "first> \"x\" .\n"
                 "_:i1 <" + RDF + "rest> <" + RDF + "nil> .\n"
                 "_:n1 <" + RDF + "rest> _:n2 .\n"
                 "_:n2 <" + RDF + "first> \"y\" .\n"
                 "_:n2 <" + RDF + "rest> <" + RDF + "nil> .\n"
                 "<http://example.org/s> <http://example.org/bag> \"e\" .\n"
                 "<http://example.org/s> <http://example.org/setobj> \"f\" .\n"
                 "<http://example.org/s> <http://example.org/setobj> \"g\" .\n");
}

TEST(JsonLd, ListItemsThatAreNotRdfKeepTheirCell) {
    // A relative IRI without a base is not RDF: its cell stays, without rdf:first
    // (JSON-LD 1.1 List to RDF Conversion).
    const Parsed parsed = parse(R"({"@id": "http://example.org/s",
      "http://example.org/l": {"@list": [{"@id": "relative"}, "b"]}})",
                                "");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/s> <http://example.org/l> _:c1 .\n"
                                           "_:c1 <" + RDF + "rest> _:c2 .\n"
                                           "_:c2 <" + RDF + "first> \"b\" .\n"
                                           "_:c2 <" + RDF + "rest> <" + RDF + "nil> .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "relative IRI <relative>"));
}

// --- reverse properties, @base, @vocab, @included, @nest, graphs --------------------------------

TEST(JsonLd, ReversePropertiesAndReverseTerms) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/",
                   "isPartOf": {"@reverse": "ex:hasPart"},
                   "partOf": {"@reverse": "ex:contains", "@type": "@id"}},
      "@id": "ex:part",
      "isPartOf": {"@id": "ex:whole", "ex:name": "W"},
      "partOf": "ex:box",
      "@reverse": {"ex:member": [{"@id": "ex:group"}, {"ex:name": "anonymous"}]}
    })",
                 "<http://example.org/whole> <http://example.org/hasPart> <http://example.org/part> .\n"
                 "<http://example.org/whole> <http://example.org/name> \"W\" .\n"
                 "<http://example.org/box> <http://example.org/contains> <http://example.org/part> .\n"
                 "<http://example.org/group> <http://example.org/member> <http://example.org/part> .\n"
                 "_:a <http://example.org/member> <http://example.org/part> .\n"
                 "_:a <http://example.org/name> \"anonymous\" .\n");
}

TEST(JsonLd, BaseAndVocab) {
    EXPECT_GRAPH(R"({
      "@context": {"@base": "http://other.example/base/", "@vocab": "http://example.org/v#"},
      "@id": "thing", "@type": "Kind", "name": "N", "ref": {"@id": "../up"}, "frag": {"@id": "#f"}
    })",
                 "<http://other.example/base/thing> <" + RDF + "type> <http://example.org/v#Kind> .\n"
                 "<http://other.example/base/thing> <http://example.org/v#name> \"N\" .\n"
                 "<http://other.example/base/thing> <http://example.org/v#ref> <http://other.example/up> .\n"
                 "<http://other.example/base/thing> <http://example.org/v#frag> <http://other.example/base/#f> .\n");
    // A relative @base is resolved against the document's URL.
    EXPECT_GRAPH(R"({"@context": {"@base": "sub/"}, "@id": "x", "http://example.org/p": "v"})",
                 "<http://example.org/dir/sub/x> <http://example.org/p> \"v\" .\n");
    // Without any base, relative IRIs are not RDF: their statements are dropped with a warning.
    const Parsed parsed = parse(R"({"@context": {"@base": null}, "@id": "x", "http://example.org/p": "v",
      "http://example.org/q": {"@id": "http://example.org/b", "http://example.org/r": "kept"}})");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/b> <http://example.org/r> \"kept\" .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "relative IRI <x>"));
}

TEST(JsonLd, IncludedNodes) {
    EXPECT_GRAPH(R"({
      "@context": {"@vocab": "http://example.org/"},
      "@id": "http://example.org/a", "p": "v",
      "@included": [{"@id": "http://example.org/b", "q": "w"}, {"r": "x"}]
    })",
                 "<http://example.org/a> <http://example.org/p> \"v\" .\n"
                 "<http://example.org/b> <http://example.org/q> \"w\" .\n"
                 "_:c <http://example.org/r> \"x\" .\n");
}

TEST(JsonLd, NestedProperties) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/", "labels": "@nest",
                   "main": {"@id": "ex:main", "@nest": "labels"}},
      "@id": "ex:a",
      "labels": {"main": "M", "ex:other": "O", "labels": {"ex:deeper": "D"}}
    })",
                 "<http://example.org/a> <http://example.org/main> \"M\" .\n"
                 "<http://example.org/a> <http://example.org/other> \"O\" .\n"
                 "<http://example.org/a> <http://example.org/deeper> \"D\" .\n");
}

TEST(JsonLd, NamedGraphsAreMerged) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/", "claim": {"@id": "ex:claim", "@container": "@graph"}},
      "@id": "ex:a",
      "claim": {"@id": "ex:b", "ex:p": "v"},
      "ex:g": {"@id": "ex:named", "@graph": [{"@id": "ex:c", "ex:q": "w"}]}
    })",
                 "<http://example.org/a> <http://example.org/claim> _:g .\n"
                 "<http://example.org/b> <http://example.org/p> \"v\" .\n"
                 "<http://example.org/a> <http://example.org/g> <http://example.org/named> .\n"
                 "<http://example.org/c> <http://example.org/q> \"w\" .\n");
}

// --- contexts --------------------------------------------------------------------------------

TEST(JsonLd, ContextArraysNestedContextsAndNull) {
    const Parsed parsed = parse(R"({
      "@context": [{"ex": "http://example.org/"}, {"name": "ex:name"}],
      "@id": "ex:a", "name": "A",
      "ex:child": {"@context": {"name": "ex:label"}, "@id": "ex:b", "name": "B"},
      "ex:other": {"@context": null, "@id": "http://example.org/c", "name": "dropped",
                   "http://example.org/kept": "K"}
    })");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/a> <http://example.org/name> \"A\" .\n"
                                           "<http://example.org/a> <http://example.org/child> <http://example.org/b> .\n"
                                           "<http://example.org/b> <http://example.org/label> \"B\" .\n"
                                           "<http://example.org/a> <http://example.org/other> <http://example.org/c> .\n"
                                           "<http://example.org/c> <http://example.org/kept> \"K\" .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "\"name\" is neither a term of the context nor an IRI"));
}

TEST(JsonLd, OnlyPrefixTermsExpandCompactIris) {
    // JSON-LD 1.1: a term is a prefix when its definition is a string ending
    // with a gen-delim character, or has "@prefix": true (W3C toRdf test 0130).
    EXPECT_GRAPH(R"({
      "@context": {
        "unsafe": "http://example.com/unsafe-",
        "declared": {"@id": "http://example.com/declared-", "@prefix": true},
        "safe": "http://example.com/safe/",
        "expanded": {"@id": "http://example.com/expanded/"},
        "p": "http://example.com/p"
      },
      "@id": "http://example.com/s",
      "p": [{"@id": "unsafe:x"}, {"@id": "declared:x"}, {"@id": "safe:x"}, {"@id": "expanded:x"}]
    })",
                 "<http://example.com/s> <http://example.com/p> <unsafe:x> .\n"
                 "<http://example.com/s> <http://example.com/p> <http://example.com/declared-x> .\n"
                 "<http://example.com/s> <http://example.com/p> <http://example.com/safe/x> .\n"
                 "<http://example.com/s> <http://example.com/p> <expanded:x> .\n");
}

TEST(JsonLd, TermDefinitionsDependOnEachOtherInAnyOrder) {
    EXPECT_GRAPH(R"({
      "@context": {
        "title": "dct:title",
        "dct:creator": {"@type": "@id"},
        "dct": "http://purl.org/dc/terms/",
        "self": {"@id": "http://example.org/self"},
        "prefixOnlyWhenSimple": {"@id": "http://example.org/ns/"}
      },
      "@id": "http://example.org/a", "title": "T", "dct:creator": "http://example.org/c",
      "prefixOnlyWhenSimple:x": "an absolute IRI with scheme prefixOnlyWhenSimple"
    })",
                 "<http://example.org/a> <http://purl.org/dc/terms/title> \"T\" .\n"
                 "<http://example.org/a> <http://purl.org/dc/terms/creator> <http://example.org/c> .\n"
                 "<http://example.org/a> <prefixOnlyWhenSimple:x> \"an absolute IRI with scheme prefixOnlyWhenSimple\" .\n");
}

TEST(JsonLd, TypeScopedAndPropertyScopedContexts) {
    EXPECT_GRAPH(R"({
      "@context": {
        "ex": "http://example.org/",
        "Person": {"@id": "ex:Person", "@context": {"name": "ex:fullName"}},
        "Agent": {"@id": "ex:Agent", "@context": {"role": "ex:role"}},
        "name": "ex:name",
        "knows": {"@id": "ex:knows", "@context": {"name": "ex:nick"}}
      },
      "@id": "ex:p", "@type": ["Person", "Agent"], "name": "Pat", "role": "lead",
      "ex:friend": {"@id": "ex:q", "name": "Quinn", "role": "dropped"},
      "knows": {"@id": "ex:r", "name": "Robin", "knows": {"@id": "ex:t", "name": "Toni"}}
    })",
                 "<http://example.org/p> <" + RDF + "type> <http://example.org/Person> .\n"
                 "<http://example.org/p> <" + RDF + "type> <http://example.org/Agent> .\n"
                 "<http://example.org/p> <http://example.org/fullName> \"Pat\" .\n"
                 "<http://example.org/p> <http://example.org/role> \"lead\" .\n"
                 "<http://example.org/p> <http://example.org/friend> <http://example.org/q> .\n"
                 "<http://example.org/q> <http://example.org/name> \"Quinn\" .\n"
                 "<http://example.org/p> <http://example.org/knows> <http://example.org/r> .\n"
                 "<http://example.org/r> <http://example.org/nick> \"Robin\" .\n"
                 "<http://example.org/r> <http://example.org/knows> <http://example.org/t> .\n"
                 "<http://example.org/t> <http://example.org/nick> \"Toni\" .\n");
}

TEST(JsonLd, TypeScopedContextInsideANestedContext) {
    // W3C toRdf test c039.
    EXPECT_GRAPH(R"({
      "@context": {"knows": "http://example.com/knows"},
      "@id": "http://example.com/alice",
      "knows": {
        "@context": {"Person": {"@id": "http://example.com/Person", "@context": {"name": "http://example.com/name"}}},
        "@id": "http://example.com/jane", "@type": "Person", "name": "Jane"
      }
    })",
                 "<http://example.com/alice> <http://example.com/knows> <http://example.com/jane> .\n"
                 "<http://example.com/jane> <http://example.com/name> \"Jane\" .\n"
                 "<http://example.com/jane> <" + RDF + "type> <http://example.com/Person> .\n");
}

TEST(JsonLd, LanguageMaps) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/",
                   "title": {"@id": "ex:title", "@container": ["@set", "@language"]}},
      "@id": "ex:s",
      "title": {"de": "Titel", "en": ["Title", "Heading"], "@none": "untagged", "fr": null}
    })",
                 "<http://example.org/s> <http://example.org/title> \"Titel\"@de .\n"
                 "<http://example.org/s> <http://example.org/title> \"Title\"@en .\n"
                 "<http://example.org/s> <http://example.org/title> \"Heading\"@en .\n"
                 "<http://example.org/s> <http://example.org/title> \"untagged\" .\n");
}

TEST(JsonLd, IndexIdAndTypeMaps) {
    EXPECT_GRAPH(R"({
      "@context": {"ex": "http://example.org/",
        "byIndex": {"@id": "ex:item", "@container": "@index"},
        "byProperty": {"@id": "ex:item2", "@container": "@index", "@index": "ex:category"},
        "byId": {"@id": "ex:member", "@container": "@id"},
        "byType": {"@id": "ex:typed", "@container": "@type"}},
      "@id": "ex:s",
      "byIndex": {"one": "v1", "two": {"@id": "ex:n2"}, "@none": "v3"},
      "byProperty": {"cat": {"@id": "ex:n3"}},
      "byId": {"ex:m1": {"ex:name": "M1"}, "http://example.org/m2": {}},
      "byType": {"ex:T": {"@id": "ex:t1"}, "ex:U": "ex:t2"}
    })",
                 "<http://example.org/s> <http://example.org/item> \"v1\" .\n"
                 "<http://example.org/s> <http://example.org/item> <http://example.org/n2> .\n"
                 "<http://example.org/s> <http://example.org/item> \"v3\" .\n"
                 "<http://example.org/s> <http://example.org/item2> <http://example.org/n3> .\n"
                 "<http://example.org/n3> <http://example.org/category> \"cat\" .\n"
                 "<http://example.org/s> <http://example.org/member> <http://example.org/m1> .\n"
                 "<http://example.org/m1> <http://example.org/name> \"M1\" .\n"
                 "<http://example.org/s> <http://example.org/member> <http://example.org/m2> .\n"
                 "<http://example.org/s> <http://example.org/typed> <http://example.org/t1> .\n"
                 "<http://example.org/t1> <" + RDF + "type> <http://example.org/T> .\n"
                 "<http://example.org/s> <http://example.org/typed> <http://example.org/t2> .\n"
                 "<http://example.org/t2> <" + RDF + "type> <http://example.org/U> .\n");
}

TEST(JsonLd, ProtectedTermsAreNotEnforced) {
    // ernte reads @protected without enforcing it: a conforming processor
    // stops with "protected term redefinition" here, a harvest reads on and
    // uses the redefinition.
    EXPECT_GRAPH(R"({
      "@context": {"@protected": true, "ex": "http://example.org/", "name": {"@id": "ex:name", "@protected": true}},
      "@id": "ex:a", "name": "A",
      "ex:child": {"@context": {"name": "ex:other"}, "@id": "ex:b", "name": "B"}
    })",
                 "<http://example.org/a> <http://example.org/name> \"A\" .\n"
                 "<http://example.org/a> <http://example.org/child> <http://example.org/b> .\n"
                 "<http://example.org/b> <http://example.org/other> \"B\" .\n");
}

TEST(JsonLd, ShippedRemoteContextsAreUsedWithoutFetching) {
    EXPECT_GRAPH(R"({
      "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
      "@id": "http://example.org/cat", "@type": "dcat:Catalog",
      "dataset": [{"@type": "dcat:Dataset", "title": "T", "keyword": ["k"],
                   "distribution": [{"downloadURL": "http://example.org/file.csv"}]}]
    })",
                 "<http://example.org/cat> <" + RDF + "type> <http://www.w3.org/ns/dcat#Catalog> .\n"
                 "<http://example.org/cat> <http://www.w3.org/ns/dcat#dataset> _:d .\n"
                 "_:d <" + RDF + "type> <http://www.w3.org/ns/dcat#Dataset> .\n"
                 "_:d <http://purl.org/dc/terms/title> \"T\" .\n"
                 "_:d <http://www.w3.org/ns/dcat#keyword> \"k\" .\n"
                 "_:d <http://www.w3.org/ns/dcat#distribution> _:f .\n"
                 "_:f <http://www.w3.org/ns/dcat#downloadURL> <http://example.org/file.csv> .\n");
    // A relative context URL is resolved against the document's URL first.
    const Parsed parsed = parse(R"({"@context": ["catalog.jsonld", {"ex": "http://example.org/"}],
                                    "@id": "ex:c", "title": "T"})",
                                "https://project-open-data.cio.gov/v1.1/schema/page.json");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/c> <http://purl.org/dc/terms/title> \"T\" .\n"));
}

TEST(JsonLd, ImportOfAShippedContext) {
    EXPECT_GRAPH(R"({
      "@context": {"@version": 1.1,
                   "@import": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
                   "title": "http://example.org/myTitle"},
      "@id": "http://example.org/d", "title": "T", "keyword": "k"
    })",
                 "<http://example.org/d> <http://example.org/myTitle> \"T\" .\n"
                 "<http://example.org/d> <http://www.w3.org/ns/dcat#keyword> \"k\" .\n");
}

TEST(JsonLd, ShippedContextsAreCopiesOfTheirSources) {
    // schemas/jsonld/README.md names the sources; the DCAT-AP 3 context is
    // also in the fixture collection, byte for byte.
    ASSERT_EQ(rdf::known_contexts().size(), 2u);
    for (const rdf::KnownContext& known : rdf::known_contexts()) {
        const std::string file =
            read_file(std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas/jsonld" / std::string(known.file));
        EXPECT_EQ(file, known.document) << known.file;
    }
    const std::string semic = read_file(fixtures_dir / "SEMICeu__DCAT-AP/releases/3.0.1/html/examples/context.jsonld");
    const auto dcat_ap = std::find_if(rdf::known_contexts().begin(), rdf::known_contexts().end(),
                                      [](const rdf::KnownContext& k) { return k.file == "dcat-ap-3.0.0-examples.jsonld"; });
    ASSERT_NE(dcat_ap, rdf::known_contexts().end());
    EXPECT_EQ(dcat_ap->document, semic);
    EXPECT_EQ(dcat_ap->url, "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld");
}

// --- blank nodes, IRIs, warnings ---------------------------------------------------------------

TEST(JsonLd, BlankNodeLabelsAreKeptOrReplacedNeverCollide) {
    const Parsed parsed = parse(R"([
      {"http://example.org/u": "anonymous, so generated first"},
      {"@id": "_:x", "http://example.org/p": {"@id": "_:b0"}},
      {"@id": "_:b0", "http://example.org/q": {"http://example.org/r": "anonymous"}},
      {"@id": "_:x", "http://example.org/s": "same node"},
      {"@id": "_:a.b", "http://example.org/t": {"@id": "_:a.b"}}
    ])");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 6u);
    auto with = [&](std::string_view predicate) {
        const auto found = std::find_if(parsed.triples.begin(), parsed.triples.end(), [&](const Triple& t) {
            return t.predicate.value == "http://example.org/" + std::string(predicate);
        });
        EXPECT_NE(found, parsed.triples.end()) << predicate;
        return found == parsed.triples.end() ? Triple{} : *found;
    };
    // The document's own label is kept, for every mention.
    EXPECT_EQ(with("p").subject.value, "x");
    EXPECT_EQ(with("s").subject.value, "x");
    // "_:b0" looks like a generated label: it is replaced, the same way each
    // time, and never by the label the first anonymous node got.
    const std::string first = with("u").subject.value;
    const std::string replaced = with("p").object.value;
    EXPECT_NE(replaced, first);
    EXPECT_EQ(with("q").subject.value, replaced);
    // The anonymous node gets a generated label of its own.
    const std::string anonymous = with("q").object.value;
    EXPECT_NE(anonymous, replaced);
    EXPECT_NE(anonymous, first);
    EXPECT_EQ(with("r").subject.value, anonymous);
    // A label N-Triples would write differently ("." inside) is replaced too, consistently.
    EXPECT_NE(with("t").subject.value, "a.b");
    EXPECT_EQ(with("t").subject.value, with("t").object.value);
    EXPECT_NE(with("t").subject.value, replaced);
    EXPECT_NE(with("t").subject.value, anonymous);
    for (const Triple& t : parsed.triples) {
        for (const Term* term : {&t.subject, &t.object}) {
            if (term->kind == Term::Kind::blank && term->value != "x") {
                EXPECT_EQ(term->value[0], 'b') << term->value;
                EXPECT_TRUE(std::all_of(term->value.begin() + 1, term->value.end(), ::isdigit)) << term->value;
            }
        }
    }
}

TEST(JsonLd, IrisWithSpacesAndUmlautsArePercentEncodedWithWarning) {
    const Parsed parsed = parse(R"({"@id": "http://example.org/a b",
      "http://example.org/p": {"@id": "http://example.org/Grün"}})");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples,
                           "<http://example.org/a%20b> <http://example.org/p> <http://example.org/Gr%C3%BCn> .\n"));
    ASSERT_GE(parsed.result.warnings.size(), 2u);
    std::set<std::string> values;
    for (const rdf::Warning& w : parsed.result.warnings) values.insert(w.value);
    EXPECT_EQ(values.count("http://example.org/a b"), 1u);
    EXPECT_EQ(values.count("http://example.org/Grün"), 1u);
    EXPECT_EQ(parsed.result.warnings[0].line, 1u);
}

TEST(JsonLd, DroppedValuesAreWarned) {
    const Parsed parsed = parse(R"({
      "@context": {"ex": "http://example.org/", "@foo": "http://example.org/x"},
      "@id": "ex:a",
      "__comment": "no @vocab, so not a property",
      "ex:p": "v",
      "ex:q": {"@value": "x", "@language": "not a tag!"},
      "_:blankProperty": "v",
      "@bar": "reserved"
    })");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/a> <http://example.org/p> \"v\" .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "\"@foo\" has the form of a keyword"));
    EXPECT_TRUE(has_warning(parsed.result, "\"__comment\" is neither a term"));
    EXPECT_TRUE(has_warning(parsed.result, "language tag \"not a tag!\" is not well-formed"));
    EXPECT_TRUE(has_warning(parsed.result, "blank node identifier _:blankProperty used as a property"));
    EXPECT_TRUE(has_warning(parsed.result, "\"@bar\" is neither a term"));
    for (const rdf::Warning& w : parsed.result.warnings) EXPECT_GT(w.line, 1u) << w.message;
}

TEST(JsonLd, ATypeThatIsNoTermIsReadAgainstTheBaseWithAWarning) {
    const Parsed parsed = parse(R"({"@context": {"vcard": "http://www.w3.org/2006/vcard/ns#"},
      "@id": "http://example.org/c", "@type": ["Contact", "vcard:Kind"]})");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/c> <" + RDF + "type> <http://example.org/dir/Contact> .\n" +
                                               "<http://example.org/c> <" + RDF +
                                               "type> <http://www.w3.org/2006/vcard/ns#Kind> .\n"));
    ASSERT_EQ(parsed.result.warnings.size(), 1u);
    EXPECT_NE(parsed.result.warnings[0].message.find("type \"Contact\" is no term of the context"), std::string::npos)
        << parsed.result.warnings[0].message;
    EXPECT_EQ(parsed.result.warnings[0].value, "Contact");
    EXPECT_EQ(parsed.result.warnings[0].line, 2u);
}

TEST(JsonLd, NullIdIsABlankNodeOrNothing) {
    // Templates write "@id": null for a link they lack; the rest of the page is read.
    const Parsed parsed = parse(R"({"@context": {"ex": "http://example.org/"},
      "@id": "ex:d",
      "ex:publisher": {"@id": null, "ex:name": "Stadt Moers"},
      "ex:license": {"@id": null},
      "ex:title": "Bäume"})");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, R"(<http://example.org/d> <http://example.org/publisher> _:p .
_:p <http://example.org/name> "Stadt Moers" .
<http://example.org/d> <http://example.org/title> "Bäume" .
)"));
    EXPECT_TRUE(has_warning(parsed.result, "the node is read as a blank node"));
    EXPECT_TRUE(has_warning(parsed.result, "names nothing; dropped"));
    for (const rdf::Warning& w : parsed.result.warnings) EXPECT_GT(w.line, 1u) << w.message;
}

TEST(JsonLd, DuplicateKeysLastOneCounts) {
    const Parsed parsed = parse(R"({"@id": "http://example.org/a",
      "http://example.org/p": "first", "http://example.org/p": "second"})");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://example.org/a> <http://example.org/p> \"second\" .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "the key \"http://example.org/p\" occurs twice"));
}

TEST(JsonLd, Utf8ByteOrderMarkIsSkipped) {
    const Parsed parsed = parse("\xEF\xBB\xBF{\"@id\": \"http://example.org/a\", \"http://example.org/p\": \"v\"}");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_EQ(parsed.triples.size(), 1u);
}

TEST(JsonLd, WarningsAreCappedAndCounted) {
    std::string text = "{\"@id\": \"http://example.org/a\"";
    for (int i = 0; i < 80; ++i) text += ", \"http://example.org/p" + std::to_string(i) + " x\": \"v\"";
    text += "}";
    rdf::ReadOptions options;
    options.max_warnings = 10;
    std::size_t count = 0;
    const rdf::ParseResult result = rdf::read_jsonld(text, options, [&](const Triple&) { ++count; });
    ASSERT_TRUE(result.ok);
    EXPECT_EQ(count, 80u);
    ASSERT_EQ(result.warnings.size(), 11u);
    EXPECT_EQ(result.warnings.back().message, "70 more warnings");
}

// --- bad input ---------------------------------------------------------------------------------

TEST(JsonLdErrors, InvalidJsonWithLineAndColumn) {
    const Parsed parsed = parse("{\n  \"@id\": \"http://example.org/a\",\n  \"http://example.org/p\" \"v\"\n}");
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find("invalid JSON: Missing a colon after a name of object member."),
              std::string::npos)
        << parsed.result.description;
    EXPECT_EQ(parsed.result.line, 3u);
    EXPECT_EQ(parsed.result.column, 26u);
    EXPECT_TRUE(parsed.triples.empty());
}

TEST(JsonLdErrors, ColumnsCountCharactersNotBytes) {
    const Parsed parsed = parse("{\"ä\": 1 2}");
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_EQ(parsed.result.line, 1u);
    EXPECT_EQ(parsed.result.column, 9u);
}

TEST(JsonLdErrors, HtmlErrorPage) {
    const Parsed parsed = parse("<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n");
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find("HTML"), std::string::npos) << parsed.result.description;
    EXPECT_EQ(parsed.result.line, 1u);
    EXPECT_EQ(parsed.result.column, 1u);
}

TEST(JsonLdErrors, TruncatedDocument) {
    const std::string full = R"({"@context": {"ex": "http://example.org/"},
      "@graph": [{"@id": "ex:a", "ex:p": "v"}, {"@id": "ex:b", "ex:p": "w"}]})";
    const Parsed parsed = parse(full.substr(0, full.size() - 20));
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find("invalid JSON"), std::string::npos) << parsed.result.description;
    EXPECT_EQ(parsed.result.line, 2u);
    EXPECT_GT(parsed.result.column, 1u);
    EXPECT_TRUE(parsed.triples.empty());  // nothing is stated from a document that does not parse
}

TEST(JsonLdErrors, BinaryDataNulAndEmptyDocuments) {
    const Parsed binary = parse(std::string("{\"@id\": \"http://example.org/\xff\xfe\x01\"}"));
    EXPECT_FALSE(binary.result.ok);
    EXPECT_NE(binary.result.description.find("invalid JSON"), std::string::npos) << binary.result.description;

    std::string with_nul = "{\"@id\":\n \"http://example.org/a\"";
    with_nul += '\0';
    with_nul += '}';
    const Parsed nul = parse(with_nul);
    EXPECT_FALSE(nul.result.ok);
    EXPECT_NE(nul.result.description.find("NUL"), std::string::npos) << nul.result.description;
    EXPECT_EQ(nul.result.line, 2u);
    EXPECT_EQ(nul.result.column, 24u);

    for (const std::string text : {"", "   \n\t"}) {
        const Parsed empty = parse(text);
        EXPECT_FALSE(empty.result.ok);
        EXPECT_NE(empty.result.description.find("empty"), std::string::npos) << empty.result.description;
    }
    const Parsed scalar = parse("\"just a string\"");
    EXPECT_FALSE(scalar.result.ok);
    EXPECT_NE(scalar.result.description.find("neither an object nor an array"), std::string::npos);
}

TEST(JsonLdErrors, DepthBomb) {
    // A million nested arrays: an error, not a crash (the parser is iterative
    // and stops at max_depth; the walk never sees more).
    const std::string arrays(1'000'000, '[');
    const Parsed bomb = parse(arrays);
    EXPECT_FALSE(bomb.result.ok);
    EXPECT_NE(bomb.result.description.find("nested deeper than 256 levels"), std::string::npos)
        << bomb.result.description;
    EXPECT_EQ(bomb.result.line, 1u);
    EXPECT_EQ(bomb.result.column, 257u);

    std::string objects;
    for (int i = 0; i < 100'000; ++i) objects += "{\"http://example.org/p\":";
    const Parsed nested = parse(objects);
    EXPECT_FALSE(nested.result.ok);
    EXPECT_NE(nested.result.description.find("nested deeper"), std::string::npos) << nested.result.description;

    // At the limit it reads; one deeper it does not.
    auto chain = [](int depth) {
        std::string text;
        for (int i = 0; i < depth; ++i) text += "{\"http://example.org/p\":";
        text += "\"leaf\"";
        for (int i = 0; i < depth; ++i) text += "}";
        return text;
    };
    const Parsed at_limit = parse(chain(8), BASE, 8);
    EXPECT_TRUE(at_limit.result.ok) << at_limit.result.description;
    EXPECT_EQ(at_limit.triples.size(), 8u);
    EXPECT_FALSE(parse(chain(9), BASE, 8).result.ok);
}

TEST(JsonLdErrors, UnknownRemoteContext) {
    const Parsed parsed = parse("{\n  \"@context\": \"https://schema.org/\",\n  \"name\": \"x\"\n}");
    EXPECT_FALSE(parsed.result.ok);
    std::string expected = "remote @context <https://schema.org/> is not fetched at harvest time; known contexts: ";
    for (std::size_t i = 0; i < rdf::known_contexts().size(); ++i) {
        expected += (i > 0 ? ", " : "") + std::string(rdf::known_contexts()[i].url);
    }
    EXPECT_EQ(parsed.result.description, expected);
    EXPECT_EQ(parsed.result.line, 2u);
    EXPECT_EQ(parsed.result.column, 15u);  // the URL's opening quote
    // The document is not wrong: ernte cannot read it.
    EXPECT_TRUE(parsed.result.unsupported);
    const Parsed malformed = parse("{\n  \"@context\": \"https://schema.org/\",\n  \"name\": }");
    EXPECT_FALSE(malformed.result.ok);
    EXPECT_FALSE(malformed.result.unsupported);

    // Relative URLs are resolved first; nested contexts and context arrays are checked the same way.
    const Parsed relative = parse(R"({"@id": "http://example.org/a", "http://example.org/p": {
      "@context": [{"ex": "http://example.org/"}, "contexts/local.jsonld"], "ex:q": "v"}})");
    EXPECT_FALSE(relative.result.ok);
    EXPECT_NE(relative.result.description.find("remote @context <http://example.org/dir/contexts/local.jsonld>"),
              std::string::npos)
        << relative.result.description;
    EXPECT_EQ(relative.result.line, 2u);

    // A scoped context naming an unknown URL fails where the term is defined, even if never used.
    const Parsed scoped = parse(R"({"@context": {"t": {"@id": "http://example.org/t", "@context": "http://example.org/ctx"}},
      "@id": "http://example.org/a"})");
    EXPECT_FALSE(scoped.result.ok);
    EXPECT_NE(scoped.result.description.find("remote @context <http://example.org/ctx>"), std::string::npos);
}

TEST(JsonLdErrors, HandlerExceptionPropagates) {
    const std::string text = R"({"@id": "http://example.org/a", "http://example.org/p": ["1", "2", "3"]})";
    int calls = 0;
    EXPECT_THROW(rdf::read_jsonld(text, rdf::ReadOptions{},
                                  [&](const Triple&) {
                                      if (++calls == 2) throw std::runtime_error("store full");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(calls, 2);
}

TEST(JsonLdErrors, KeywordsWithWrongValueTypes) {
    // Where a conforming processor stops, ernte reports the error with its place.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"@id": 5})", "invalid @id value"},
        {R"({"@id": "http://example.org/a", "@type": 5})", "invalid type value"},
        {R"({"@id": "http://example.org/a", "@type": ["http://example.org/T", {}]})", "invalid type value"},
        {R"({"http://example.org/p": {"@value": {"x": 1}}})", "invalid value object value"},
        {R"({"http://example.org/p": {"@value": "x", "@language": 5}})", "invalid language-tagged string"},
        {R"({"http://example.org/p": {"@value": 5, "@language": "en"}})", "invalid language-tagged value"},
        {R"({"http://example.org/p": {"@value": "x", "@type": "http://example.org/t", "@language": "en"}})",
         "invalid value object"},
        {R"({"http://example.org/p": {"@value": "x", "http://example.org/q": "y"}})", "invalid value object"},
        {R"({"http://example.org/p": {"@value": "x", "@type": "_:blank"}})", "invalid typed value"},
        {R"({"http://example.org/p": {"@list": ["a"], "http://example.org/q": "x"}})", "invalid set or list object"},
        {R"({"@id": "http://example.org/a", "@reverse": "x"})", "invalid @reverse value"},
        {R"({"@id": "http://example.org/a", "@reverse": {"http://example.org/p": "literal"}})",
         "invalid reverse property value"},
        {R"({"@id": "http://example.org/a", "@reverse": {"@id": "http://example.org/b"}})",
         "invalid reverse property map"},
        {R"({"@context": {"id": "@id"}, "@id": "http://example.org/a", "id": "http://example.org/b"})",
         "colliding keywords"},
        {R"({"@id": "http://example.org/a", "@index": 5})", "invalid @index value"},
        {R"({"@id": "http://example.org/a", "@nest": "x"})", "invalid @nest value"},
        {R"({"@id": "http://example.org/a", "@included": "string"})", "invalid @included value"},
        {R"({"@id": "http://example.org/a", "@included": {"@value": "v"}})", "invalid @included value"},
        {R"({"@id": "http://example.org/a", "@included": {"@list": ["l"]}})", "invalid @included value"},
        {R"({"@context": 5})", "invalid local context"},
        {R"({"@context": [{"@vocab": 5}]})", "invalid vocab mapping"},
        {R"({"@context": {"@language": 5}})", "invalid default language"},
        {R"({"@context": {"@version": 1.0}})", "invalid @version value"},
        {R"({"@context": {"@base": 5}})", "invalid base IRI"},
        {R"({"@context": {"@propagate": "yes"}})", "invalid @propagate value"},
        {R"({"@context": {"@protected": "yes"}})", "invalid @protected value"},
        {R"({"@context": {"@import": 5}})", "invalid @import value"},
        {R"({"@context": {"t": 5}})", "invalid term definition"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@unknown": 1}}})", "invalid term definition"},
        {R"({"@context": {"t": {"@id": 5}}})", "invalid IRI mapping"},
        {R"({"@context": {"t": "relative"}})", "invalid IRI mapping"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@type": 5}}})", "invalid type mapping"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@container": "@foo"}}})",
         "invalid container mapping"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@container": ["@list", "@set"]}}})",
         "invalid container mapping"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@language": 5}}})", "invalid language mapping"},
        {R"({"@context": {"t": {"@reverse": "http://example.org/t", "@container": "@list"}}})",
         "invalid reverse property"},
        {R"({"@context": {"@id": "http://example.org/x"}})", "keyword redefinition"},
        {R"({"@context": {"@type": "http://example.org/x"}})", "keyword redefinition"},
        {R"({"@context": {"a": "b:c", "b": "a:d"}})", "cyclic IRI mapping"},
        {R"({"@context": {"ctx": "@context"}})", "invalid keyword alias"},
        {R"({"@context": {"ex:t": "http://other.example/t", "ex": "http://example.org/"}})", "invalid IRI mapping"},
        {R"({"@context": {"t": {"@id": "http://example.org/t", "@container": "@language"}},
             "t": {"en": 5}})",
         "invalid language map value"},
    };
    for (const auto& [text, error] : cases) {
        Parsed parsed;
        EXPECT_NO_THROW(parsed = parse(text)) << text;
        EXPECT_FALSE(parsed.result.ok) << text;
        EXPECT_NE(parsed.result.description.find(error), std::string::npos)
            << text << "\n  expected: " << error << "\n  got: " << parsed.result.description;
        EXPECT_GT(parsed.result.line, 0u) << text;
        EXPECT_GT(parsed.result.column, 0u) << text;
    }
}

TEST(JsonLdErrors, ErrorsPointAtTheOffendingValue) {
    const Parsed parsed = parse("{\n  \"@context\": {\n    \"ex\": \"http://example.org/\",\n"
                                "    \"t\": {\"@id\": \"ex:t\", \"@type\": 5}\n  }\n}");
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find("invalid type mapping"), std::string::npos);
    EXPECT_EQ(parsed.result.line, 4u);
    EXPECT_EQ(parsed.result.column, 26u);  // the entry's key: a number has no recorded position
}

TEST(JsonLdErrors, ErrorsNeverThrow) {
    // Mangled variants of a document using most features: each must come back as a value.
    const std::string full = R"({"@context": [{"ex": "http://example.org/", "@vocab": "http://example.org/v#",
      "l": {"@id": "ex:l", "@container": "@list"}, "m": {"@id": "ex:m", "@container": "@language"},
      "T": {"@id": "ex:T", "@context": {"n": "ex:n"}}, "r": {"@reverse": "ex:r"}}],
      "@graph": [{"@id": "ex:a", "@type": "T", "n": 1.5, "l": [1, [2]], "m": {"de": "x"},
                  "r": {"@id": "ex:b"}, "@reverse": {"ex:s": {}}, "ex:v": {"@value": true}}]})";
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        EXPECT_NO_THROW(parse(full.substr(0, cut))) << cut;
        for (const char replacement : {'{', '[', '"', '1', ':', ','}) {
            std::string flipped = full;
            if (cut < flipped.size()) flipped[cut] = replacement;
            EXPECT_NO_THROW(parse(flipped)) << cut << " " << replacement;
        }
    }
}

TEST(JsonLdErrors, RandomMutationsOfRealDocumentsNeverThrow) {
    // A deterministic stand-in for fuzzing: real documents with bytes
    // replaced, inserted or removed must always come back as a value.
    const std::vector<std::string> sources = {
        read_file(fixtures_dir / "GovDataOfficial__DCAT-AP.de/Releases/DCAT-AP.de_V2.0/examples/RDF-JSONLD/dcat_ap_de-RefImp_JSONLD_SIMPLE.jsonld"),
        read_file(fixtures_dir / "SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-combined.jsonld"),
        read_file(fixtures_dir / "GovDataOfficial__DCAT-AP.de/Releases/DCAT-AP.de_V1.1/examples/RDF-JSONLD/dcat_ap_de-RefImp_JSONLD_SIMPLE_V1.1.jsonld"),
    };
    const std::string alphabet = "{}[]\":,@ \\0123456789abcdefghijklmnopqrstuvwxyz_-/#.\xC3\xA4\xFF";
    std::uint32_t seed = 20240222;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    for (const std::string& source : sources) {
        ASSERT_FALSE(source.empty());
        for (int round = 0; round < 400; ++round) {
            std::string text = source;
            for (int edits = 1 + static_cast<int>(next() % 4); edits > 0; --edits) {
                const std::size_t at = next() % text.size();
                const char c = alphabet[next() % alphabet.size()];
                switch (next() % 3) {
                case 0: text[at] = c; break;
                case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                default: text.erase(at, 1 + next() % 8); break;
                }
            }
            EXPECT_NO_THROW(parse(text)) << round;
        }
    }
}

// --- fixtures: the same triples as rdflib ---------------------------------------------

std::vector<std::string> jsonld_fixtures() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures_dir)) {
        const std::string extension = entry.path().extension().string();
        if (entry.is_regular_file() &&
            (extension == ".jsonld" || entry.path().filename() == "evian.json")) {
            files.push_back(std::filesystem::relative(entry.path(), fixtures_dir).string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

/// rdflib 6.1.1 (Debian's python3-rdflib, so /usr/bin/python3) reads a file
/// and prints its statements as JSON. rdflib cannot fetch remote contexts
/// here; the script substitutes the copies ernte ships (the URL -> file pairs
/// on its command line) and reports any other context URL as "remote".
constexpr const char* k_rdflib_script = R"PY(
import json, sys
try:
    import rdflib
    from rdflib.plugins.shared.jsonld import context as jsonld_context
except ImportError:
    print(json.dumps({"missing": True}))
    sys.exit(0)
path, base = sys.argv[1], sys.argv[2]
shipped = dict(zip(sys.argv[3::2], sys.argv[4::2]))
fetch = jsonld_context.source_to_json
class NotShipped(Exception):
    pass
def substitute(source):
    if isinstance(source, str):
        if source in shipped:
            with open(shipped[source], encoding="utf-8") as f:
                return json.load(f)
        raise NotShipped(source)
    return fetch(source)
jsonld_context.source_to_json = substitute
# Keep literals as written (rdflib rewrites the lexical form of known datatypes).
rdflib.NORMALIZE_LITERALS = False
graph = rdflib.ConjunctiveGraph()
try:
    with open(path, "rb") as f:
        graph.parse(data=f.read(), format="json-ld", base=base)
except NotShipped as e:
    print(json.dumps({"remote": str(e)}))
    sys.exit(0)
except Exception as e:
    print(json.dumps({"error": type(e).__name__ + ": " + str(e)}))
    sys.exit(0)
def term(t):
    if isinstance(t, rdflib.BNode):
        return ["blank"]
    if isinstance(t, rdflib.URIRef):
        return ["iri", str(t)]
    return ["literal", str(t), str(t.datatype) if t.datatype else "", t.language or ""]
print(json.dumps({"count": len(graph), "triples": [[term(s), term(p), term(o)] for s, p, o in graph]}))
)PY";

struct RdflibRun {
    bool ran = false;
    rapidjson::Document json;
    std::string output;
};

RdflibRun run_rdflib(const std::filesystem::path& file, const std::string& base) {
    // Removed with its folder when the test program ends.
    static const ernte::testsupport::TempDir folder("ernte-rdflib");
    static const std::filesystem::path script = [] {
        const std::filesystem::path path = folder.path() / "compare.py";
        std::ofstream(path) << k_rdflib_script;
        return path;
    }();
    std::string command = "/usr/bin/python3 " + quoted(script.string()) + " " + quoted(file.string()) + " " + quoted(base);
    for (const rdf::KnownContext& known : rdf::known_contexts()) {
        const std::filesystem::path copy = std::filesystem::path(ERNTE_SOURCE_DIR) / "schemas/jsonld" / known.file;
        command += " " + quoted(std::string(known.url)) + " " + quoted(copy.string());
    }
    RdflibRun run;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
    run.ran = pclose(pipe) == 0;
    run.json.Parse(run.output.c_str());
    run.ran = run.ran && !run.json.HasParseError() && run.json.IsObject();
    return run;
}

/// A statement for comparing with rdflib: blank labels erased (each side
/// names them differently), language tags lower-cased (tags compare
/// case-insensitively), IRIs percent-encoded as ernte writes them, and
/// xsd:double values compared as numbers (rdflib writes 1.5, JSON-LD 1.5E0).
std::string comparable(Triple t) {
    for (Term* term : {&t.subject, &t.predicate, &t.object}) {
        if (term->kind == Term::Kind::blank) term->value = "x";
        if (term->kind == Term::Kind::iri) term->value = rdf::encode_iri(term->value);
    }
    std::transform(t.object.lang.begin(), t.object.lang.end(), t.object.lang.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (t.object.datatype == "http://www.w3.org/2001/XMLSchema#double") {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", std::strtod(t.object.value.c_str(), nullptr));
        t.object.value = buffer;
    }
    return rdf::to_ntriples(t);
}

Term rdflib_term(const rapidjson::Value& json) {
    Term term;
    const std::string kind = json[0].GetString();
    if (kind == "blank") {
        term.kind = Term::Kind::blank;
    } else if (kind == "iri") {
        term.kind = Term::Kind::iri;
        term.value = json[1].GetString();
    } else {
        term.kind = Term::Kind::literal;
        term.value = json[1].GetString();
        term.datatype = json[2].GetString();
        term.lang = json[3].GetString();
    }
    return term;
}

/// Where rdflib 6.1.1 does not follow JSON-LD 1.1, the statements ernte
/// reads and rdflib does not, per fixture (abbreviated "subject predicate
/// object" with ds: = https://data.gov.gr/id/dataset/, ser: =
/// https://data.gov.gr/id/datasetseries/, dcat: = http://www.w3.org/ns/dcat#).
///
/// Type-scoped contexts: the SEMIC DCAT-AP 3 examples type series members
/// ["Dataset", "DatasetMemberOfADatasetSeries"], and the context defines
/// inSeries, next and previous only in the scoped context of the second type.
/// JSON-LD 1.1 expansion step 11 applies the scoped contexts of all types of
/// a node, in lexicographic order; rdflib's Context.get_context_for_type
/// applies only the first type that has a term definition ("Dataset"), so it
/// drops inSeries and previous (dcat:prev) as undefined terms.
const std::map<std::string, std::vector<std::string>> k_rdflib_deviations = {
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-api.jsonld",
     {"ds:BeePopulation2023 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-combined.jsonld",
     {"ds:BeePopulation2000 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2022 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2022 dcat:prev ds:BeePopulation2000", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022", "ds:BeePopulationLive dcat:inSeries ser:BeePopulation"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-frequency.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-gea-nha.jsonld",
     {"ds:BeePopulation2000 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2022 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2022 dcat:prev ds:BeePopulation2000", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-issued.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2022 dcat:prev ds:BeePopulation2000",
      "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-life-count.jsonld",
     {"ds:BeePopulationLive dcat:inSeries ser:BeePopulation", "ds:BeePopulationLive dcat:prev ds:BeePopulation2023"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-modified.jsonld",
     {"ds:BeePopulation2000 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2022 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2022 dcat:prev ds:BeePopulation2000", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-ordered.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-spatial-thessaloniki-athens.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation",
      "ds:BeePopulation2023 dcat:prev ds:BeePopulation2022"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series-spatial-thessaloniki.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation"}},
    {"SEMICeu__DCAT-AP/releases/3.0.1/html/examples/example-bee-population-dataset-series.jsonld",
     {"ds:BeePopulation2022 dcat:inSeries ser:BeePopulation", "ds:BeePopulation2023 dcat:inSeries ser:BeePopulation"}},
};

/// An abbreviated deviation as an N-Triples line.
std::string deviation_line(const std::string& abbreviated) {
    static const std::map<std::string, std::string> prefixes = {
        {"ds:", "https://data.gov.gr/id/dataset/"},
        {"ser:", "https://data.gov.gr/id/datasetseries/"},
        {"dcat:", "http://www.w3.org/ns/dcat#"}};
    std::istringstream words(abbreviated);
    std::string line, word;
    while (words >> word) {
        for (const auto& [prefix, iri] : prefixes) {
            if (word.starts_with(prefix)) word = "<" + iri + word.substr(prefix.size()) + ">";
        }
        line += word + " ";
    }
    return line + ".\n";
}

class JsonLdFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(JsonLdFixture, SameTriplesAsRdflib) {
    const std::filesystem::path file = fixtures_dir / GetParam();
    const std::string base = "http://example.org/fixtures/" + GetParam();
    const RdflibRun rdflib = run_rdflib(file, base);
    if (!rdflib.ran || rdflib.json.HasMember("missing")) {
        GTEST_SKIP() << "rdflib is not available to /usr/bin/python3; apt-get install python3-rdflib\n" << rdflib.output;
    }
    const Parsed parsed = parse(read_file(file), base);

    if (rdflib.json.HasMember("remote")) {
        // The context is not shipped: ernte must say which one, and where.
        const std::string url = rdflib.json["remote"].GetString();
        EXPECT_FALSE(parsed.result.ok);
        EXPECT_NE(parsed.result.description.find("remote @context <" + url + "> is not fetched"), std::string::npos)
            << parsed.result.description;
        EXPECT_GT(parsed.result.line, 0u);
        return;
    }
    if (rdflib.json.HasMember("error")) {
        // rdflib rejects the file: ernte must reject it too, and say where.
        EXPECT_FALSE(parsed.result.ok) << "rdflib failed: " << rdflib.json["error"].GetString();
        EXPECT_GT(parsed.result.line, 0u);
        EXPECT_GT(parsed.result.column, 0u);
        EXPECT_FALSE(parsed.result.description.empty());
        return;
    }
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description << " at " << parsed.result.line << ":"
                                  << parsed.result.column;
    EXPECT_EQ(parsed.result.triples, parsed.triples.size());

    // rdflib's graph is a set of statements; ernte hands out a statement
    // twice when the document says it twice.
    std::set<std::string> distinct;
    for (const Triple& t : parsed.triples) distinct.insert(rdf::to_ntriples(t));
    std::set<std::string> deviations;
    if (const auto found = k_rdflib_deviations.find(GetParam()); found != k_rdflib_deviations.end()) {
        for (const std::string& abbreviated : found->second) deviations.insert(deviation_line(abbreviated));
    }
    const std::size_t expected = rdflib.json["count"].GetUint64();
    EXPECT_EQ(distinct.size(), expected + deviations.size()) << "rdflib: " << expected << ", known deviations: "
                                                             << deviations.size();
    // None of the fixtures states a statement twice, so the count ernte
    // reports is rdflib's count too.
    EXPECT_EQ(parsed.result.triples, expected + deviations.size());

    // Beyond the count: the statements themselves, up to blank-node names.
    std::multiset<std::string> theirs, ours;
    for (const auto& statement : rdflib.json["triples"].GetArray()) {
        theirs.insert(comparable({rdflib_term(statement[0]), rdflib_term(statement[1]), rdflib_term(statement[2])}));
    }
    std::set<std::string> seen;
    for (const Triple& t : parsed.triples) {
        if (seen.insert(rdf::to_ntriples(t)).second) ours.insert(comparable(t));
    }
    std::vector<std::string> only_ours, only_theirs;
    std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(only_ours));
    std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(), std::back_inserter(only_theirs));
    // The documented deviations are exactly the statements only ernte reads.
    for (const std::string& deviation : deviations) {
        const auto found = std::find(only_ours.begin(), only_ours.end(), deviation);
        if (found != only_ours.end()) {
            only_ours.erase(found);
        } else {
            only_theirs.push_back("(documented deviation not read by ernte) " + deviation);
        }
    }
    std::string report;
    for (std::size_t i = 0; i < std::min<std::size_t>(only_ours.size(), 10); ++i) report += "  ernte:  " + only_ours[i];
    for (std::size_t i = 0; i < std::min<std::size_t>(only_theirs.size(), 10); ++i) report += "  rdflib: " + only_theirs[i];
    EXPECT_TRUE(only_ours.empty() && only_theirs.empty()) << report;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, JsonLdFixture, ::testing::ValuesIn(jsonld_fixtures()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name;
                             for (const char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(JsonLdFixtures, AllFound) {
    // The fixture README lists 50 JSON-LD files; a lost directory must not pass silently.
    EXPECT_GE(jsonld_fixtures().size(), 50u);
}

// --- speed: run with --gtest_also_run_disabled_tests ------------------------------

/// The ArcGIS Hub data.json catalogue (DCAT-US with the shipped Project Open
/// Data context) with its datasets repeated to about 50 MB.
std::string benchmark_document() {
    const std::string source = read_file(fixtures_dir / "opendatateam__udata/udata/harvest/tests/dcat/esri.jsonld");
    const std::size_t open = source.find('[', source.find("\"dataset\":"));
    const std::size_t close = source.rfind(']');
    const std::string datasets = source.substr(open + 1, close - open - 1);
    std::string text = source.substr(0, open + 1);
    text.reserve(52'000'000);
    for (bool first = true; text.size() < 50'000'000; first = false) {
        if (!first) text += ',';
        text += datasets;
    }
    text += source.substr(close);
    return text;
}

TEST(JsonLdSpeed, DISABLED_LargeCatalogue) {
    const std::string text = benchmark_document();
    double best = 1e9;
    std::size_t triples = 0;
    for (int round = 0; round < 3; ++round) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t count = 0;
        rdf::ReadOptions options;
        options.base_iri = "http://example.org/data.json";
        const rdf::ParseResult result = rdf::read_jsonld(text, options, [&](const Triple&) { ++count; });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ASSERT_TRUE(result.ok) << result.description;
        best = std::min(best, seconds);
        triples = count;
    }
    std::printf("ernte read_jsonld: %zu bytes, %zu triples, best of 3: %.3f s (%.1f MB/s, %.2f M triples/s)\n",
                text.size(), triples, best, static_cast<double>(text.size()) / best / 1e6,
                static_cast<double>(triples) / best / 1e6);
}

}  // namespace
