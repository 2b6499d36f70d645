#pragma once
// Splits a DATABASE_URL into the backend it names and what that backend needs to open it.

#include <string>

namespace todo::store {

struct DatabaseUrl {
    enum class Backend { Postgres, Sqlite };
    Backend backend = Backend::Sqlite;
    /// Postgres: the URL itself, untouched (libpq parses it). SQLite: a file path or ":memory:".
    std::string target;
};

/// Throws BadDatabaseUrl naming what is wrong; never echoes the URL (it may hold a password).
DatabaseUrl parse_database_url(const std::string& url);

/// `message` with the URL's password (user:PASSWORD@ or password=PASSWORD) masked, for
/// error messages from libpq, which sometimes quote the URL.
std::string redact_password(std::string message, const std::string& url);

}  // namespace todo::store
