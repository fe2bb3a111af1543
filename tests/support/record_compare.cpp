#include "tests/support/record_compare.hpp"

#include "catalog/normalize.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <functional>
#include <tuple>

namespace ernte::testsupport {

using model::Dataset;
using model::ExtraProperty;
using model::Term;

Dataset comparable_after_export(Dataset d) {
    std::function<void(std::vector<ExtraProperty>&)> canonical = [&](std::vector<ExtraProperty>& extra) {
        for (auto& e : extra) {
            if (e.object.kind == Term::Kind::blank) e.object.value.clear();
            // The export types every node it writes (the shapes require it): an
            // untyped node the source described comes back with its class.
            std::erase_if(e.children, [](const ExtraProperty& c) {
                return c.predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
            });
            canonical(e.children);
        }
        std::sort(extra.begin(), extra.end(), [](const ExtraProperty& a, const ExtraProperty& b) {
            return std::tie(a.predicate, a.object.value, a.object.datatype, a.object.lang) <
                   std::tie(b.predicate, b.object.value, b.object.datatype, b.object.lang);
        });
    };
    d.notes.clear();
    d.description_original.clear();  // the export writes the text without HTML
    d.licence.original.clear();
    d.frequency_original.clear();
    // the export writes an unmapped theme only when it is an IRI
    std::erase_if(d.themes_original, [](const std::string& t) { return !catalog::is_written_theme(t); });
    canonical(d.extra);
    for (auto& id : d.other_identifiers) canonical(id.extra);
    canonical(d.publisher.extra);
    for (auto* agents : {&d.creators, &d.originators, &d.maintainers, &d.contributors})
        for (auto& a : *agents) canonical(a.extra);
    for (auto& c : d.contact_points) canonical(c.extra);
    for (auto& dist : d.distributions) {
        dist.licence_inherited = false;  // the export writes every distribution's licence
        dist.licence.original.clear();
        dist.format_original.clear();
        dist.media_type_original.clear();
        canonical(dist.extra);
    }
    return d;
}

/// The JSON paths at which two records differ (for failure messages).
std::string record_differences(const Dataset& a, const Dataset& b) {
    rapidjson::Document x;
    rapidjson::Document y;
    x.Parse(model::to_json(a).c_str());
    y.Parse(model::to_json(b).c_str());
    std::string out;
    std::function<void(const rapidjson::Value&, const rapidjson::Value&, const std::string&)> walk =
        [&](const rapidjson::Value& l, const rapidjson::Value& r, const std::string& path) {
            if (l == r) return;
            if (l.IsObject() && r.IsObject()) {
                for (const auto& m : l.GetObject()) {
                    const std::string key = path + "." + m.name.GetString();
                    if (r.HasMember(m.name)) {
                        walk(m.value, r[m.name], key);
                    } else {
                        out += key + " only in the first\n";
                    }
                }
                for (const auto& m : r.GetObject()) {
                    if (!l.HasMember(m.name)) out += path + "." + m.name.GetString() + " only in the second\n";
                }
                return;
            }
            if (l.IsArray() && r.IsArray()) {
                const rapidjson::SizeType n = std::min(l.Size(), r.Size());
                for (rapidjson::SizeType i = 0; i < n; ++i) walk(l[i], r[i], path + "[" + std::to_string(i) + "]");
                if (l.Size() != r.Size()) {
                    out += path + ": " + std::to_string(l.Size()) + " vs " + std::to_string(r.Size()) + " elements\n";
                }
                return;
            }
            rapidjson::StringBuffer lb;
            rapidjson::Writer<rapidjson::StringBuffer> lw(lb);
            l.Accept(lw);
            rapidjson::StringBuffer rb;
            rapidjson::Writer<rapidjson::StringBuffer> rw(rb);
            r.Accept(rw);
            out += path + ": " + std::string(lb.GetString()).substr(0, 300) + "\n    vs " +
                   std::string(rb.GetString()).substr(0, 300) + "\n";
        };
    walk(x, y, "");
    return out;
}

}  // namespace ernte::testsupport
