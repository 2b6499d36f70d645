#include "chatbot/store/sqlite_connection.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "chatbot/store/sqlite_sql.hpp"
#include "chatbot/store/store.hpp"

namespace todo::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

bool is_availability_error(int code) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_NOMEM:
        case SQLITE_READONLY:
        case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

void create_parent_directory(const std::string& path) {
    auto parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error)
        throw StoreUnavailable("cannot create the directory " + parent.string() +
                               " for the SQLite database: " + error.message());
}

}  // namespace

void throw_sqlite_error(sqlite3* db, int code, std::string_view doing) {
    std::string message = "SQLite failed " + std::string(doing) + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    if (is_availability_error(code)) throw StoreUnavailable(message);
    throw std::runtime_error(message);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
    int code = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "binding a parameter");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t number) {
    int code = sqlite3_bind_int64(statement_, index, number);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "binding a parameter");
    return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
    int code = sqlite3_bind_null(statement_, index);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "binding a parameter");
    return *this;
}

bool SqliteStatement::step() {
    int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    throw_sqlite_error(db_, code, "running a query");
}

void SqliteStatement::finish() {
    while (step()) {
    }
}

bool SqliteStatement::is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string SqliteStatement::text(int column) const {
    const auto* data = sqlite3_column_text(statement_, column);
    int size = sqlite3_column_bytes(statement_, column);
    if (data == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::int64_t SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(statement_, column);
}

SqliteConnection::SqliteConnection(const std::string& path) {
    bool in_memory = path == ":memory:";
    if (!in_memory) create_parent_directory(path);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (code != SQLITE_OK) {
        std::string message = "cannot open the SQLite database " + path + ": " +
                              (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code));
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreUnavailable(message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    try {
        run_script(in_memory ? sqlite_sql::kMemoryPragmas : sqlite_sql::kFilePragmas);
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
}

SqliteStatement SqliteConnection::prepare(const char* sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return SqliteStatement(db_, found->second);
    sqlite3_stmt* statement = nullptr;
    int code = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "preparing a query");
    statements_.emplace(sql, statement);
    return SqliteStatement(db_, statement);
}

void SqliteConnection::run_script(const char* sql) {
    char* error = nullptr;
    int code = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    sqlite3_free(error);
    if (code != SQLITE_OK) throw_sqlite_error(db_, code, "running a script");
}

std::int64_t SqliteConnection::changes() const {
    return sqlite3_changes64(db_);
}

}  // namespace todo::store
