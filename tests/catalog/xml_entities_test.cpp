#include "catalog/xml_entities.hpp"

#include <gtest/gtest.h>

#include <string>

using ernte::catalog::xml::EntityExpansion;
using ernte::catalog::xml::expand_internal_entities;

namespace {

/// A document whose DOCTYPE holds `subset` and whose root element is `root`.
std::string with_subset(std::string_view subset, std::string_view root) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n" + std::string(subset) + "\n]>\n" + std::string(root) + "\n";
}

bool has_notice(const EntityExpansion& e, std::string_view part) {
    for (const auto& notice : e.notices) {
        if (notice.message.find(part) != std::string::npos) return true;
    }
    return false;
}

/// The body of an expanded document: what follows its DOCTYPE.
std::string body(const EntityExpansion& e) { return e.text.substr(e.text.find("]>") + 3); }

TEST(XmlEntities, DocumentsWithoutDeclarationsAreLeftAlone) {
    for (const std::string text : {std::string("<r a=\"&x;\">&amp;&x;</r>"),
                                   std::string("\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- c --><!DOCTYPE html><html/>"),
                                   with_subset("<!ELEMENT r ANY>", "<r>&x;</r>")}) {
        const EntityExpansion e = expand_internal_entities(text);
        EXPECT_FALSE(e.expanded) << text;
        EXPECT_TRUE(e.error.empty()) << text;
        EXPECT_TRUE(e.text.empty()) << text;
        EXPECT_EQ(e.original_offset(5), 5u);
    }
}

TEST(XmlEntities, ReferencesInContentAndAttributeValuesAreExpanded) {
    const std::string text = with_subset(R"(  <!-- the namespaces -->
  <!ENTITY ex "http://ex.org/">
  <!ENTITY ds '&ex;dataset/'>
  <!ENTITY q 'say "hi" &amp; it&apos;s'>
  <!ENTITY ex "http://second.example/">
  <!ATTLIST r a CDATA #IMPLIED>
  <?pi in the subset?>)",
                                         R"(<r a="&ds;1" b='&q;'>&ds;&q;&amp;&#38;<!-- &ex; --><![CDATA[&ex;]]><?p &ex;?></r>)");
    const EntityExpansion e = expand_internal_entities(text);
    ASSERT_TRUE(e.error.empty()) << e.error;
    ASSERT_TRUE(e.expanded);
    // The first declaration of a name binds; quotes inside an attribute value
    // are escaped; comments, CDATA sections and processing instructions keep
    // their references; predefined and character references are left to the parser.
    EXPECT_EQ(body(e), "<r a=\"http://ex.org/dataset/1\" b='say \"hi\" &amp; it&apos;s'>"
                       "http://ex.org/dataset/say \"hi\" &amp; it&apos;s&amp;&#38;"
                       "<!-- &ex; --><![CDATA[&ex;]]><?p &ex;?></r>\n");
    EXPECT_TRUE(e.notices.empty());
    // The DOCTYPE itself is kept as written.
    EXPECT_EQ(e.text.substr(0, text.find("]>")), text.substr(0, text.find("]>")));
}

TEST(XmlEntities, QuotesOfTheSurroundingAttributeAreEscaped) {
    const EntityExpansion e =
        expand_internal_entities(with_subset(R"(<!ENTITY d 'a"b'><!ENTITY s "a'b">)", R"(<r x="&d;&s;" y='&d;&s;'/>)"));
    ASSERT_TRUE(e.expanded) << e.error;
    EXPECT_EQ(body(e), "<r x=\"a&quot;ba'b\" y='a\"ba&apos;b'/>\n");
}

TEST(XmlEntities, OffsetsLeadBackToTheTextAsDelivered) {
    const std::string text = with_subset("<!ENTITY long \"0123456789012345678901234567890123456789\">",
                                         "<r>&long;<x/>&long;<y/></r>");
    const EntityExpansion e = expand_internal_entities(text);
    ASSERT_TRUE(e.expanded) << e.error;
    // Before the first reference, offsets are the same.
    const std::size_t root = text.find("<r>");
    EXPECT_EQ(e.original_offset(root), root);
    // Inside an expansion: where the reference starts.
    const std::size_t first = text.find("&long;");
    EXPECT_EQ(e.original_offset(first + 10), first);
    // After it: moved back by what the expansion added.
    EXPECT_EQ(e.original_offset(e.text.find("<x/>")), text.find("<x/>"));
    EXPECT_EQ(e.original_offset(e.text.find("<y/>")), text.find("<y/>"));
    EXPECT_EQ(e.original_offset(e.text.size()), text.size());
}

TEST(XmlEntities, ExternalAndParameterEntitiesAreNeverReadAndReported) {
    const std::string text = with_subset(R"(<!ENTITY xxe SYSTEM "file:///etc/passwd">
<!ENTITY pub PUBLIC "-//X//Y" "http://evil.example/x.dtd">
<!ENTITY % pe "<!ENTITY bad 'x'>">
%pe;
<!ENTITY ok "fine">)",
                                         "<r>&xxe;&xxe;&pub;&ok;&bad;&bad;</r>");
    const EntityExpansion e = expand_internal_entities(text);
    ASSERT_TRUE(e.error.empty()) << e.error;
    ASSERT_TRUE(e.expanded);
    EXPECT_EQ(body(e), "<r>&xxe;&xxe;&pub;fine&bad;&bad;</r>\n");
    EXPECT_TRUE(has_notice(e, "the external entity 'xxe' (SYSTEM \"file:///etc/passwd\"); it is never read"));
    EXPECT_TRUE(has_notice(e, "the external entity 'pub'"));
    EXPECT_TRUE(has_notice(e, "parameter entity '%pe;'; parameter entities are not expanded"));
    EXPECT_TRUE(has_notice(e, "refers to the parameter entity '%pe;'"));
    EXPECT_TRUE(has_notice(e, "the entity '&bad;' is not declared"));
    EXPECT_TRUE(has_notice(e, "the external entity '&xxe;' is not read"));
    // Each name once, however often it is used.
    EXPECT_EQ(e.notices.size(), 7u);
    for (const auto& notice : e.notices) EXPECT_LT(notice.offset, text.size());
    // The declaration of xxe is where its notice points.
    EXPECT_EQ(e.notices[0].offset, text.find("<!ENTITY xxe"));
}

TEST(XmlEntities, OnlyExternalDeclarationsExpandNothing) {
    const std::string text = with_subset(R"(<!ENTITY xxe SYSTEM "file:///etc/passwd">)", "<r>&xxe;</r>");
    const EntityExpansion e = expand_internal_entities(text);
    EXPECT_FALSE(e.expanded);
    EXPECT_TRUE(e.error.empty());
    EXPECT_TRUE(has_notice(e, "never read"));
}

TEST(XmlEntities, EntityBombIsRefused) {
    std::string subset = "<!ENTITY lol \"lol\">\n";
    for (int level = 1; level <= 9; ++level) {
        subset += "<!ENTITY lol" + std::to_string(level) + " \"";
        for (int i = 0; i < 10; ++i) subset += level == 1 ? "&lol;" : "&lol" + std::to_string(level - 1) + ";";
        subset += "\">\n";
    }
    const std::string text = with_subset(subset, "<r>&lol1;&lol9;</r>");
    const EntityExpansion e = expand_internal_entities(text);
    EXPECT_FALSE(e.expanded);
    EXPECT_TRUE(e.text.empty());
    EXPECT_NE(e.error.find("entity bomb"), std::string::npos) << e.error;
    EXPECT_EQ(e.error_offset, text.find("&lol9;"));
    // A small budget is never below the document's own size.
    EXPECT_TRUE(expand_internal_entities(with_subset(subset, "<r>&lol2;</r>"), 10).expanded);
    EXPECT_FALSE(expand_internal_entities(with_subset(subset, "<r>&lol4;</r>"), 10).error.empty());
}

TEST(XmlEntities, EntitiesThatAddNothingCannotLoopForever) {
    // 10^12 expansions of an empty entity: no byte added, all the work.
    std::string subset = "<!ENTITY e0 \"\">\n";
    for (int level = 1; level <= 12; ++level) {
        subset += "<!ENTITY e" + std::to_string(level) + " \"";
        for (int i = 0; i < 10; ++i) subset += "&e" + std::to_string(level - 1) + ";";
        subset += "\">\n";
    }
    const EntityExpansion e = expand_internal_entities(with_subset(subset, "<r>&e12;</r>"));
    EXPECT_NE(e.error.find("bytes of replacement text (an entity bomb?)"), std::string::npos) << e.error;
}

TEST(XmlEntities, LoopsAndMarkupInAttributesAreErrors) {
    const std::string loop = with_subset("<!ENTITY a \"x&b;\"><!ENTITY b \"&a;\">", "<r>ok &a;</r>");
    const EntityExpansion looped = expand_internal_entities(loop);
    EXPECT_FALSE(looped.expanded);
    EXPECT_EQ(looped.error, "the entity '&a;' refers to itself");
    EXPECT_EQ(looped.error_offset, loop.find("&a;</r>"));

    const std::string markup = with_subset("<!ENTITY m \"<b>bold</b>\">", "<r a=\"&m;\">&m;</r>");
    const EntityExpansion in_attribute = expand_internal_entities(markup);
    EXPECT_EQ(in_attribute.error, "the entity '&m;' is used in an attribute value but contains '<'");
    // In content, markup in a replacement text is markup.
    const EntityExpansion in_content = expand_internal_entities(with_subset("<!ENTITY m \"<b>bold</b>\">", "<r>&m;</r>"));
    ASSERT_TRUE(in_content.expanded) << in_content.error;
    EXPECT_EQ(body(in_content), "<r><b>bold</b></r>\n");
}

TEST(XmlEntities, MalformedDoctypesAreLeftToTheParser) {
    for (const std::string text :
         {std::string("<!DOCTYPE r [ <!ENTITY a \"x\"> <r>&a;</r>"), std::string("<!DOCTYPE r [ <!ENTITY a \"x> ]><r/>"),
          std::string("<!DOCTYPE r [ <!ENTITY a \"x\"> junk ]><r>&a;</r>"), std::string("<!DOCTYPE r [ <!ENTITY"),
          std::string("<!--"), std::string("<!DOCTYPE r [ <!ENTITY \"x\"> ]><r/>")}) {
        const EntityExpansion e = expand_internal_entities(text);
        EXPECT_FALSE(e.expanded) << text;
        EXPECT_TRUE(e.error.empty()) << text;
    }
}

TEST(XmlEntities, UnterminatedMarkupAfterTheDoctypeKeepsTheRest) {
    // What the parser must see to report the error: everything, as written after the reference.
    const std::string text = with_subset("<!ENTITY a \"A\">", "<r>&a;<!-- open &a; <x a=\"&a;");
    const EntityExpansion e = expand_internal_entities(text);
    ASSERT_TRUE(e.expanded) << e.error;
    EXPECT_EQ(body(e), "<r>A<!-- open &a; <x a=\"&a;\n");
}

TEST(XmlEntities, ChainsDeeperThanFortyLevelsAreRefusedNotRecursedInto) {
    // 30,000 entities, each naming the next: an 800 KB page that would
    // otherwise recurse 30,000 calls deep.
    std::string subset;
    for (int i = 0; i < 30000; ++i) {
        subset += "<!ENTITY e" + std::to_string(i) + " \"&e" + std::to_string(i + 1) + ";\">\n";
    }
    subset += "<!ENTITY e30000 \"end\">";
    const EntityExpansion deep = expand_internal_entities(with_subset(subset, "<r>&e0;</r>"));
    EXPECT_FALSE(deep.expanded);
    EXPECT_EQ(deep.error, "entities refer to entities more than 40 levels deep");
    // 40 levels are fine.
    const EntityExpansion forty = expand_internal_entities(with_subset(subset, "<r>&e29961;</r>"));
    ASSERT_TRUE(forty.expanded) << forty.error;
    EXPECT_EQ(body(forty), "<r>end</r>\n");
}

TEST(XmlEntities, AmpersandsThatStartNoReferenceAreLookedAtOnce) {
    // A megabyte of '&' in content and in an attribute value, and a long URL
    // query written without &amp;: each '&' ends its "name" at once.
    std::string ampersands(1 << 20, '&');
    std::string query = "https://x.example/?";
    for (int i = 0; i < 20000; ++i) query += "p" + std::to_string(i) + "=1&";
    const EntityExpansion e = expand_internal_entities(
        with_subset("<!ENTITY a \"A\">", "<r x=\"" + ampersands + "\" q=\"" + query + "\">" + ampersands + "&a;</r>"));
    ASSERT_TRUE(e.expanded) << e.error;
    EXPECT_TRUE(body(e).ends_with(ampersands + "A</r>\n"));
    EXPECT_NE(body(e).find(query), std::string::npos);
}

TEST(XmlEntities, AReferenceCannotSwallowTheStartOfACommentOrCdataSection) {
    const EntityExpansion e = expand_internal_entities(
        with_subset("<!ENTITY a \"A\">", "<r>&x<!--;&a;-->&y<![CDATA[;&a;]]>&a;</r>"));
    ASSERT_TRUE(e.expanded) << e.error;
    EXPECT_EQ(body(e), "<r>&x<!--;&a;-->&y<![CDATA[;&a;]]>A</r>\n");
    EXPECT_TRUE(e.notices.empty()) << e.notices.front().message;
}

TEST(XmlEntities, CharacterReferencesInAValueAreReplacedWhenItIsDeclared) {
    // XML 1.0, 4.5 and appendix D: "&#38;#38;" declares "&#38;", which the
    // parser then reads as '&'.
    const EntityExpansion e = expand_internal_entities(with_subset(
        "<!ENTITY amp2 \"&#38;#38;\"><!ENTITY nl \"a&#10;b\"><!ENTITY u \"&#xFC;&#252;\"><!ENTITY bad \"&#xZZ;&#;\">",
        "<r a=\"&nl;\">&amp2;&u;&bad;</r>"));
    ASSERT_TRUE(e.expanded) << e.error;
    EXPECT_EQ(body(e), "<r a=\"a\nb\">&#38;\xC3\xBC\xC3\xBC&#xZZ;&#;</r>\n");
}

TEST(XmlEntities, NoticesAreBoundedAndEachNameIsReportedOnce) {
    std::string subset = "<!ENTITY a \"&inner;\">\n";
    for (int i = 0; i < 1000; ++i) subset += "%pe;\n";
    std::string root = "<r>&a;&a;";
    for (int i = 0; i < 10000; ++i) root += "&u" + std::to_string(i) + ";";
    const EntityExpansion e = expand_internal_entities(with_subset(subset, root + "</r>"));
    ASSERT_TRUE(e.expanded) << e.error;
    // The parameter entity once, the undeclared one inside &a; once, then
    // the undeclared names up to the limit, and one line that counts the rest.
    EXPECT_EQ(e.notices.size(), 51u);
    EXPECT_TRUE(has_notice(e, "the DOCTYPE refers to the parameter entity '%pe;'"));
    EXPECT_TRUE(has_notice(e, "the entity '&inner;' (in the entity '&a;') is not declared"));
    EXPECT_EQ(e.notices.back().message, "9952 more notices about entities are not listed");
    std::size_t parameter = 0;
    for (const auto& notice : e.notices) parameter += notice.message.find("%pe;") != std::string::npos;
    EXPECT_EQ(parameter, 1u);
}

}  // namespace
