#pragma once
/// The schema migrations compiled into the library, generated at build time
/// from the numbered files in schemas/sql/, so a binary never reads the
/// source tree at run time.

#include <span>
#include <string_view>

namespace ernte::catalog {

/// One numbered migration (`schemas/sql/NNN_name.sql`).
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

/// All migrations, in ascending version order.
std::span<const Migration> migrations();

}  // namespace ernte::catalog
