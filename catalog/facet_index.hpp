#pragma once
/// What a search needs of every dataset besides its text, kept in memory for
/// one catalogue state: the values it counts (facets) and filters by, and
/// when the record last changed. Counting a facet in SQL reads every dataset
/// found once per field (a search that finds half of 100,000 datasets and
/// counts five fields spends most of a second there); with the index the
/// store reads only the full-text matches with their rank, and filters,
/// orders and counts here, in milliseconds. Store::search uses an index only
/// when it was built for the catalogue state it reads, so a search never
/// answers from old values.

#include "catalog/search.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::catalog {

class Store;

class FacetIndex {
public:
    /// The fields the index keeps: organization (with the organization's
    /// title), license_id, rating, tags, res_format and groups.
    static bool keeps(SearchField field);

    /// Read the values of every dataset not withdrawn, in one read snapshot
    /// of `store`; state() is that snapshot's Store::catalogue_state.
    static std::shared_ptr<const FacetIndex> build(const Store& store);

    /// Tells for each dataset whether it passes a list of filters (all on
    /// fields the index keeps), the way Store::search filters in SQL: a
    /// filter holds when the field has the value; negated, when it has not.
    class Selector {
    public:
        bool operator()(std::int64_t dataset_id) const;

    private:
        friend class FacetIndex;
        struct Test {
            std::size_t slot = 0;
            std::vector<std::uint32_t> values;  ///< value ids with the filter's name, ascending
            bool negate = false;
        };
        const FacetIndex* m_index = nullptr;
        std::vector<Test> m_tests;
    };
    /// Whether every filter is on a field the index keeps.
    static bool keeps_all(const std::vector<SearchFilter>& filters);
    Selector selector(const std::vector<SearchFilter>& filters) const;

    /// The datasets the index knows (every dataset not withdrawn), in the
    /// order they were read.
    const std::vector<std::int64_t>& dataset_ids() const { return m_ids; }
    /// When the dataset's catalogue record last changed (ISO 8601 UTC); empty
    /// for a dataset the index does not know.
    std::string_view last_changed(std::int64_t dataset_id) const;

    /// The length of each dataset's search text, for ranking (see
    /// sqlite::Database::set_rank_lengths): by dataset id, the number of
    /// tokens plus one; 0 where not known.
    std::span<const std::uint32_t> text_lengths() const { return m_text_lengths; }
    /// The catalogue state the index was built for.
    const std::string& state() const { return m_state; }
    /// Datasets the index knows.
    std::size_t datasets() const { return m_ids.size(); }

    /// The values of `field` (one the index keeps) among `dataset_ids`, each
    /// with the number of those datasets having it: most frequent first, then
    /// by value (byte order); at most `limit` (negative: all). Organizations
    /// carry the greatest title seen with the name among those datasets. The
    /// same counts as Store::search makes in SQL. Ids the index does not know
    /// are not counted.
    std::vector<FacetCount> count(SearchField field, std::span<const std::int64_t> dataset_ids,
                                  std::int64_t limit) const;

private:
    /// One field: per dataset row, the ids of its values (rows in offsets,
    /// values in a table of (name, title) pairs).
    struct Field {
        std::vector<std::string> names;   ///< per value
        std::vector<std::string> titles;  ///< per value; empty but for organizations
        std::vector<std::uint32_t> offsets;  ///< per row + 1: where its values start in `values`
        std::vector<std::uint32_t> values;
    };
    static constexpr std::size_t k_fields = 6;
    static std::size_t slot(SearchField field);

    /// The row of a dataset the index knows, else nullopt.
    std::optional<std::uint32_t> row(std::int64_t dataset_id) const;

    std::string m_state;
    std::vector<std::uint32_t> m_row_of;  ///< per dataset id: row + 1; 0: not known
    std::vector<std::uint32_t> m_text_lengths;  ///< per dataset id: tokens + 1; 0: not known
    std::vector<std::int64_t> m_ids;      ///< per row
    std::vector<std::string> m_changed;   ///< per row
    std::array<Field, k_fields> m_fields;
};

}  // namespace ernte::catalog
