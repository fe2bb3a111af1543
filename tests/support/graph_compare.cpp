#include "tests/support/graph_compare.hpp"

#include "catalog/turtle_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ernte::testsupport {

namespace rdf = catalog::rdf;
using rdf::Term;
using rdf::Triple;

namespace {

class Isomorphism {
public:
    Isomorphism(const std::vector<Triple>& a, const std::vector<Triple>& b, bool as_set) {
        std::set<std::string> a_keys;
        for (const Triple& t : a) {
            if (!as_set || a_keys.insert(rdf::to_ntriples(t)).second) m_a.push_back(t);
        }
        for (const Triple& t : b) {
            const std::string k = key(t, nullptr);
            if (!as_set || m_b.count(k) == 0) m_b.insert(k);
        }
        for (const Triple& t : m_a) collect(t, m_a_blanks);
        for (const Triple& t : b) collect(t, m_b_blanks);
    }

    bool holds() {
        if (m_a.size() != m_b.size() || m_a_blanks.size() != m_b_blanks.size()) return false;
        return extend(0);
    }

private:
    static void collect(const Triple& t, std::vector<std::string>& blanks) {
        for (const Term* term : {&t.subject, &t.object}) {
            if (term->kind == Term::Kind::blank && std::find(blanks.begin(), blanks.end(), term->value) == blanks.end())
                blanks.push_back(term->value);
        }
    }

    /// The statement with blank labels mapped; "" when a label is not mapped yet.
    static std::string key(const Triple& t, const std::map<std::string, std::string>* mapping) {
        std::string out;
        for (const Term* term : {&t.subject, &t.predicate, &t.object}) {
            if (term->kind == Term::Kind::blank && mapping != nullptr) {
                const auto found = mapping->find(term->value);
                if (found == mapping->end()) return {};
                out += "_:" + found->second + ' ';
            } else {
                out += rdf::to_ntriples(*term) + ' ';
            }
        }
        return out;
    }

    bool consistent() const {
        for (const Triple& t : m_a) {
            const std::string k = key(t, &m_mapping);
            if (!k.empty() && m_b.count(k) == 0) return false;
        }
        return true;
    }

    bool extend(std::size_t index) {
        if (index == m_a_blanks.size()) return consistent();
        for (const std::string& candidate : m_b_blanks) {
            if (m_used.count(candidate) != 0) continue;
            m_mapping[m_a_blanks[index]] = candidate;
            m_used.insert(candidate);
            if (consistent() && extend(index + 1)) return true;
            m_used.erase(candidate);
            m_mapping.erase(m_a_blanks[index]);
        }
        return false;
    }

    std::vector<Triple> m_a;
    std::multiset<std::string> m_b;
    std::vector<std::string> m_a_blanks, m_b_blanks;
    std::map<std::string, std::string> m_mapping;
    std::set<std::string> m_used;
};

}  // namespace

std::vector<Triple> ntriples_of(std::string_view text, std::string* error) {
    std::vector<Triple> triples;
    const rdf::ParseResult result =
        rdf::read_ntriples(text, rdf::ReadOptions{}, [&](const Triple& t) { triples.push_back(t); });
    if (error != nullptr) *error = result.ok ? std::string{} : result.description;
    return triples;
}

std::string show_triples(const std::vector<Triple>& triples) {
    std::vector<std::string> lines;
    for (const Triple& t : triples) lines.push_back(rdf::to_ntriples(t));
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) out += "  " + line;
    return out;
}

bool isomorphic(const std::vector<Triple>& actual, const std::vector<Triple>& expected, bool as_set) {
    return Isomorphism(actual, expected, as_set).holds();
}

}  // namespace ernte::testsupport
