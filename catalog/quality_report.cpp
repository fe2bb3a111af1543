#include "catalog/quality_report.hpp"

#include "catalog/checks.hpp"
#include "catalog/rules.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <unordered_map>

namespace ernte::catalog::quality {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

/// What a kind of finding is about, in a few words (English, German): the
/// indicator's name, the rule's message or the check's title.
std::pair<std::string_view, std::string_view> finding_title(std::string_view rule) {
    if (const auto indicator = indicator_by_id(rule)) {
        const IndicatorDefinition& def = definition(*indicator);
        return {def.name_en, def.name_de};
    }
    if (const Rule* r = find_rule(rule)) return {r->message_en, r->message_de};
    return check_title(rule);
}

/// Collects a group's numbers while records are added.
class GroupBuilder {
public:
    void add(const ScoredDataset& d) {
        ++m_summary.datasets;
        if (!d.score) return;
        ++m_summary.scored;
        m_sum += d.score->total;
        for (std::size_t i = 0; i < dimension_count; ++i) m_dimension_sums[i] += d.score->dimensions[i];
        switch (d.score->rating) {
        case Rating::excellent: ++m_summary.ratings.excellent; break;
        case Rating::good: ++m_summary.ratings.good; break;
        case Rating::sufficient: ++m_summary.ratings.sufficient; break;
        case Rating::bad: ++m_summary.ratings.bad; break;
        }
        // A finding kind counts once per record, with all the points it costs there.
        std::unordered_map<std::string_view, std::int64_t> points;
        for (const Finding& f : d.findings) points[f.rule] += f.points_lost;
        for (const auto& [rule, lost] : points) {
            auto [it, inserted] = m_costs.try_emplace(std::string(rule));
            FindingCost& cost = it->second;
            if (inserted) {
                cost.rule = std::string(rule);
                const auto [en, de] = finding_title(rule);
                cost.message_en = std::string(en);
                cost.message_de = std::string(de);
            }
            ++cost.datasets;
            cost.points += lost;
        }
    }

    GroupSummary finish(std::string name) {
        m_summary.name = std::move(name);
        m_summary.mean = m_summary.scored == 0 ? 0.0 : static_cast<double>(m_sum) / static_cast<double>(m_summary.scored);
        for (std::size_t i = 0; i < dimension_count; ++i) {
            m_summary.dimension_means[i] =
                m_summary.scored == 0 ? 0.0 : m_dimension_sums[i] / static_cast<double>(m_summary.scored);
        }
        std::vector<FindingCost> costs;
        costs.reserve(m_costs.size());
        for (auto& [rule, cost] : m_costs) costs.push_back(std::move(cost));
        std::sort(costs.begin(), costs.end(), [](const FindingCost& a, const FindingCost& b) {
            if (a.points != b.points) return a.points > b.points;
            if (a.datasets != b.datasets) return a.datasets > b.datasets;
            return a.rule < b.rule;
        });
        if (costs.size() > max_top_findings) costs.resize(max_top_findings);
        m_summary.top_findings = std::move(costs);
        return std::move(m_summary);
    }

private:
    GroupSummary m_summary;
    std::int64_t m_sum = 0;
    std::array<double, dimension_count> m_dimension_sums{};
    std::map<std::string, FindingCost> m_costs;
};

std::string_view text(Language language, const std::string& en, const std::string& de) {
    if (language == Language::de && !de.empty()) return de;
    return en.empty() ? std::string_view(de) : std::string_view(en);
}

std::string mean_text(const GroupSummary& g) {
    return g.scored == 0 ? std::string("-") : fmt::format("{:.1f}", g.mean);
}

std::string rating_text(const GroupSummary& g) {
    return g.scored == 0 ? std::string("not scored") : std::string(rating_name(rating_of_mean(g.mean)));
}

void write_group_json(Writer& w, const GroupSummary& g, bool named, Language language) {
    w.StartObject();
    if (named) put(w, "name", g.name);
    w.Key("datasets");
    w.Uint64(g.datasets);
    w.Key("scored");
    w.Uint64(g.scored);
    w.Key("mean");
    w.Double(std::round(g.mean * 10.0) / 10.0);
    w.Key("rating");
    if (g.scored == 0) {
        w.Null();
    } else {
        const std::string_view rating = rating_name(rating_of_mean(g.mean));
        w.String(rating.data(), static_cast<rapidjson::SizeType>(rating.size()));
    }
    w.Key("ratings");
    w.StartObject();
    w.Key("excellent");
    w.Uint64(g.ratings.excellent);
    w.Key("good");
    w.Uint64(g.ratings.good);
    w.Key("sufficient");
    w.Uint64(g.ratings.sufficient);
    w.Key("bad");
    w.Uint64(g.ratings.bad);
    w.EndObject();
    w.Key("top_findings");
    w.StartArray();
    for (const FindingCost& c : g.top_findings) {
        w.StartObject();
        put(w, "rule", c.rule);
        put(w, "message", text(language, c.message_en, c.message_de));
        w.Key("datasets");
        w.Uint64(c.datasets);
        w.Key("points");
        w.Int64(c.points);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void write_finding_json(Writer& w, const Finding& f, Language language) {
    w.StartObject();
    put(w, "rule", f.rule);
    put(w, "severity", severity_name(f.severity));
    put(w, "message", text(language, f.message_en, f.message_de));
    put(w, "fix", text(language, f.fix_en, f.fix_de));
    put(w, "path", f.path);
    w.Key("distribution");
    if (f.distribution) w.Uint64(*f.distribution);
    else w.Null();
    if (!f.value.empty()) put(w, "value", f.value);
    w.Key("points_lost");
    w.Int(f.points_lost);
    w.EndObject();
}

void write_dataset_json(Writer& w, const ScoredDataset& d, Language language) {
    w.StartObject();
    put(w, "id", std::to_string(d.id));
    put(w, "iri", d.iri);
    put(w, "title", d.title);
    put(w, "publisher", d.publisher);
    put(w, "source", d.source);
    w.Key("scored_at");
    if (d.scored_at.empty()) w.Null();
    else w.String(d.scored_at.c_str());
    w.Key("mqa");
    if (d.score) {
        const std::string json = to_json(*d.score);
        w.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
    } else {
        w.Null();
    }
    w.Key("findings");
    w.StartArray();
    for (const Finding& f : d.findings) write_finding_json(w, f, language);
    w.EndArray();
    w.EndObject();
}

/// The top findings of a group as one cell: "rule (-N points, M datasets)".
std::string findings_cell(const std::vector<FindingCost>& costs) {
    std::string out;
    for (const FindingCost& c : costs) {
        if (!out.empty()) out += "; ";
        out += c.points > 0 ? fmt::format("{} (-{} points, {} datasets)", c.rule, c.points, c.datasets)
                            : fmt::format("{} ({} datasets)", c.rule, c.datasets);
    }
    return out;
}

/// Cuts text to at most `width` characters (UTF-8 aware), marking the cut.
std::string fit(std::string_view text, std::size_t width) {
    std::size_t chars = 0, i = 0, cut = std::string_view::npos;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars == width - 1) cut = i;
        if (++chars > width) return std::string(text.substr(0, cut)) + "…";
    }
    return std::string(text);
}

/// Pads UTF-8 text to `width` characters.
std::string pad(std::string_view text, std::size_t width) {
    std::size_t chars = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    std::string out(text);
    if (chars < width) out.append(width - chars, ' ');
    return out;
}

std::string csv_cell(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out << ',';
        out << csv_cell(cells[i]);
    }
    out << "\r\n";
}

}  // namespace

std::vector<const Finding*> costliest(const ScoredDataset& d, std::size_t n) {
    std::vector<const Finding*> out;
    for (const Finding& f : d.findings) out.push_back(&f);
    std::stable_sort(out.begin(), out.end(), [](const Finding* a, const Finding* b) {
        if (a->points_lost != b->points_lost) return a->points_lost > b->points_lost;
        return a->severity < b->severity;
    });
    if (out.size() > n) out.resize(n);
    return out;
}

Rating rating_of_mean(double mean) { return rating_for(static_cast<int>(std::lround(mean))); }

QualityReport build_report(std::vector<ScoredDataset> datasets) {
    // Titles a publisher uses more than once (a check beyond the MQA that
    // needs the other records, so it is made here).
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        if (datasets[i].title.empty()) continue;
        by_title[{datasets[i].publisher, title_key(datasets[i].title)}].push_back(i);
    }
    for (const auto& [key, members] : by_title) {
        if (members.size() < 2) continue;
        for (const std::size_t i : members) {
            ScoredDataset& d = datasets[i];
            d.findings.push_back(duplicate_title_finding(
                d.title, d.publisher.empty() ? std::string_view("the same publisher") : std::string_view(d.publisher),
                members.size() - 1));
        }
    }

    QualityReport report;
    GroupBuilder all;
    std::map<std::string, GroupBuilder> publishers;
    for (const ScoredDataset& d : datasets) {
        all.add(d);
        publishers[d.publisher].add(d);
    }
    report.catalogue = all.finish("");
    for (auto& [name, builder] : publishers) report.publishers.push_back(builder.finish(name));
    report.datasets = std::move(datasets);
    return report;
}

void write_report_json(std::ostream& out, const QualityReport& report, bool with_datasets, Language language) {
    write_report_json(out, report, ReportJsonParts{.datasets = with_datasets}, language);
}

void write_report_json(std::ostream& out, const QualityReport& report, ReportJsonParts parts, Language language) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    if (parts.catalogue) {
        w.Key("catalogue");
        write_group_json(w, report.catalogue, false, language);
    }
    if (parts.publishers) {
        w.Key("publishers");
        w.StartArray();
        for (const GroupSummary& g : report.publishers) write_group_json(w, g, true, language);
        w.EndArray();
    }
    if (parts.datasets) {
        w.Key("datasets");
        w.StartArray();
        for (const ScoredDataset& d : report.datasets) write_dataset_json(w, d, language);
        w.EndArray();
    }
    w.EndObject();
    out << buffer.GetString() << "\n";
}

void write_dataset_report_json(std::ostream& out, const ScoredDataset& dataset, Language language) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    write_dataset_json(w, dataset, language);
    out << buffer.GetString() << "\n";
}

void write_report_table(std::ostream& out, const QualityReport& report, bool with_datasets, Language language) {
    if (with_datasets) {
        out << fmt::format("{:>7}  {} {} {:>5}  {:<11} {}\n", "id", pad("title", 40), pad("publisher", 28), "score",
                           "rating", "costliest findings");
        for (const ScoredDataset& d : report.datasets) {
            std::string findings;
            for (const Finding* f : costliest(d, 3)) {
                if (!findings.empty()) findings += "; ";
                findings += f->points_lost > 0 ? fmt::format("{} (-{})", f->rule, f->points_lost) : f->rule;
            }
            out << fmt::format("{:>7}  {} {} {:>5}  {:<11} {}\n", d.id, pad(fit(d.title, 40), 40),
                               pad(fit(d.publisher.empty() ? "(no publisher)" : d.publisher, 28), 28),
                               d.score ? std::to_string(d.score->total) : "-",
                               d.score ? rating_name(d.score->rating) : "not scored", findings);
        }
    } else {
        out << fmt::format("{} {:>8} {:>6}  {:<11} {}\n", pad("publisher", 40), "datasets", "mean", "rating",
                           "findings that cost most points");
        for (const GroupSummary& g : report.publishers) {
            out << fmt::format("{} {:>8} {:>6}  {:<11} {}\n", pad(fit(g.name.empty() ? "(no publisher)" : g.name, 40), 40),
                               g.datasets, mean_text(g), rating_text(g), findings_cell(g.top_findings));
        }
    }
    const GroupSummary& c = report.catalogue;
    out << fmt::format("catalogue: {} datasets, {} scored, mean {} of {} ({}); excellent {}, good {}, sufficient {}, "
                       "bad {}\n",
                       c.datasets, c.scored, mean_text(c), mqa_max_points, rating_text(c), c.ratings.excellent,
                       c.ratings.good, c.ratings.sufficient, c.ratings.bad);
    for (const FindingCost& f : c.top_findings) {
        out << fmt::format("  {}: {} datasets{} — {}\n", f.rule, f.datasets,
                           f.points > 0 ? fmt::format(", {} points", f.points) : "",
                           text(language, f.message_en, f.message_de));
    }
    if (c.scored < c.datasets) {
        out << fmt::format("{} datasets are not scored yet: they are scored when they are next harvested\n",
                           c.datasets - c.scored);
    }
}

void write_report_csv(std::ostream& out, const QualityReport& report, bool with_datasets, Language language) {
    if (with_datasets) {
        std::vector<std::string> header{"id", "iri", "title", "publisher", "source", "score", "rating"};
        for (std::size_t d = 0; d < dimension_count; ++d)
            header.emplace_back(dimension_name(static_cast<Dimension>(d)));
        header.emplace_back("findings");
        csv_row(out, header);
        for (const ScoredDataset& d : report.datasets) {
            std::vector<std::string> row{std::to_string(d.id), d.iri, d.title, d.publisher, d.source,
                                         d.score ? std::to_string(d.score->total) : "",
                                         d.score ? std::string(rating_name(d.score->rating)) : ""};
            for (std::size_t i = 0; i < dimension_count; ++i)
                row.push_back(d.score ? std::to_string(d.score->dimensions[i]) : "");
            std::string findings;
            for (const Finding& f : d.findings) {
                if (!findings.empty()) findings += "; ";
                findings += fmt::format("{}: {}", f.rule, text(language, f.message_en, f.message_de));
            }
            row.push_back(findings);
            csv_row(out, row);
        }
        return;
    }
    csv_row(out, {"publisher", "datasets", "scored", "mean", "rating", "excellent", "good", "sufficient", "bad",
                  "top_findings"});
    for (const GroupSummary& g : report.publishers) {
        csv_row(out, {g.name, std::to_string(g.datasets), std::to_string(g.scored),
                      g.scored == 0 ? "" : fmt::format("{:.1f}", g.mean),
                      g.scored == 0 ? "" : std::string(rating_name(rating_of_mean(g.mean))),
                      std::to_string(g.ratings.excellent), std::to_string(g.ratings.good),
                      std::to_string(g.ratings.sufficient), std::to_string(g.ratings.bad),
                      findings_cell(g.top_findings)});
    }
}

void write_findings_csv(std::ostream& out, const std::vector<ScoredDataset>& datasets, Language language) {
    const auto harvested = [](std::string_view value) {
        if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
            return "'" + std::string(value);
        return std::string(value);
    };
    if (language == Language::de) {
        csv_row(out, {"Datensatz-ID", "Datensatz", "IRI", "Regel", "Mangel", "Punktverlust", "Behebung", "Eigenschaft",
                      "Distribution", "Wert"});
    } else {
        csv_row(out, {"dataset_id", "dataset", "iri", "rule", "finding", "points_lost", "fix", "property",
                      "distribution", "value"});
    }
    for (const ScoredDataset& d : datasets) {
        for (const Finding& f : d.findings) {
            csv_row(out, {std::to_string(d.id), harvested(d.title), harvested(d.iri), f.rule,
                          std::string(text(language, f.message_en, f.message_de)), std::to_string(f.points_lost),
                          std::string(text(language, f.fix_en, f.fix_de)), f.path,
                          f.distribution ? std::to_string(*f.distribution + 1) : std::string(), harvested(f.value)});
        }
    }
}

}  // namespace ernte::catalog::quality
