#include "catalog/facet_index.hpp"

#include "catalog/store.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace ernte::catalog {

bool FacetIndex::keeps(SearchField field) {
    switch (field) {
        case SearchField::organization:
        case SearchField::license_id:
        case SearchField::rating:
        case SearchField::tags:
        case SearchField::res_format:
        case SearchField::groups: return true;
        case SearchField::name:
        case SearchField::id: return false;
    }
    return false;
}

std::size_t FacetIndex::slot(SearchField field) {
    switch (field) {
        case SearchField::organization: return 0;
        case SearchField::license_id: return 1;
        case SearchField::rating: return 2;
        case SearchField::tags: return 3;
        case SearchField::res_format: return 4;
        case SearchField::groups: return 5;
        case SearchField::name:
        case SearchField::id: break;
    }
    return k_fields;
}

bool FacetIndex::keeps_all(const std::vector<SearchFilter>& filters) {
    return std::all_of(filters.begin(), filters.end(), [](const SearchFilter& f) { return keeps(f.field); });
}

std::shared_ptr<const FacetIndex> FacetIndex::build(const Store& store) {
    auto index = std::make_shared<FacetIndex>();
    // Values are numbered per field as they come, datasets per row as they
    // come; the (row, value) pairs are then put in row order.
    struct Building {
        std::unordered_map<std::string, std::uint32_t> value_ids;  // name '\0' title
        std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // row, value
    };
    std::array<Building, k_fields> building;
    std::string key;
    index->m_state = store.for_each_search_value(
        [&](std::int64_t dataset_id, std::string_view last_changed, std::optional<std::uint32_t> text_tokens) {
            if (dataset_id < 0) return;
            const auto id = static_cast<std::size_t>(dataset_id);
            if (id >= index->m_row_of.size()) {
                index->m_row_of.resize(std::max(id + 1, index->m_row_of.size() * 2), 0);
                index->m_text_lengths.resize(index->m_row_of.size(), 0);
            }
            std::uint32_t& row = index->m_row_of[id];
            if (row != 0) return;
            index->m_ids.push_back(dataset_id);
            index->m_changed.emplace_back(last_changed);
            row = static_cast<std::uint32_t>(index->m_ids.size());
            if (text_tokens && *text_tokens < UINT32_MAX) index->m_text_lengths[id] = *text_tokens + 1;
        },
        [&](std::int64_t dataset_id, SearchField field, std::string_view value, std::string_view title) {
            const std::size_t s = slot(field);
            const auto row = index->row(dataset_id);
            if (s >= k_fields || !row) return;
            key.assign(value);
            key.push_back('\0');
            key.append(title);
            Field& f = index->m_fields[s];
            const auto [it, added] =
                building[s].value_ids.try_emplace(key, static_cast<std::uint32_t>(f.names.size()));
            if (added) {
                f.names.emplace_back(value);
                f.titles.emplace_back(title);
            }
            building[s].pairs.emplace_back(*row, it->second);
        });
    const auto rows = static_cast<std::uint32_t>(index->m_ids.size());
    for (std::size_t s = 0; s < k_fields; ++s) {
        auto& pairs = building[s].pairs;
        std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        Field& f = index->m_fields[s];
        f.offsets.assign(rows + 1, 0);
        f.values.reserve(pairs.size());
        std::size_t next = 0;
        for (std::uint32_t r = 0; r < rows; ++r) {
            f.offsets[r] = static_cast<std::uint32_t>(f.values.size());
            for (; next < pairs.size() && pairs[next].first == r; ++next) f.values.push_back(pairs[next].second);
        }
        f.offsets[rows] = static_cast<std::uint32_t>(f.values.size());
    }
    return index;
}

std::optional<std::uint32_t> FacetIndex::row(std::int64_t dataset_id) const {
    if (dataset_id < 0 || static_cast<std::size_t>(dataset_id) >= m_row_of.size()) return std::nullopt;
    const std::uint32_t row = m_row_of[static_cast<std::size_t>(dataset_id)];
    if (row == 0) return std::nullopt;
    return row - 1;
}

std::string_view FacetIndex::last_changed(std::int64_t dataset_id) const {
    const auto r = row(dataset_id);
    return r ? std::string_view(m_changed[*r]) : std::string_view();
}

FacetIndex::Selector FacetIndex::selector(const std::vector<SearchFilter>& filters) const {
    Selector selector;
    selector.m_index = this;
    for (const SearchFilter& filter : filters) {
        Selector::Test test;
        test.slot = slot(filter.field);
        test.negate = filter.negate;
        if (test.slot >= k_fields) throw std::invalid_argument("the facet index does not keep the field filtered by");
        const Field& f = m_fields[test.slot];
        for (std::size_t v = 0; v < f.names.size(); ++v)
            if (f.names[v] == filter.value) test.values.push_back(static_cast<std::uint32_t>(v));
        selector.m_tests.push_back(std::move(test));
    }
    return selector;
}

bool FacetIndex::Selector::operator()(std::int64_t dataset_id) const {
    const auto row = m_index->row(dataset_id);
    if (!row) return false;
    for (const Test& test : m_tests) {
        const Field& f = m_index->m_fields[test.slot];
        bool has = false;
        for (std::uint32_t k = f.offsets[*row]; k < f.offsets[*row + 1] && !has; ++k)
            has = std::binary_search(test.values.begin(), test.values.end(), f.values[k]);
        if (has == test.negate) return false;
    }
    return true;
}

std::vector<FacetCount> FacetIndex::count(SearchField field, std::span<const std::int64_t> dataset_ids,
                                          std::int64_t limit) const {
    const std::size_t s = slot(field);
    if (s >= k_fields) return {};
    const Field& f = m_fields[s];
    std::vector<std::int64_t> per_value(f.names.size(), 0);
    for (const std::int64_t id : dataset_ids) {
        const auto r = row(id);
        if (!r) continue;
        for (std::uint32_t k = f.offsets[*r]; k < f.offsets[*r + 1]; ++k) ++per_value[f.values[k]];
    }
    // One entry per name: an organization's name may come with several
    // titles; the count is the name's, the title the greatest among them.
    std::unordered_map<std::string_view, std::size_t> entry_of;
    std::vector<FacetCount> out;
    for (std::size_t v = 0; v < per_value.size(); ++v) {
        if (per_value[v] == 0) continue;
        const auto [it, added] = entry_of.try_emplace(f.names[v], out.size());
        if (added) {
            out.push_back({f.names[v], f.titles[v], per_value[v]});
        } else {
            FacetCount& entry = out[it->second];
            entry.count += per_value[v];
            if (f.titles[v] > entry.title) entry.title = f.titles[v];
        }
    }
    const auto order = [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    };
    if (limit >= 0 && static_cast<std::size_t>(limit) < out.size()) {
        std::partial_sort(out.begin(), out.begin() + limit, out.end(), order);
        out.resize(static_cast<std::size_t>(limit));
    } else {
        std::sort(out.begin(), out.end(), order);
    }
    return out;
}

}  // namespace ernte::catalog
