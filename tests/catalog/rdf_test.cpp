// The RDF basics every reader and the DCAT harvester share: syntax
// detection, the page graph, N-Triples output, and the Turtle reader.

#include "catalog/rdf.hpp"
#include "catalog/turtle_reader.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace ernte::catalog::rdf;

namespace {

Term iri(std::string v) { return {Term::Kind::iri, std::move(v), {}, {}}; }
Term blank(std::string v) { return {Term::Kind::blank, std::move(v), {}, {}}; }
Term literal(std::string v, std::string lang = {}, std::string type = {}) {
    return {Term::Kind::literal, std::move(v), std::move(type), std::move(lang)};
}

std::vector<Triple> read_all(Syntax syntax, std::string_view text, ParseResult* result = nullptr) {
    std::vector<Triple> out;
    ReadOptions options;
    options.base_iri = "http://base.example/dir/page.ttl";
    ParseResult r = read(syntax, text, options, [&](const Triple& t) { out.push_back(t); });
    if (result) *result = std::move(r);
    return out;
}

TEST(SyntaxDetectionTest, ContentTypesNameTheSyntax) {
    EXPECT_EQ(syntax_from_content_type("application/rdf+xml; charset=utf-8"), Syntax::rdfxml);
    EXPECT_EQ(syntax_from_content_type("text/turtle"), Syntax::turtle);
    EXPECT_EQ(syntax_from_content_type("Text/Turtle;charset=UTF-8"), Syntax::turtle);
    EXPECT_EQ(syntax_from_content_type("application/n-triples"), Syntax::ntriples);
    EXPECT_EQ(syntax_from_content_type("application/ld+json"), Syntax::jsonld);
    EXPECT_EQ(syntax_from_content_type("application/xml"), Syntax::unknown);  // generic: the body decides
    EXPECT_EQ(syntax_from_content_type("application/octet-stream"), Syntax::unknown);
}

TEST(SyntaxDetectionTest, ExtensionsNameTheSyntax) {
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.rdf?page=2"), Syntax::rdfxml);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.xml"), Syntax::rdfxml);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.TTL"), Syntax::turtle);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.nt"), Syntax::ntriples);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.jsonld#x"), Syntax::jsonld);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog.ttl.gz"), Syntax::turtle);
    EXPECT_EQ(syntax_from_url("https://p.example/catalog"), Syntax::unknown);
}

TEST(SyntaxDetectionTest, SniffingLooksAtTheFirstBytes) {
    EXPECT_EQ(sniff_syntax("\xEF\xBB\xBF  <?xml version=\"1.0\"?><rdf:RDF/>"), Syntax::rdfxml);
    EXPECT_EQ(sniff_syntax("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>"), Syntax::rdfxml);
    EXPECT_EQ(sniff_syntax("\n{\"@context\": {}}"), Syntax::jsonld);
    EXPECT_EQ(sniff_syntax("[{\"@id\": \"x\"}]"), Syntax::jsonld);
    EXPECT_EQ(sniff_syntax("@prefix dcat: <http://www.w3.org/ns/dcat#> ."), Syntax::turtle);
    EXPECT_EQ(sniff_syntax("<http://a.example/s> <http://a.example/p> \"o\" ."), Syntax::turtle);
    EXPECT_EQ(sniff_syntax("<!DOCTYPE html><html><body>Fehler</body></html>"), Syntax::unknown);
    EXPECT_EQ(sniff_syntax("<html><head><title>503</title></head></html>"), Syntax::unknown);
    EXPECT_EQ(sniff_syntax("   \n"), Syntax::unknown);
}

TEST(SyntaxDetectionTest, TheBodyOverrulesAContradictingContentType) {
    EXPECT_EQ(detect_syntax("text/turtle", "https://p.example/x", "@prefix a: <http://a/> ."), Syntax::turtle);
    EXPECT_EQ(detect_syntax("application/rdf+xml", "https://p.example/x", "{\"@graph\": []}"), Syntax::jsonld);
    EXPECT_EQ(detect_syntax("application/json", "https://p.example/catalog.rdf", "<rdf:RDF/>"), Syntax::rdfxml);
    EXPECT_EQ(detect_syntax("", "https://p.example/catalog.nt", "<http://a/s> <http://a/p> <http://a/o> ."),
              Syntax::ntriples);
    EXPECT_EQ(detect_syntax("text/html", "https://p.example/catalog.rdf", "<html><body>x</body></html>"),
              Syntax::unknown);
}

TEST(RdfReadTest, AnUnknownSyntaxIsAnErrorNotAnException) {
    ParseResult r;
    read_all(Syntax::unknown, "whatever", &r);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.description.find("not RDF"), std::string::npos);
}

TEST(EncodeIriTest, SpacesAndUmlautsArePercentEncodedOnce) {
    EXPECT_EQ(encode_iri("https://p.example/a b"), "https://p.example/a%20b");
    EXPECT_EQ(encode_iri("https://p.example/Straßen/Köln"), "https://p.example/Stra%C3%9Fen/K%C3%B6ln");
    EXPECT_EQ(encode_iri("https://p.example/a%20b"), "https://p.example/a%20b");
    EXPECT_FALSE(iri_needs_encoding("https://p.example/ok?x=1#f"));
    EXPECT_TRUE(iri_needs_encoding("https://p.example/{x}"));
}

TEST(NTriplesTest, TermsAreEscaped) {
    EXPECT_EQ(to_ntriples(iri("http://a.example/x y")), "<http://a.example/x%20y>");
    EXPECT_EQ(to_ntriples(blank("b1")), "_:b1");
    EXPECT_EQ(to_ntriples(literal("a \"q\" \\ \n\t")), "\"a \\\"q\\\" \\\\ \\n\\t\"");
    EXPECT_EQ(to_ntriples(literal("Haus", "de")), "\"Haus\"@de");
    EXPECT_EQ(to_ntriples(literal("5", {}, "http://www.w3.org/2001/XMLSchema#integer")),
              "\"5\"^^<http://www.w3.org/2001/XMLSchema#integer>");
    EXPECT_EQ(to_ntriples(literal("x", {}, "http://www.w3.org/2001/XMLSchema#string")), "\"x\"");
    EXPECT_EQ(to_ntriples(Triple{iri("http://a/s"), iri("http://a/p"), literal("\x01")}),
              "<http://a/s> <http://a/p> \"\\u0001\" .\n");
}

TEST(GraphTest, IndexesBySubjectAndDropsDuplicates) {
    Graph g;
    g.add({iri("http://a/d"), iri(std::string(rdf_type)), iri("http://www.w3.org/ns/dcat#Dataset")});
    g.add({iri("http://a/d"), iri("http://purl.org/dc/terms/title"), literal("T", "de")});
    g.add({iri("http://a/d"), iri("http://purl.org/dc/terms/title"), literal("T", "de")});
    g.add({iri("http://a/d"), iri("http://purl.org/dc/terms/title"), literal("T", "en")});
    g.add({blank("d"), iri("http://purl.org/dc/terms/title"), literal("blank")});
    EXPECT_EQ(g.size(), 4u);
    EXPECT_EQ(g.about(iri("http://a/d")).size(), 3u);
    EXPECT_EQ(g.objects(iri("http://a/d"), "http://purl.org/dc/terms/title").size(), 2u);
    ASSERT_NE(g.object(blank("d"), "http://purl.org/dc/terms/title"), nullptr);
    EXPECT_EQ(g.object(blank("d"), "http://purl.org/dc/terms/title")->value, "blank");
    EXPECT_TRUE(g.about(iri("d")).empty());  // an IRI and a blank node with the same text differ
    EXPECT_TRUE(g.has_type(iri("http://a/d"), "http://www.w3.org/ns/dcat#Dataset"));
    EXPECT_EQ(g.subjects_of_type("http://www.w3.org/ns/dcat#Dataset"), std::vector<Term>{iri("http://a/d")});
}

TEST(TurtleReaderTest, ExpandsPrefixesAndResolvesRelativeIris) {
    ParseResult r;
    const auto triples = read_all(Syntax::turtle, R"(
        @prefix dct: <http://purl.org/dc/terms/> .
        <d1> dct:title "Titel"@de ; dct:issued "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> ;
             dct:publisher [ dct:title "Amt" ] .
    )", &r);
    ASSERT_TRUE(r.ok) << r.description;
    ASSERT_EQ(triples.size(), 4u);
    EXPECT_EQ(r.triples, 4u);
    EXPECT_EQ(triples[0].subject, iri("http://base.example/dir/d1"));
    EXPECT_EQ(triples[0].object, literal("Titel", "de"));
    EXPECT_EQ(triples[1].object.datatype, "http://www.w3.org/2001/XMLSchema#date");
    EXPECT_EQ(triples[2].object.kind, Term::Kind::blank);
    EXPECT_EQ(triples[3].subject, triples[2].object);
}

TEST(TurtleReaderTest, IrisWithSpacesAreEncodedWithAWarning) {
    ParseResult r;
    const auto triples =
        read_all(Syntax::turtle, "<http://a.example/Bebauungsplan Nord> <http://a.example/p> <http://a.example/ö> .", &r);
    ASSERT_TRUE(r.ok) << r.description;
    ASSERT_EQ(triples.size(), 1u);
    EXPECT_EQ(triples[0].subject.value, "http://a.example/Bebauungsplan%20Nord");
    EXPECT_EQ(triples[0].object.value, "http://a.example/%C3%B6");
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_EQ(r.warnings[0].value, "http://a.example/Bebauungsplan Nord");
    EXPECT_NE(r.warnings[0].message.find("percent-encoded"), std::string::npos);
}

TEST(TurtleReaderTest, SyntaxErrorsHaveLineAndColumn) {
    ParseResult r;
    read_all(Syntax::turtle, "@prefix a: <http://a/> .\na:s a:p a:o ;\n  a:q \"unterminated .\n", &r);
    EXPECT_FALSE(r.ok);
    EXPECT_GE(r.line, 3u);
    EXPECT_FALSE(r.description.empty());

    read_all(Syntax::turtle, "<html><body>Fehler 500</body></html>", &r);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.line, 1u);

    read_all(Syntax::turtle, std::string("<http://a/s> <http://a/p> \"x\0y\" .", 31), &r);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.description.find("NUL"), std::string::npos);
}

TEST(TurtleReaderTest, NestingDeeperThanTheLimitIsRefusedWithItsPlace) {
    // serd reads nested blank nodes and collections recursively: 100,000
    // levels would overflow the stack, so the reader refuses them first.
    auto nested = [](std::size_t levels, char open, char close) {
        std::string text = "@prefix a: <http://a/> .\na:s a:p ";
        for (std::size_t i = 0; i < levels; ++i) text += open == '[' ? "[ a:p " : "( ";
        text += "a:o ";
        for (std::size_t i = 0; i < levels; ++i) text += close;
        return text + " .\n";
    };
    ParseResult r;
    const auto triples = read_all(Syntax::turtle, nested(256, '[', ']'), &r);
    EXPECT_TRUE(r.ok) << r.description;
    EXPECT_EQ(triples.size(), 257u);

    for (const auto& [open, close] : {std::pair{'[', ']'}, std::pair{'(', ')'}}) {
        read_all(Syntax::turtle, nested(100000, open, close), &r);
        EXPECT_FALSE(r.ok);
        EXPECT_NE(r.description.find("nested deeper than 256 levels"), std::string::npos) << r.description;
        EXPECT_EQ(r.line, 2u);
        EXPECT_GT(r.column, 256u * 2);
    }

    // Brackets inside strings, comments and IRIs are not nesting.
    const std::string deep(1000, '[');
    const std::string text = "<http://a/s> <http://a/p> \"" + deep + "\" , '''" + deep + "''' ;\n" +
                             "  <http://a/q> <http://a/" + std::string(1000, '(') + "> . # " + deep + "\n";
    const auto plain = read_all(Syntax::turtle, text, &r);
    EXPECT_TRUE(r.ok) << r.description;
    EXPECT_EQ(plain.size(), 3u);
}

TEST(TurtleReaderTest, NTriplesIsReadStrictlyLineByLine) {
    ParseResult r;
    const auto triples = read_all(Syntax::ntriples,
                                  "<http://a/s> <http://a/p> \"x\"@de .\n_:b <http://a/p> <http://a/o> .\n", &r);
    ASSERT_TRUE(r.ok) << r.description;
    EXPECT_EQ(triples.size(), 2u);
    read_all(Syntax::ntriples, "@prefix a: <http://a/> .\n", &r);
    EXPECT_FALSE(r.ok);
}

TEST(TurtleReaderTest, AnExceptionFromTheHandlerPropagates) {
    ReadOptions options;
    EXPECT_THROW(read_turtle("<http://a/s> <http://a/p> <http://a/o> .", options,
                             [](const Triple&) { throw std::runtime_error("stop"); }),
                 std::runtime_error);
}

}  // namespace
