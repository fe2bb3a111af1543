#include "catalog/rdfxml_reader.hpp"

#include "catalog/iri.hpp"
#include "catalog/text.hpp"
#include "catalog/turtle_reader.hpp"

#include "tests/support/graph_compare.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
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

const std::string RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const std::string BASE = "http://example.org/dir/doc.rdf";

/// A document with the usual namespaces around `body`.
std::string doc(std::string_view body, std::string_view extra_attributes = "") {
    std::string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
                       "         xmlns:ex=\"http://ex.org/\"";
    if (!extra_attributes.empty()) {
        text += ' ';
        text += extra_attributes;
    }
    text += ">\n";
    text += body;
    text += "\n</rdf:RDF>\n";
    return text;
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
    parsed.result = rdf::read_rdfxml(text, options, [&](const Triple& t) { parsed.triples.push_back(t); });
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
    if (ernte::testsupport::isomorphic(actual, expected, /*as_set=*/false)) return ::testing::AssertionSuccess();
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

// --- resolve_iri (RFC 3986 section 5.4) ----------------------------------------

TEST(ResolveIri, Rfc3986NormalExamples) {
    const std::string base = "http://a/b/c/d;p?q";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
    };
    for (const auto& [reference, expected] : cases) {
        EXPECT_EQ(rdf::resolve_iri(base, reference), expected) << "reference \"" << reference << "\"";
    }
}

TEST(ResolveIri, Rfc3986AbnormalExamples) {
    const std::string base = "http://a/b/c/d;p?q";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"},
        {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},  // strict parsing: a scheme makes the reference absolute
    };
    for (const auto& [reference, expected] : cases) {
        EXPECT_EQ(rdf::resolve_iri(base, reference), expected) << "reference \"" << reference << "\"";
    }
}

TEST(ResolveIri, EdgeCases) {
    // An authority with an empty path merges as "/".
    EXPECT_EQ(rdf::resolve_iri("http://a", "g"), "http://a/g");
    EXPECT_EQ(rdf::resolve_iri("http://a", "?q"), "http://a?q");
    // The base's fragment never survives; an empty reference drops it.
    EXPECT_EQ(rdf::resolve_iri("http://a/b#f", ""), "http://a/b");
    EXPECT_EQ(rdf::resolve_iri("http://a/b?q#f", "#g"), "http://a/b?q#g");
    // Absolute references keep everything but dot segments.
    EXPECT_EQ(rdf::resolve_iri("http://a/b", "https://x.org/p/../q?r#s"), "https://x.org/q?r#s");
    EXPECT_EQ(rdf::resolve_iri("http://a/b", "urn:isbn:123"), "urn:isbn:123");
    // Network-path references take the base's scheme.
    EXPECT_EQ(rdf::resolve_iri("https://a/b", "//c/d/../e"), "https://c/e");
    // Without a base, the reference stays as written.
    EXPECT_EQ(rdf::resolve_iri("", "../g"), "../g");
    // Characters beyond ASCII and spaces pass through untouched (readers encode them).
    EXPECT_EQ(rdf::resolve_iri("http://a/b/", "Straße 1"), "http://a/b/Straße 1");
    // A path without a leading slash below an authority-less base.
    EXPECT_EQ(rdf::resolve_iri("urn:a/b", "c"), "urn:a/c");
    // The output buffer is replaced, not appended to.
    std::string out = "left over";
    rdf::resolve_iri("http://a/b/c", "d", out);
    EXPECT_EQ(out, "http://a/b/d");
}

TEST(ResolveIri, RemoveDotSegments) {
    EXPECT_EQ(rdf::remove_dot_segments("/a/b/c/./../../g"), "/a/g");
    EXPECT_EQ(rdf::remove_dot_segments("mid/content=5/../6"), "mid/6");
    EXPECT_EQ(rdf::remove_dot_segments("/.."), "/");
    EXPECT_EQ(rdf::remove_dot_segments("."), "");
    EXPECT_EQ(rdf::remove_dot_segments("/a/.."), "/");
    EXPECT_EQ(rdf::remove_dot_segments("/a/b/."), "/a/b/");
    EXPECT_EQ(rdf::remove_dot_segments("/no/dots/here"), "/no/dots/here");
}

TEST(ResolveIri, IsAbsolute) {
    EXPECT_TRUE(rdf::is_absolute_iri("http://a"));
    EXPECT_TRUE(rdf::is_absolute_iri("urn:x"));
    EXPECT_TRUE(rdf::is_absolute_iri("a+b-c.d:x"));
    EXPECT_FALSE(rdf::is_absolute_iri("1a:x"));
    EXPECT_FALSE(rdf::is_absolute_iri(":x"));
    EXPECT_FALSE(rdf::is_absolute_iri("a/b:c"));
    EXPECT_FALSE(rdf::is_absolute_iri("#a:b"));
    EXPECT_FALSE(rdf::is_absolute_iri("relative"));
    EXPECT_FALSE(rdf::is_absolute_iri(""));
}

// --- the grammar -------------------------------------------------------------

TEST(RdfXml, DescriptionWithAboutAndLiteral) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>v</ex:p></rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/p> \"v\" .\n");
}

TEST(RdfXml, TypedNodeElementAndRdfTypeAttribute) {
    EXPECT_GRAPH(doc(R"(<ex:Dataset rdf:about="http://ex.org/d" rdf:type="http://ex.org/Other"/>)"),
                 "<http://ex.org/d> <" + RDF + "type> <http://ex.org/Dataset> .\n"
                 "<http://ex.org/d> <" + RDF + "type> <http://ex.org/Other> .\n");
}

TEST(RdfXml, SingleTopLevelNodeElement) {
    EXPECT_GRAPH(R"(<?xml version="1.0"?>
<ex:Dataset xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/" rdf:about="d">
  <ex:title>T</ex:title>
</ex:Dataset>)",
                 "<http://example.org/dir/d> <" + RDF + "type> <http://ex.org/Dataset> .\n"
                 "<http://example.org/dir/d> <http://ex.org/title> \"T\" .\n");
}

TEST(RdfXml, RdfIdIsBaseHashId) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:ID="x"><ex:p>1</ex:p></rdf:Description>)"),
                 "<http://example.org/dir/doc.rdf#x> <http://ex.org/p> \"1\" .\n");
}

TEST(RdfXml, NodeIdAndAnonymousNodes) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:nodeID="a"><ex:knows rdf:nodeID="b"/></rdf:Description>
<rdf:Description rdf:nodeID="b"><ex:name>B</ex:name></rdf:Description>
<rdf:Description><ex:name>anonymous</ex:name></rdf:Description>)"),
                 "_:a <http://ex.org/knows> _:b .\n"
                 "_:b <http://ex.org/name> \"B\" .\n"
                 "_:c <http://ex.org/name> \"anonymous\" .\n");
}

TEST(RdfXml, NestedNodeElementAsObject) {
    EXPECT_GRAPH(doc(R"(<ex:Dataset rdf:about="http://ex.org/d">
  <ex:publisher>
    <ex:Organization>
      <ex:name>Stadt</ex:name>
    </ex:Organization>
  </ex:publisher>
</ex:Dataset>)"),
                 "<http://ex.org/d> <" + RDF + "type> <http://ex.org/Dataset> .\n"
                 "<http://ex.org/d> <http://ex.org/publisher> _:o .\n"
                 "_:o <" + RDF + "type> <http://ex.org/Organization> .\n"
                 "_:o <http://ex.org/name> \"Stadt\" .\n");
}

TEST(RdfXml, ResourceAndNodeIdOnPropertyElements) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="a">
  <ex:r rdf:resource="b"/>
  <ex:s rdf:resource="http://ex.org/c">  </ex:s>
  <ex:n rdf:nodeID="x"/>
</rdf:Description>)"),
                 "<http://example.org/dir/a> <http://ex.org/r> <http://example.org/dir/b> .\n"
                 "<http://example.org/dir/a> <http://ex.org/s> <http://ex.org/c> .\n"
                 "<http://example.org/dir/a> <http://ex.org/n> _:x .\n");
}

// Property attributes carry the language in scope (RDF/XML grammar 7.2.11:
// literal-language := e.language). Raptor 2.0.15 (rapper) drops it for
// property attributes, even with xml:lang on the same element; no fixture
// has this combination, so the fixture comparison below is unaffected.
TEST(RdfXml, PropertyAttributesOnNodeElements) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a" ex:title="T" ex:empty="" xml:lang="de"/>)"),
                 "<http://ex.org/a> <http://ex.org/title> \"T\"@de .\n"
                 "<http://ex.org/a> <http://ex.org/empty> \"\"@de .\n");
}

TEST(RdfXml, PropertyAttributesOnEmptyPropertyElementDescribeANewNode) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a">
  <ex:contact ex:name="N" rdf:type="http://ex.org/Kind"/>
  <ex:same rdf:resource="http://ex.org/r" ex:label="L"/>
  <ex:blank rdf:nodeID="k" ex:label="K"/>
</rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/contact> _:n .\n"
                 "_:n <http://ex.org/name> \"N\" .\n"
                 "_:n <" + RDF + "type> <http://ex.org/Kind> .\n"
                 "<http://ex.org/a> <http://ex.org/same> <http://ex.org/r> .\n"
                 "<http://ex.org/r> <http://ex.org/label> \"L\" .\n"
                 "<http://ex.org/a> <http://ex.org/blank> _:k .\n"
                 "_:k <http://ex.org/label> \"K\" .\n");
}

TEST(RdfXml, EmptyPropertyElementIsEmptyLiteral) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p/><ex:q></ex:q><ex:r xml:lang="en"/></rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/p> \"\" .\n"
                 "<http://ex.org/a> <http://ex.org/q> \"\" .\n"
                 "<http://ex.org/a> <http://ex.org/r> \"\"@en .\n");
}

TEST(RdfXml, ParseTypeResource) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a">
  <ex:period rdf:parseType="Resource">
    <ex:start rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2020-01-01</ex:start>
    <rdf:li>first</rdf:li>
  </ex:period>
</rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/period> _:p .\n"
                 "_:p <http://ex.org/start> \"2020-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
                 "_:p <" + RDF + "_1> \"first\" .\n");
}

TEST(RdfXml, ParseTypeLiteralIsExclusiveCanonicalXml) {
    const Parsed parsed = parse(doc(
        R"(<rdf:Description rdf:about="http://ex.org/a"><ex:lit rdf:parseType="Literal" xml:lang="de">a <ex:b xmlns:unused="urn:u" c="1 &amp; 2">bold &amp; <![CDATA[<x>]]></ex:b> <i xmlns="http://www.w3.org/1999/xhtml"><ex:em ex:q="2">it</ex:em></i><!--note--></ex:lit></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 1u);
    const Term& literal = parsed.triples[0].object;
    EXPECT_EQ(literal.kind, Term::Kind::literal);
    EXPECT_EQ(literal.datatype, RDF + "XMLLiteral");
    EXPECT_EQ(literal.lang, "");
    EXPECT_EQ(literal.value,
              "a <ex:b xmlns:ex=\"http://ex.org/\" c=\"1 &amp; 2\">bold &amp; &lt;x&gt;</ex:b> "
              "<i xmlns=\"http://www.w3.org/1999/xhtml\"><ex:em xmlns:ex=\"http://ex.org/\" ex:q=\"2\">it</ex:em></i>"
              "<!--note-->");
}

TEST(RdfXml, ParseTypeLiteralEmptyAndWhitespace) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:e rdf:parseType="Literal"/><ex:w rdf:parseType="Literal"> <ex:x/> </ex:w></rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/e> \"\"^^<" + RDF + "XMLLiteral> .\n"
                 "<http://ex.org/a> <http://ex.org/w> \" <ex:x xmlns:ex=\\\"http://ex.org/\\\"></ex:x> \"^^<" + RDF +
                     "XMLLiteral> .\n");
}

TEST(RdfXml, UnknownParseTypeIsLiteralWithWarning) {
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p rdf:parseType="Daft"><b>x</b></ex:p></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 1u);
    EXPECT_EQ(parsed.triples[0].object.value, "<b>x</b>");
    EXPECT_EQ(parsed.triples[0].object.datatype, RDF + "XMLLiteral");
    EXPECT_TRUE(has_warning(parsed.result, "unknown rdf:parseType 'Daft'"));
}

TEST(RdfXml, ParseTypeCollection) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a">
  <ex:list rdf:parseType="Collection">
    <rdf:Description rdf:about="http://ex.org/one"/>
    <ex:Thing rdf:nodeID="two"/>
    <rdf:Description><ex:n>3</ex:n></rdf:Description>
  </ex:list>
  <ex:none rdf:parseType="Collection"/>
</rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/list> _:l1 .\n"
                 "_:l1 <" + RDF + "first> <http://ex.org/one> .\n"
                 "_:l1 <" + RDF + "rest> _:l2 .\n"
                 "_:l2 <" + RDF + "first> _:two .\n"
                 "_:two <" + RDF + "type> <http://ex.org/Thing> .\n"
                 "_:l2 <" + RDF + "rest> _:l3 .\n"
                 "_:l3 <" + RDF + "first> _:three .\n"
                 "_:three <http://ex.org/n> \"3\" .\n"
                 "_:l3 <" + RDF + "rest> <" + RDF + "nil> .\n"
                 "<http://ex.org/a> <http://ex.org/none> <" + RDF + "nil> .\n");
}

TEST(RdfXml, LanguageInheritanceAndReset) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a" xml:lang="de">
  <ex:t>Haus</ex:t>
  <ex:t xml:lang="en">house</ex:t>
  <ex:t xml:lang="">plain</ex:t>
  <ex:n rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">5</ex:n>
  <ex:o><rdf:Description><ex:t>innen</ex:t></rdf:Description></ex:o>
</rdf:Description>
<rdf:Description rdf:about="http://ex.org/b"><ex:t>outside</ex:t></rdf:Description>)",
                     "xml:lang=\"fr\""),
                 "<http://ex.org/a> <http://ex.org/t> \"Haus\"@de .\n"
                 "<http://ex.org/a> <http://ex.org/t> \"house\"@en .\n"
                 "<http://ex.org/a> <http://ex.org/t> \"plain\" .\n"
                 "<http://ex.org/a> <http://ex.org/n> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                 "<http://ex.org/a> <http://ex.org/o> _:x .\n"
                 "_:x <http://ex.org/t> \"innen\"@de .\n"
                 "<http://ex.org/b> <http://ex.org/t> \"outside\"@fr .\n");
}

TEST(RdfXml, XmlBaseInheritance) {
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="a" xml:base="http://other.org/x/y">
  <ex:r rdf:resource="z"/>
  <ex:s rdf:resource="../up"/>
  <ex:t xml:base="sub/" rdf:resource="w"/>
  <ex:u><rdf:Description rdf:ID="i"/></ex:u>
  <ex:v rdf:resource=""/>
</rdf:Description>
<rdf:Description rdf:about="a"/>
<rdf:Description rdf:about="q"><ex:p rdf:resource="#frag"/></rdf:Description>)"),
                 "<http://other.org/x/a> <http://ex.org/r> <http://other.org/x/z> .\n"
                 "<http://other.org/x/a> <http://ex.org/s> <http://other.org/up> .\n"
                 "<http://other.org/x/a> <http://ex.org/t> <http://other.org/x/sub/w> .\n"
                 "<http://other.org/x/a> <http://ex.org/u> <http://other.org/x/y#i> .\n"
                 "<http://other.org/x/a> <http://ex.org/v> <http://other.org/x/y> .\n"
                 "<http://example.org/dir/q> <http://ex.org/p> <http://example.org/dir/doc.rdf#frag> .\n");
}

TEST(RdfXml, RdfLiNumbersPerNode) {
    EXPECT_GRAPH(doc(R"(<rdf:Bag rdf:about="http://ex.org/bag">
  <rdf:li>a</rdf:li>
  <rdf:li><rdf:Seq><rdf:li>inner</rdf:li></rdf:Seq></rdf:li>
  <rdf:li rdf:resource="http://ex.org/c"/>
</rdf:Bag>
<rdf:Alt rdf:about="http://ex.org/alt"><rdf:li>x</rdf:li></rdf:Alt>)"),
                 "<http://ex.org/bag> <" + RDF + "type> <" + RDF + "Bag> .\n"
                 "<http://ex.org/bag> <" + RDF + "_1> \"a\" .\n"
                 "<http://ex.org/bag> <" + RDF + "_2> _:s .\n"
                 "_:s <" + RDF + "type> <" + RDF + "Seq> .\n"
                 "_:s <" + RDF + "_1> \"inner\" .\n"
                 "<http://ex.org/bag> <" + RDF + "_3> <http://ex.org/c> .\n"
                 "<http://ex.org/alt> <" + RDF + "type> <" + RDF + "Alt> .\n"
                 "<http://ex.org/alt> <" + RDF + "_1> \"x\" .\n");
}

TEST(RdfXml, ReificationWithRdfIdOnPropertyElement) {
    const std::string st = "<http://example.org/dir/doc.rdf#st";
    EXPECT_GRAPH(doc(R"(<rdf:Description rdf:about="http://ex.org/a">
  <ex:p rdf:ID="st1">v</ex:p>
  <ex:q rdf:ID="st2" rdf:resource="http://ex.org/b"/>
  <ex:r rdf:ID="st3"><rdf:Description rdf:about="http://ex.org/c"/></ex:r>
</rdf:Description>)"),
                 "<http://ex.org/a> <http://ex.org/p> \"v\" .\n" +
                 st + "1> <" + RDF + "type> <" + RDF + "Statement> .\n" +
                 st + "1> <" + RDF + "subject> <http://ex.org/a> .\n" +
                 st + "1> <" + RDF + "predicate> <http://ex.org/p> .\n" +
                 st + "1> <" + RDF + "object> \"v\" .\n"
                 "<http://ex.org/a> <http://ex.org/q> <http://ex.org/b> .\n" +
                 st + "2> <" + RDF + "type> <" + RDF + "Statement> .\n" +
                 st + "2> <" + RDF + "subject> <http://ex.org/a> .\n" +
                 st + "2> <" + RDF + "predicate> <http://ex.org/q> .\n" +
                 st + "2> <" + RDF + "object> <http://ex.org/b> .\n"
                 "<http://ex.org/a> <http://ex.org/r> <http://ex.org/c> .\n" +
                 st + "3> <" + RDF + "type> <" + RDF + "Statement> .\n" +
                 st + "3> <" + RDF + "subject> <http://ex.org/a> .\n" +
                 st + "3> <" + RDF + "predicate> <http://ex.org/r> .\n" +
                 st + "3> <" + RDF + "object> <http://ex.org/c> .\n");
}

TEST(RdfXml, NamespacesAreScopedAndDefaultNamespaceWorks) {
    EXPECT_GRAPH(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://default.org/">
  <Thing rdf:about="http://ex.org/a" xmlns:p="http://first.org/">
    <p:x>1</p:x>
    <p:y xmlns:p="http://second.org/">2</p:y>
    <p:z>3</p:z>
    <name>plain</name>
  </Thing>
  <rdf:Description rdf:about="http://ex.org/b" xmlns:p="http://third.org/" p:w="4"/>
</rdf:RDF>)",
                 "<http://ex.org/a> <" + RDF + "type> <http://default.org/Thing> .\n"
                 "<http://ex.org/a> <http://first.org/x> \"1\" .\n"
                 "<http://ex.org/a> <http://second.org/y> \"2\" .\n"
                 "<http://ex.org/a> <http://first.org/z> \"3\" .\n"
                 "<http://ex.org/a> <http://default.org/name> \"plain\" .\n"
                 "<http://ex.org/b> <http://third.org/w> \"4\" .\n");
}

TEST(RdfXml, LiteralTextIsKeptExactly) {
    const Parsed parsed = parse(doc("<rdf:Description rdf:about=\"http://ex.org/a\">"
                                    "<ex:p>  two  spaces\n\tand a tab  </ex:p>"
                                    "<ex:q> </ex:q>"
                                    "<ex:r>a&amp;b &lt;c&gt; &#228;&#x20AC;</ex:r>"
                                    "<ex:s>x<!-- comment -->y<![CDATA[ <z> ]]></ex:s>"
                                    "<ex:t>a<!-- c --> </ex:t>"
                                    "<ex:u>\n</ex:u>"
                                    "</rdf:Description>"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 6u);
    EXPECT_EQ(parsed.triples[0].object.value, "  two  spaces\n\tand a tab  ");
    EXPECT_EQ(parsed.triples[1].object.value, " ");
    EXPECT_EQ(parsed.triples[2].object.value, "a&b <c> ä€");
    EXPECT_EQ(parsed.triples[3].object.value, "xy <z> ");
    EXPECT_EQ(parsed.triples[4].object.value, "a ");
    EXPECT_EQ(parsed.triples[5].object.value, "\n");
}

TEST(RdfXml, CarriageReturnsAreNormalized) {
    const Parsed parsed =
        parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://ex.org/\">\r\n"
              "<rdf:Description rdf:about=\"http://ex.org/a\" ex:attr=\"x\r\ny\">\r\n"
              "<ex:p>line one\r\nline two\rthree</ex:p>\r\n"
              "</rdf:Description>\r\n</rdf:RDF>\r\n");
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 2u);
    EXPECT_EQ(parsed.triples[0].object.value, "x y");  // attribute values: white space becomes a space
    EXPECT_EQ(parsed.triples[1].object.value, "line one\nline two\nthree");
}

TEST(RdfXml, BlankNodeLabelsNeverCollide) {
    // Document labels that look like generated ones, and ones that differ only
    // in characters N-Triples labels cannot hold.
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:nodeID="b1"><ex:p><rdf:Description><ex:q>1</ex:q></rdf:Description></ex:p></rdf:Description>
<rdf:Description rdf:nodeID="n1"><ex:p rdf:nodeID="a.b"/><ex:p rdf:nodeID="a_b"/><ex:p rdf:nodeID="a-b"/><ex:p rdf:nodeID="genid1"/></rdf:Description>
<rdf:Description><ex:p>generated</ex:p></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    std::set<std::string> labels, written;
    for (const Triple& t : parsed.triples) {
        for (const Term* term : {&t.subject, &t.object}) {
            if (term->kind == Term::Kind::blank) {
                labels.insert(term->value);
                written.insert(rdf::to_ntriples(*term));
            }
        }
    }
    // b1, the node inside it, n1, a.b, a_b, a-b, genid1, the last node.
    EXPECT_EQ(labels.size(), 8u);
    EXPECT_EQ(written.size(), 8u);
    // The same nodeID is the same node throughout the document.
    const Parsed twice = parse(doc(R"(<rdf:Description rdf:nodeID="x"><ex:p rdf:nodeID="x"/></rdf:Description>)"));
    ASSERT_EQ(twice.triples.size(), 1u);
    EXPECT_EQ(twice.triples[0].subject, twice.triples[0].object);
}

TEST(RdfXml, IrisWithSpacesAndUmlautsArePercentEncodedWithWarning) {
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a b"><ex:p rdf:resource="http://ex.org/Straße"/><ex:ok rdf:resource="http://ex.org/fine"/></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 2u);
    EXPECT_EQ(parsed.triples[0].subject.value, "http://ex.org/a%20b");
    EXPECT_EQ(parsed.triples[0].object.value, "http://ex.org/Stra%C3%9Fe");
    ASSERT_EQ(parsed.result.warnings.size(), 2u);
    EXPECT_NE(parsed.result.warnings[0].message.find("<http://ex.org/a b>"), std::string::npos);
    EXPECT_NE(parsed.result.warnings[1].message.find("<http://ex.org/Straße>"), std::string::npos);
    EXPECT_EQ(parsed.result.warnings[0].line, 4u);
    EXPECT_EQ(parsed.result.warnings[0].column, 1u);
}

TEST(RdfXml, EveryCharacterNeedingEncodingIsFoundAtEveryPosition) {
    // The reader checks IRIs sixteen bytes at a time; whatever the length and
    // position, it must agree with encode_iri.
    const std::vector<std::pair<std::string, std::string>> characters = {
        {" ", " "}, {"&#9;", "\t"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"{", "{"}, {"}", "}"},
        {"|", "|"}, {"\\", "\\"}, {"^", "^"}, {"`", "`"}, {"&#127;", "\x7F"}, {"ä", "ä"}, {"%", "%"}, {"~", "~"}};
    for (const auto& [written, raw] : characters) {
        for (std::size_t length = 1; length <= 40; ++length) {
            for (std::size_t position = 0; position < length; ++position) {
                const std::string before = "http://e.org/" + std::string(position, 'a');
                const std::string after(length - position - 1, 'b');
                const Parsed parsed = parse(doc("<rdf:Description rdf:about=\"http://ex.org/s\"><ex:p rdf:resource=\"" +
                                                before + written + after + "\"/></rdf:Description>"));
                ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
                ASSERT_EQ(parsed.triples.size(), 1u);
                const std::string expected = rdf::encode_iri(before + raw + after);
                ASSERT_EQ(parsed.triples[0].object.value, expected) << written << " at " << position;
                ASSERT_EQ(parsed.result.warnings.size(), rdf::iri_needs_encoding(before + raw + after) ? 1u : 0u)
                    << written << " at " << position << " of " << length;
            }
        }
    }
}

TEST(RdfXml, WarningsAreCappedAndCounted) {
    std::string body;
    for (int i = 0; i < 60; ++i) body += "<rdf:Description rdf:about=\"http://ex.org/a b\" ex:p=\"1\"/>\n";
    const Parsed parsed = parse(doc(body));
    ASSERT_TRUE(parsed.result.ok);
    EXPECT_EQ(parsed.triples.size(), 60u);
    ASSERT_EQ(parsed.result.warnings.size(), 51u);
    EXPECT_EQ(parsed.result.warnings.back().message, "10 more warnings");
}

TEST(RdfXml, UnqualifiedRdfAttributesAreReadWithWarning) {
    const Parsed parsed = parse(doc(R"(<ex:T about="http://ex.org/a" foo="ignored"><ex:p resource="http://ex.org/b"/></ex:T>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://ex.org/a> <" + RDF + "type> <http://ex.org/T> .\n"
                                           "<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "'about' without a namespace read as rdf:about"));
    EXPECT_TRUE(has_warning(parsed.result, "'foo' without a namespace"));
}

TEST(RdfXml, StrayTextIsIgnoredWithWarning) {
    // Raptor ignores such text as well; it cannot be part of a statement.
    const Parsed parsed = parse(doc(R"(stray <rdf:Description rdf:about="http://ex.org/a">junk<ex:p rdf:resource="http://ex.org/b">text</ex:p></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, "<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n"));
    EXPECT_TRUE(has_warning(parsed.result, "\"stray\""));
    EXPECT_TRUE(has_warning(parsed.result, "\"junk\""));
    EXPECT_TRUE(has_warning(parsed.result, "\"text\""));
}

TEST(RdfXml, TextBesideANodeElementIsReportedOnce) {
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>before<ex:N/>after</ex:p></rdf:Description>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_EQ(parsed.triples.size(), 2u);
    ASSERT_EQ(parsed.result.warnings.size(), 1u);
    EXPECT_NE(parsed.result.warnings[0].message.find("\"beforeafter\""), std::string::npos)
        << parsed.result.warnings[0].message;
}

TEST(RdfXml, Utf16DocumentWithByteOrderMark) {
    const std::string utf8 = doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>Grüße</ex:p></rdf:Description>)");
    std::string utf16 = "\xFF\xFE";  // UTF-16LE; the test text is ASCII but for ü and ß (both below U+0100)
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC3) {
            utf16 += static_cast<char>(0x40 + static_cast<unsigned char>(utf8[++i]));
        } else {
            utf16 += static_cast<char>(c);
        }
        utf16 += '\0';
    }
    const Parsed parsed = parse(utf16);
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 1u);
    EXPECT_EQ(parsed.triples[0].object.value, "Grüße");
}

TEST(RdfXml, EmptyRdfRootHasNoTriples) {
    const Parsed parsed = parse(doc(""));
    EXPECT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_EQ(parsed.result.triples, 0u);
}

TEST(RdfXml, Latin1DocumentIsReadAsDeclared) {
    const std::string text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://ex.org/\">"
                             "<rdf:Description rdf:about=\"http://ex.org/a\"><ex:p>Gr\xF6\xDF" "e</ex:p></rdf:Description></rdf:RDF>";
    const Parsed parsed = parse(text);
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 1u);
    EXPECT_EQ(parsed.triples[0].object.value, "Größe");
}

TEST(RdfXml, Utf8ByteOrderMarkIsSkipped) {
    const Parsed parsed = parse("\xEF\xBB\xBF" + doc(R"(<rdf:Description rdf:about="http://ex.org/a" ex:p="1"/>)"));
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_EQ(parsed.triples.size(), 1u);
}

TEST(RdfXml, RelativeIrisWithoutBaseStayRelative) {
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:about="a"><ex:p rdf:resource="b"/></rdf:Description>)"), "");
    ASSERT_TRUE(parsed.result.ok);
    ASSERT_EQ(parsed.triples.size(), 1u);
    EXPECT_EQ(parsed.triples[0].subject.value, "a");
    EXPECT_EQ(parsed.triples[0].object.value, "b");
}

// --- bad input -----------------------------------------------------------------

void expect_error(const Parsed& parsed, std::string_view description_part, std::size_t line, std::size_t column) {
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find(description_part), std::string::npos)
        << "description: " << parsed.result.description;
    EXPECT_EQ(parsed.result.line, line) << parsed.result.description;
    EXPECT_EQ(parsed.result.column, column) << parsed.result.description;
}

TEST(RdfXmlErrors, TruncatedDocument) {
    const std::string full = doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>text</ex:p></rdf:Description>)");
    const std::string truncated = full.substr(0, full.find("text") + 2);
    const Parsed parsed = parse(truncated);
    expect_error(parsed, "XML syntax error: unexpected end of data", 4, 54);
    // Cut inside a tag.
    const Parsed in_tag = parse(full.substr(0, full.find("rdf:about") + 5));
    EXPECT_FALSE(in_tag.result.ok);
    EXPECT_NE(in_tag.result.description.find("unexpected end of data"), std::string::npos) << in_tag.result.description;
    EXPECT_EQ(in_tag.result.line, 4u);
}

TEST(RdfXmlErrors, MismatchedEndTag) {
    const Parsed parsed = parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>text</ex:q></rdf:Description>)"));
    expect_error(parsed, "end tag </ex:q> does not match the open element", 4, 56);
}

TEST(RdfXmlErrors, HtmlErrorPage) {
    const Parsed xhtml = parse("<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n"
                               "<body><h1>Bad Gateway</h1></body>\n</html>\n");
    expect_error(xhtml, "root element <html> is not RDF/XML (expected rdf:RDF or a node element in a namespace)", 2, 1);
    const Parsed html = parse("<!DOCTYPE html>\n<html><head><meta charset=utf-8></head><body>Fehler</body></html>");
    EXPECT_FALSE(html.result.ok);
    EXPECT_NE(html.result.description.find("looks like an HTML page"), std::string::npos) << html.result.description;
    EXPECT_EQ(html.result.line, 2u);
    const Parsed namespaced = parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>");
    expect_error(namespaced, "XHTML page, not RDF/XML", 1, 1);
}

TEST(RdfXmlErrors, BinaryData) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
    const Parsed parsed = parse(png);
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_GE(parsed.result.line, 1u);
    EXPECT_GE(parsed.result.column, 1u);
    const Parsed garbage = parse(std::string("\x01\x02\x03\xff\xfe garbage", 13));
    expect_error(garbage, "no root element", 1, 1);
    const Parsed empty = parse("");
    expect_error(empty, "no root element", 1, 1);
}

TEST(RdfXmlErrors, NulInsideTheDocument) {
    std::string text = doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>text</ex:p></rdf:Description>)");
    text[text.find("text") + 2] = '\0';
    expect_error(parse(text), "NUL byte", 4, 54);
}

TEST(RdfXmlErrors, InvalidUtf8FailsAtTheFirstBadByte) {
    // Bytes FF FE inside a title: a document that declares UTF-8 (or nothing)
    // and is not UTF-8 fails there instead of handing the bytes on.
    std::string text = doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>Stra)" "\xFF\xFE" R"(e</ex:p></rdf:Description>)");
    const std::size_t offset = text.find('\xFF');
    const Parsed declared = parse(text);
    expect_error(declared, "invalid UTF-8: byte 0xFF at byte offset " + std::to_string(offset), 4, 56);
    EXPECT_TRUE(declared.triples.empty());
    // No declaration means UTF-8 too; a truncated sequence (C3 without its
    // second byte) and a stray continuation byte are found as well.
    const std::string undeclared = text.substr(text.find("<rdf:RDF"));
    expect_error(parse(undeclared), "invalid UTF-8: byte 0xFF", 3, 56);
    std::string truncated = doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>Gr)" "\xC3" R"(</ex:p></rdf:Description>)");
    expect_error(parse(truncated), "invalid UTF-8: byte 0xC3", 4, 54);
    std::string stray = doc(R"(<rdf:Description rdf:about="http://ex.org/)" "\x80" R"("/>)");
    expect_error(parse(stray), "invalid UTF-8: byte 0x80", 4, 43);
    // Valid UTF-8 of every length passes.
    const Parsed valid = parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:p>Größe € 𝄞</ex:p></rdf:Description>)"));
    ASSERT_TRUE(valid.result.ok) << valid.result.description;
    EXPECT_EQ(valid.triples.at(0).object.value, "Größe € 𝄞");
}

TEST(RdfXmlErrors, InvalidUtf8InAnUnsupportedEncodingIsAnError) {
    // An encoding the reader does not convert is read as UTF-8, with a warning;
    // bytes that are not UTF-8 are then an error, not copied into the catalogue.
    const std::string text = "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n"
                             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://ex.org/\">\n"
                             "<rdf:Description rdf:about=\"http://ex.org/a\"><ex:p>\xF0\xD2\xC9</ex:p></rdf:Description></rdf:RDF>";
    const Parsed parsed = parse(text);
    expect_error(parsed, "invalid UTF-8: byte 0xF0", 3, 52);
    EXPECT_NE(parsed.result.description.find("'KOI8-R' is not supported"), std::string::npos)
        << parsed.result.description;
}

TEST(RdfXml, Latin1DocumentWithUmlautsIsNotMistakenForInvalidUtf8) {
    // ISO-8859-1 bytes are invalid UTF-8 (F6 alone, DC alone); the declaration decides.
    const std::string text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
                             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                             "xmlns:dct=\"http://purl.org/dc/terms/\">\n"
                             "<rdf:Description rdf:about=\"http://ex.org/a\">"
                             "<dct:title xml:lang=\"de\">Gew\xE4sser\xFC" "bersicht K\xF6ln \xC4\xD6\xDC\xDF</dct:title>"
                             "<dct:description>Stra\xDF" "enb\xE4ume</dct:description></rdf:Description></rdf:RDF>";
    const Parsed parsed = parse(text);
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    ASSERT_EQ(parsed.triples.size(), 2u);
    EXPECT_EQ(parsed.triples[0].object.value, "Gewässerübersicht Köln ÄÖÜß");
    EXPECT_EQ(parsed.triples[0].object.lang, "de");
    EXPECT_EQ(parsed.triples[1].object.value, "Straßenbäume");
}

TEST(RdfXmlErrors, UndeclaredPrefix) {
    expect_error(parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><dct:title>x</dct:title></rdf:Description>)")),
                 "undeclared namespace prefix 'dct' in element <dct:title>", 4, 46);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a" dct:title="x"/>)")),
                 "undeclared namespace prefix 'dct' in attribute dct:title", 4, 1);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><ex:l rdf:parseType="Literal"><q:b/></ex:l></rdf:Description>)")),
                 "undeclared namespace prefix 'q'", 4, 76);
}

TEST(RdfXmlErrors, ElementWithoutNamespace) {
    expect_error(parse(doc(R"(<Dataset rdf:about="http://ex.org/a"/>)")),
                 "element <Dataset> has no namespace", 4, 1);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="http://ex.org/a"><title>x</title></rdf:Description>)")),
                 "element <title> has no namespace", 4, 46);
}

TEST(RdfXmlErrors, RootWithoutRdfNamespace) {
    expect_error(parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>"),
                 "root element <feed> is not RDF/XML", 1, 1);
    expect_error(parse("<?xml version=\"1.0\"?>\n<catalog><item/></catalog>"),
                 "root element <catalog> is not RDF/XML (expected rdf:RDF or a node element in a namespace)", 2, 1);
}

TEST(RdfXmlErrors, GrammarViolations) {
    // Striping broken: a class used as a property holding two nodes (a real portal's mistake).
    expect_error(parse(doc(R"(<ex:Catalog rdf:about="http://ex.org/c"><ex:Dataset><ex:A/><ex:B/></ex:Dataset></ex:Catalog>)")),
                 "contains more than one node element", 4, 41);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a" rdf:nodeID="b"/>)")), "more than one of rdf:about", 4, 1);
    expect_error(parse(doc(R"(<rdf:li rdf:about="a"/>)")), "rdf:li is not allowed as a node element", 4, 1);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a"><rdf:Description/></rdf:Description>)")),
                 "rdf:Description is not allowed as a property element", 4, 32);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a"><ex:p rdf:resource="b" rdf:nodeID="c"/></rdf:Description>)")),
                 "both rdf:resource and rdf:nodeID", 4, 32);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a"><ex:p rdf:parseType="Resource" ex:q="1"/></rdf:Description>)")),
                 "may have no attributes but rdf:ID", 4, 32);
    expect_error(parse(doc(R"(<rdf:RDF/>)")), "rdf:RDF is only allowed as the root element", 4, 1);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a"/>)") + "<rdf:RDF/>"), "a second root element", 6, 1);
    expect_error(parse(doc(R"(<rdf:Description rdf:about="a"/>)") + "trailing"), "text after the root element", 6, 1);
    expect_error(parse(doc(R"(<ex:a:b/>)")), "malformed element name", 4, 1);
}

TEST(RdfXmlErrors, DepthBomb) {
    constexpr int levels = 100000;
    std::string text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://ex.org/\">\n";
    for (int i = 0; i < levels / 2; ++i) text += "<rdf:Description><ex:p>";
    for (int i = 0; i < levels / 2; ++i) text += "</ex:p></rdf:Description>";
    text += "\n</rdf:RDF>\n";
    const Parsed parsed = parse(text);
    // rdf:RDF is level 1, the k-th rdf:Description level 2k, its ex:p level
    // 2k+1: level 257 is the 128th ex:p, 17 characters into its 23-character pair.
    expect_error(parsed, "elements nested deeper than 256 levels", 2, 1 + 127 * 23 + 17);
    // The same inside an XML literal.
    std::string literal = doc("<rdf:Description><ex:p rdf:parseType=\"Literal\">");
    literal.resize(literal.size() - std::string("\n</rdf:RDF>\n").size());
    for (int i = 0; i < levels; ++i) literal += "<ex:x>";
    for (int i = 0; i < levels; ++i) literal += "</ex:x>";
    literal += "</ex:p></rdf:Description></rdf:RDF>";
    const Parsed deep_literal = parse(literal);
    EXPECT_FALSE(deep_literal.result.ok);
    EXPECT_NE(deep_literal.result.description.find("nested deeper"), std::string::npos);
    // A raised limit is honoured.
    EXPECT_TRUE(parse(text, BASE, levels + 10).result.ok);
}

TEST(RdfXmlErrors, EntityBombFailsThePage) {
    const std::string text = R"(<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
  <rdf:Description rdf:about="http://ex.org/a" ex:attr="&lol9;"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
)";
    const Parsed parsed = parse(text);
    EXPECT_FALSE(parsed.result.ok);
    EXPECT_TRUE(parsed.triples.empty());
    EXPECT_NE(parsed.result.description.find("entity references expand to more than 1048576 bytes (an entity bomb?)"),
              std::string::npos)
        << parsed.result.description;
    // The first reference that went over the budget, as written.
    EXPECT_EQ(parsed.result.line, 15u);
    EXPECT_EQ(parsed.result.column, 57u);
}

TEST(RdfXmlErrors, ExternalEntitiesAreNeverRead) {
    const std::string text = R"(<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY ext SYSTEM "file:///etc/passwd"> <!ENTITY ex "http://ex.org/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;">
  <rdf:Description rdf:about="&ex;a"><ex:q>&ext;</ex:q></rdf:Description>
</rdf:RDF>
)";
    const Parsed parsed = parse(text);
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    EXPECT_TRUE(same_graph(parsed.triples, R"(<http://ex.org/a> <http://ex.org/q> "&ext;" .)"));
    ASSERT_EQ(parsed.result.warnings.size(), 2u);
    EXPECT_EQ(parsed.result.warnings[0].message,
              "the DOCTYPE declares the external entity 'ext' (SYSTEM \"file:///etc/passwd\"); it is never read, "
              "references to it stay as written");
    EXPECT_EQ(parsed.result.warnings[0].line, 2u);
    EXPECT_EQ(parsed.result.warnings[0].column, 21u);
    EXPECT_EQ(parsed.result.warnings[1].message, "the external entity '&ext;' is not read; the reference stays as written");
    EXPECT_EQ(parsed.result.warnings[1].line, 4u);
    EXPECT_EQ(parsed.result.warnings[1].column, 44u);
}

/// A document as ontology editors write it: namespaces and datatypes through
/// entities, one entity built from another, quotes and markup characters in
/// replacement texts, references in comments and CDATA sections that stay.
const std::string k_entities_document = R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rdf:RDF [
  <!-- namespaces -->
  <!ENTITY rdf "http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <!ENTITY xsd 'http://www.w3.org/2001/XMLSchema#'>
  <!ENTITY dcat "http://www.w3.org/ns/dcat#">
  <!ENTITY dct "http://purl.org/dc/terms/">
  <!ENTITY base "https://daten.example.de/">
  <!ENTITY ds "&base;dataset/">
  <!ENTITY name "Baumkataster &amp; Grünflächen">
  <!ENTITY said 'Sie sagte "ja"'>
  <!ELEMENT rdf:RDF ANY>
]>
<rdf:RDF xmlns:rdf="&rdf;" xmlns:dcat="&dcat;" xmlns:dct="&dct;" xml:base="&base;">
  <dcat:Dataset rdf:about="&ds;baeume" dct:alternative="&said;">
    <dct:title>&name;</dct:title>
    <dct:description>&said; &#38; &lt;b&gt; <![CDATA[&name; bleibt]]><!-- &name; --> Ende</dct:description>
    <dct:issued rdf:datatype="&xsd;date">2024-01-31</dct:issued>
    <dcat:distribution rdf:resource="distribution/&name;"/>
  </dcat:Dataset>
</rdf:RDF>
)";

TEST(RdfXmlEntities, DeclaredEntitiesAreExpanded) {
    const Parsed parsed = parse(k_entities_document);
    ASSERT_TRUE(parsed.result.ok) << parsed.result.description;
    // The one warning is about the IRI an entity completed, at the attribute that used it.
    ASSERT_EQ(parsed.result.warnings.size(), 1u);
    EXPECT_TRUE(parsed.result.warnings[0].message.starts_with(
        "IRI <https://daten.example.de/distribution/Baumkataster & Grünflächen> contains"))
        << parsed.result.warnings[0].message;
    EXPECT_EQ(parsed.result.warnings[0].line, 19u);
    EXPECT_TRUE(same_graph(parsed.triples, R"(
<https://daten.example.de/dataset/baeume> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .
<https://daten.example.de/dataset/baeume> <http://purl.org/dc/terms/alternative> "Sie sagte \"ja\"" .
<https://daten.example.de/dataset/baeume> <http://purl.org/dc/terms/title> "Baumkataster & Gr\u00FCnfl\u00E4chen" .
<https://daten.example.de/dataset/baeume> <http://purl.org/dc/terms/description> "Sie sagte \"ja\" & <b> &name; bleibt Ende" .
<https://daten.example.de/dataset/baeume> <http://purl.org/dc/terms/issued> "2024-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://daten.example.de/dataset/baeume> <http://www.w3.org/ns/dcat#distribution> <https://daten.example.de/distribution/Baumkataster%20&%20Gr%C3%BCnfl%C3%A4chen> .
)"));
}

TEST(RdfXmlEntities, EncodingsByteOrderMarksAndLineEndsGoWithExpansion) {
    const std::string subset = "<!DOCTYPE rdf:RDF [ <!ENTITY ex \"http://ex.org/\"> <!ENTITY t \"Gr\xC3\xBCn\"> ]>";
    const std::string root = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"&ex;\">"
                             "<rdf:Description rdf:about=\"&ex;a\"><ex:p>&t;</ex:p></rdf:Description></rdf:RDF>";
    const std::string expected = "<http://ex.org/a> <http://ex.org/p> \"Gr\\u00FCn\" .";
    // A byte order mark before the XML declaration.
    const Parsed bom = parse("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n" + subset + "\n" + root);
    ASSERT_TRUE(bom.result.ok) << bom.result.description;
    EXPECT_TRUE(same_graph(bom.triples, expected));
    // Latin-1: converted first, so the entity's value is UTF-8 like the rest.
    std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + subset + "\n" + root;
    latin1.replace(latin1.find("Gr\xC3\xBCn"), 5, "Gr\xFCn");
    const Parsed converted = parse(latin1);
    ASSERT_TRUE(converted.result.ok) << converted.result.description;
    EXPECT_TRUE(same_graph(converted.triples, expected));
    // CR LF line ends, and an error after the expansions: its line and column are as delivered.
    const std::string crlf = "<?xml version=\"1.0\"?>\r\n" + subset + "\r\n" +
                             root.substr(0, root.find("</rdf:RDF>")) + "\r\n<ex:q>&t;&t;</ex:wrong>\r\n</rdf:RDF>\r\n";
    const Parsed broken = parse(crlf);
    ASSERT_FALSE(broken.result.ok);
    EXPECT_EQ(broken.result.line, 4u) << broken.result.description;
    EXPECT_EQ(broken.result.column, 13u) << broken.result.description;  // the "</" of </ex:wrong>
}

TEST(RdfXmlEntities, InvalidUtf8IsReportedWhereItIsInThePage) {
    std::string text = doc("<rdf:Description rdf:about=\"&ex;a\" ex:p=\"&ex;&ex;&ex;\"/><ex:T rdf:about=\"x\">\xFF</ex:T>");
    text.insert(text.find("<rdf:RDF"), "<!DOCTYPE rdf:RDF [ <!ENTITY ex \"http://ex.org/a-long-namespace/\"> ]>\n");
    const Parsed parsed = parse(text);
    ASSERT_FALSE(parsed.result.ok);
    EXPECT_NE(parsed.result.description.find("byte offset " + std::to_string(text.find('\xFF'))), std::string::npos)
        << parsed.result.description;
}

TEST(RdfXmlEntities, PositionsAreThoseOfTheDocumentAsDelivered) {
    // A syntax error on the line after an expansion that added 40 characters,
    // and a warning on the same line as one.
    const std::string text = "<?xml version=\"1.0\"?>\n"
                             "<!DOCTYPE rdf:RDF [ <!ENTITY ex \"http://ex.org/a-long-namespace-of-forty-characters/\"> ]>\n"
                             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"&ex;\">\n"
                             "  <rdf:Description rdf:about=\"&ex;a\" ex:p=\"1\"><ex:q rdf:parseType=\"Odd\">x</ex:q>\n"
                             "  </rdf:Description><ex:broken></ex:wrong>\n"
                             "</rdf:RDF>\n";
    const Parsed parsed = parse(text);
    ASSERT_FALSE(parsed.result.ok);
    EXPECT_EQ(parsed.result.line, 5u) << parsed.result.description;
    EXPECT_EQ(parsed.result.column, std::string("  </rdf:Description><ex:broken>").size() + 1)
        << parsed.result.description;
    const Parsed warned = parse(text.substr(0, text.find("<ex:broken")) + "\n</rdf:RDF>\n");
    ASSERT_TRUE(warned.result.ok) << warned.result.description;
    ASSERT_FALSE(warned.result.warnings.empty());
    EXPECT_EQ(warned.result.warnings[0].line, 4u);
    EXPECT_EQ(warned.result.warnings[0].column, text.substr(text.find("  <rdf:Description")).find("<ex:q") + 1)
        << warned.result.warnings[0].message;
}

TEST(RdfXmlErrors, HandlerExceptionPropagates) {
    const std::string text = doc(R"(<rdf:Description rdf:about="http://ex.org/a" ex:p="1" ex:q="2" ex:r="3"/>)");
    int calls = 0;
    EXPECT_THROW(rdf::read_rdfxml(text, rdf::ReadOptions{},
                                  [&](const Triple&) {
                                      if (++calls == 2) throw std::runtime_error("store full");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(calls, 2);
}

TEST(RdfXmlErrors, ErrorsNeverThrow) {
    // A handful of mangled variants of a real document: each must come back as a value.
    const std::string full = doc(R"(<ex:D rdf:about="a" ex:x="1"><ex:p rdf:parseType="Resource"><ex:q>1</ex:q></ex:p><ex:l rdf:parseType="Collection"><ex:N/></ex:l></ex:D>)");
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        EXPECT_NO_THROW(parse(full.substr(0, cut))) << cut;
        std::string flipped = full;
        if (cut < flipped.size()) flipped[cut] = '<';
        EXPECT_NO_THROW(parse(flipped)) << cut;
    }
}

// --- fixtures: the same triples as Raptor ----------------------------------------

const std::filesystem::path fixtures_dir = std::filesystem::path(ERNTE_TEST_DATA) / "fixtures";

std::vector<std::string> rdfxml_fixtures() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixtures_dir)) {
        const std::string extension = entry.path().extension().string();
        if (entry.is_regular_file() && (extension == ".rdf" || extension == ".xml")) {
            files.push_back(std::filesystem::relative(entry.path(), fixtures_dir).string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool rapper_available() {
    static const bool available = std::system("rapper --version >/dev/null 2>&1") == 0;
    return available;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

struct RapperRun {
    bool ok = false;
    std::string out;
    std::string err;
};

RapperRun run_rapper(const std::string& arguments) {
    const std::filesystem::path err_file =
        std::filesystem::temp_directory_path() /
        ("ernte-rapper-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()) + ".err");
    RapperRun run;
    FILE* pipe = popen(("rapper " + arguments + " 2>" + quoted(err_file.string())).c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    run.ok = pclose(pipe) == 0;
    run.err = read_file(err_file);
    std::filesystem::remove(err_file);
    return run;
}

/// Raptor writes characters an IRI may not contain (spaces, umlauts) as
/// \uXXXX escapes inside <...>, which N-Triples forbids there; rewrite them
/// as the percent-encoding ernte applies, so both sides can be compared.
std::string percent_encode_escaped_iris(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool in_literal = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_literal) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == '"') {
                in_literal = false;
            }
        } else if (c == '"') {
            in_literal = true;
            out += c;
        } else if (c == '<') {
            const std::size_t end = text.find('>', i);
            std::string iri;
            for (std::size_t j = i + 1; j < end; ++j) {
                if (text[j] == '\\' && j + 1 < end && (text[j + 1] == 'u' || text[j + 1] == 'U')) {
                    const std::size_t digits = text[j + 1] == 'u' ? 4 : 8;
                    append_utf8(iri, static_cast<std::uint32_t>(std::stoul(std::string(text.substr(j + 2, digits)), nullptr, 16)));
                    j += 1 + digits;
                } else {
                    iri += text[j];
                }
            }
            out += '<';
            out += rdf::encode_iri(iri);
            out += '>';
            i = end;
        } else {
            out += c;
        }
    }
    return out;
}

/// A statement for comparing with Raptor: blank labels erased (both sides name
/// them differently) and language tags lower-cased (Raptor lower-cases them,
/// ernte keeps them as written; tags compare case-insensitively in RDF).
std::string comparable(Triple t) {
    for (Term* term : {&t.subject, &t.object}) {
        if (term->kind == Term::Kind::blank) term->value = "x";
    }
    std::transform(t.object.lang.begin(), t.object.lang.end(), t.object.lang.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return rdf::to_ntriples(t);
}

void expect_same_statements_as_rapper(const std::filesystem::path& file, const std::string& base,
                                      const RapperRun& count, const Parsed& parsed);

class RdfXmlFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RdfXmlFixture, SameTriplesAsRapper) {
    if (!rapper_available()) GTEST_SKIP() << "rapper (Raptor) is not installed; apt-get install raptor2-utils";
    const std::filesystem::path file = fixtures_dir / GetParam();
    const std::string base = "http://example.org/fixtures/" + GetParam();

    const RapperRun count = run_rapper("-i rdfxml -c " + quoted(file.string()) + " " + quoted(base));
    const Parsed parsed = parse(read_file(file), base);

    if (!count.ok) {
        // Raptor rejects the file: ernte must reject it too, and say where.
        EXPECT_FALSE(parsed.result.ok) << "rapper failed:\n" << count.err;
        EXPECT_GT(parsed.result.line, 0u);
        EXPECT_GT(parsed.result.column, 0u);
        EXPECT_FALSE(parsed.result.description.empty());
        return;
    }
    expect_same_statements_as_rapper(file, base, count, parsed);
}

/// `parsed` (ernte's reading of `file`) has the statements rapper reads, and
/// as many as `count` (rapper -c) says.
void expect_same_statements_as_rapper(const std::filesystem::path& file, const std::string& base,
                                      const RapperRun& count, const Parsed& parsed) {
    const std::string marker = "Parsing returned ";
    const std::size_t at = count.err.find(marker);
    ASSERT_NE(at, std::string::npos) << count.err;
    const std::size_t expected = std::stoul(count.err.substr(at + marker.size()));

    ASSERT_TRUE(parsed.result.ok) << parsed.result.description << " at " << parsed.result.line << ":"
                                  << parsed.result.column;
    EXPECT_EQ(parsed.result.triples, expected);
    EXPECT_EQ(parsed.triples.size(), expected);

    // Beyond the count: the statements themselves, up to blank-node names.
    const RapperRun statements = run_rapper("-q -i rdfxml -o ntriples " + quoted(file.string()) + " " + quoted(base));
    ASSERT_TRUE(statements.ok) << statements.err;
    std::multiset<std::string> theirs, ours;
    for (const Triple& t : ntriples(percent_encode_escaped_iris(statements.out))) theirs.insert(comparable(t));
    for (const Triple& t : parsed.triples) ours.insert(comparable(t));
    std::vector<std::string> only_ours, only_theirs;
    std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(only_ours));
    std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(), std::back_inserter(only_theirs));
    std::string report;
    for (std::size_t i = 0; i < std::min<std::size_t>(only_ours.size(), 10); ++i) report += "  ernte:  " + only_ours[i];
    for (std::size_t i = 0; i < std::min<std::size_t>(only_theirs.size(), 10); ++i) report += "  rapper: " + only_theirs[i];
    EXPECT_TRUE(only_ours.empty() && only_theirs.empty()) << report;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RdfXmlFixture, ::testing::ValuesIn(rdfxml_fixtures()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string name;
                             for (const char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(RdfXmlEntities, SameStatementsAsRapper) {
    if (!rapper_available()) GTEST_SKIP() << "rapper (Raptor) is not installed; apt-get install raptor2-utils";
    const ernte::testsupport::TempDir folder("ernte-entities");
    const std::filesystem::path file = folder.path() / "entities.rdf";
    std::ofstream(file, std::ios::binary) << k_entities_document;
    const RapperRun count = run_rapper("-i rdfxml -c " + quoted(file.string()) + " " + quoted(BASE));
    ASSERT_TRUE(count.ok) << count.err;
    expect_same_statements_as_rapper(file, BASE, count, parse(k_entities_document));
}

TEST(RdfXmlFixtures, AllFound) {
    // The fixture README lists 37 RDF/XML files; a lost directory must not pass silently.
    EXPECT_GE(rdfxml_fixtures().size(), 37u);
}

// --- speed: run with --gtest_also_run_disabled_tests ------------------------------

/// The Bremen catalogue repeated to about 50 MB inside one rdf:RDF.
std::filesystem::path benchmark_file() {
    const std::filesystem::path path = std::filesystem::temp_directory_path() / "ernte-rdfxml-bench.rdf";
    if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 40'000'000) return path;
    const std::string source = read_file(
        fixtures_dir /
        "GovDataOfficial__DCAT-AP.de-SHACL-Validation/testcases/dashboard/bremen-catalog-original-input.rdf");
    const std::size_t open_end = source.find('>', source.find("<rdf:RDF")) + 1;
    const std::size_t close = source.rfind("</rdf:RDF>");
    const std::string head = source.substr(0, open_end);
    const std::string body = source.substr(open_end, close - open_end);
    std::ofstream out(path, std::ios::binary);
    out << head;
    for (std::size_t written = 0; written < 50'000'000; written += body.size()) out << body;
    out << "</rdf:RDF>\n";
    return path;
}

TEST(RdfXmlSpeed, DISABLED_AgainstRapper) {
    const std::filesystem::path file = benchmark_file();
    const std::string text = read_file(file);
    const std::string base = "http://example.org/bench.rdf";
    double best = 1e9;
    std::size_t triples = 0;
    for (int round = 0; round < 3; ++round) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t count = 0;
        rdf::ReadOptions options;
        options.base_iri = base;
        const rdf::ParseResult result = rdf::read_rdfxml(text, options, [&](const Triple&) { ++count; });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        ASSERT_TRUE(result.ok) << result.description;
        best = std::min(best, seconds);
        triples = count;
    }
    std::printf("ernte read_rdfxml: %zu bytes, %zu triples, best of 3: %.3f s (%.1f MB/s)\n", text.size(), triples,
                best, static_cast<double>(text.size()) / best / 1e6);
    if (rapper_available()) {
        const auto start = std::chrono::steady_clock::now();
        const RapperRun run = run_rapper("-i rdfxml -c " + quoted(file.string()) + " " + quoted(base));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("rapper -i rdfxml -c: %.3f s (%s)\n", seconds,
                    run.err.substr(run.err.find("Parsing returned")).c_str());
    }
}

}  // namespace
