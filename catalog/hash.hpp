#pragma once
/// Content hashes: how ernte tells a changed record or page from an unchanged one.

#include <string>
#include <string_view>

namespace ernte::catalog {

/// A 128-bit non-cryptographic content hash (XXH3) as 32 lowercase hex digits.
/// Used to detect unchanged records and pages, never for security.
std::string content_hash(std::string_view bytes);

/// Incremental form of content_hash for input that arrives in parts.
class ContentHasher {
public:
    ContentHasher();
    ~ContentHasher();
    ContentHasher(const ContentHasher&) = delete;
    ContentHasher& operator=(const ContentHasher&) = delete;

    /// Add bytes to the hash.
    void update(std::string_view bytes);
    /// The hash of everything added so far, as 32 hex digits.
    std::string hex() const;

private:
    void* m_state;
};

}  // namespace ernte::catalog
