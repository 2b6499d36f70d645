#pragma once
// The schema as numbered migrations, one SQL script per dialect. Append new migrations at the
// end; never edit one that has shipped.

#include <span>
#include <string_view>

namespace todo::store {

struct Migration {
    int version;
    std::string_view name;
    std::string_view postgres_sql;
    std::string_view sqlite_sql;
};

std::span<const Migration> schema_migrations();

/// The version of the last migration: what a fully migrated database records.
int latest_schema_version();

}  // namespace todo::store
