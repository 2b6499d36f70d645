#pragma once
// One SQLite connection with its prepared statements cached, used by one thread at a time.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace todo::store {

/// A cached statement in use; it is reset and its bindings cleared when this goes away.
class SqliteStatement {
public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, std::int64_t number);
    SqliteStatement& bind(int index, bool flag) { return bind(index, std::int64_t{flag ? 1 : 0}); }
    SqliteStatement& bind_null(int index);
    template <typename T>
    SqliteStatement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    /// Advances to the next row; false when there are no more.
    bool step();
    /// Runs the statement to its end, where an autocommitted write commits; throws on failure.
    void finish();
    bool is_null(int column) const;
    std::string text(int column) const;
    std::int64_t integer(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* statement_;
};

class SqliteConnection {
public:
    /// Opens (creating) the database file, or a private in-memory database for ":memory:".
    /// Throws StoreUnavailable.
    explicit SqliteConnection(const std::string& path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// `sql` must be one of the constants in sqlite_sql.hpp: statements are cached by address.
    SqliteStatement prepare(const char* sql);
    /// Runs statements without parameters or results (pragmas, migrations, BEGIN/COMMIT).
    void run_script(const char* sql);
    std::int64_t changes() const;

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

/// Throws StoreUnavailable for busy, I/O and disk errors, std::runtime_error otherwise.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, std::string_view doing);

}  // namespace todo::store
