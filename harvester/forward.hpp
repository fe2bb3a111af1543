#pragma once
/// Forwarding: pushing the catalogue (or what a forward profile selects of
/// it) into a downstream CKAN through its Action API (package_create,
/// package_update, package_delete with an API token). A run is idempotent:
/// the store keeps per target what the downstream accepted (migration 007),
/// so a record whose package dict is unchanged is not sent again, package
/// names stay the same across runs, and what was pushed but is withdrawn or
/// no longer selected is deleted downstream. One refused package does not
/// stop the others; a refused token or an unreachable downstream stops the
/// run. Nothing is marked pushed that the downstream did not accept.
/// See docs/forwarding.md.

#include "catalog/ckan_package.hpp"
#include "catalog/store.hpp"
#include "catalog/vocab.hpp"
#include "harvester/config.hpp"
#include "harvester/fetch.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ernte::harvester {

class Fetcher;

/// What happened to one dataset.
enum class ForwardAction {
    created,    ///< package_create accepted (or would be sent, on a dry run)
    updated,    ///< package_update accepted
    deleted,    ///< package_delete accepted
    unchanged,  ///< the same dict as last accepted: not sent
    refused,    ///< the downstream (or ernte, before sending) refused it; `message` says why
    kept,       ///< no longer selected, but `deletions: keep` leaves it downstream
};
/// "created", "updated", "deleted", "unchanged", "refused", "kept".
std::string_view to_string(ForwardAction action);

/// One dataset in a forward report.
struct ForwardItem {
    ForwardAction action = ForwardAction::unchanged;
    std::int64_t dataset_id = 0;
    std::string iri;
    std::string title;
    std::string name;       ///< the package name downstream
    std::string owner_org;  ///< the downstream organization
    std::string message;    ///< refused: the downstream's error in its own words, or why ernte did not send it
};

/// What one forward run did.
struct ForwardReport {
    std::string target;
    std::string profile;
    bool dry_run = false;
    std::int64_t selected = 0;   ///< datasets the target's selection and profile let through
    std::int64_t held_back = 0;  ///< datasets of the selection the profile held back
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t deleted = 0;
    std::int64_t unchanged = 0;
    std::int64_t refused = 0;
    std::int64_t kept = 0;
    /// Every dataset that was sent, refused or kept (unchanged ones only counted).
    std::vector<ForwardItem> items;
    /// Set when the run stopped early (token refused, downstream unreachable,
    /// cancelled): why, naming the target and the downstream's answer.
    std::string stopped;
    std::chrono::milliseconds duration{0};

    bool ok() const { return stopped.empty() && refused == 0; }
};

/// How a run is done.
struct ForwardOptions {
    bool dry_run = false;  ///< send nothing, write nothing about pushes; report what would be sent
    std::string api_token; ///< the CKAN API token (Authorization header); not needed for a dry run
    const std::atomic<bool>* cancel = nullptr;
};

/// Push the catalogue in `store` to `target`. Uses `fetcher` for every
/// request (POSTs to {url}/api/3/action/...). Throws StoreError when the
/// store fails; everything the downstream does is in the report.
ForwardReport forward_catalogue(const ForwardConfig& target, catalog::Store& store,
                                const catalog::Vocabularies& vocab, const catalog::CkanVocabulary& ckan_vocab,
                                Fetcher& fetcher, const ForwardOptions& options);

/// The package dict sent to a downstream CKAN for a record: the dict of
/// catalog::write_ckan_package with `name` and `owner_org`, without what
/// CKAN computes itself (id, timestamps, organization, counts, derived
/// licence fields, resource ids) and without null values.
std::string forward_package_json(const catalog::CatalogRecord& record, const std::string& name,
                                 const std::string& owner_org, const catalog::CkanVocabulary& ckan_vocab);

/// The downstream organization for a publisher: the first mapping whose key
/// is the publisher's name or IRI, else the default; empty when neither.
std::string forward_organization(const ForwardConfig& target, const model::Agent& publisher);

/// The CKAN error of an answer body as one line: "Validation Error: name:
/// That URL is already in use." (every field and its messages), or the
/// message; empty when the body is no CKAN error envelope.
std::string ckan_error_text(std::string_view body);

/// Fetcher options for a forward target (User-Agent, caps, its timeout).
FetchOptions forward_fetch_options(const Config& config, const ForwardConfig& target,
                                   const std::atomic<bool>* cancel = nullptr);

/// The report as text for an administrator: one line per dataset sent,
/// refused or kept, then the counts.
std::string forward_report_text(const ForwardReport& report);

}  // namespace ernte::harvester
