#pragma once
// One libpq connection that reconnects on demand and never waits on the server without a
// deadline. Connection-level failures become StoreUnavailable; the next use reconnects.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chatbot/store/store.hpp"

struct pg_conn;
struct pg_result;

namespace todo::store {

/// A text-format query result.
class PgResult {
public:
    explicit PgResult(pg_result* result);
    int rows() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    bool boolean(int row, int column) const;
    /// Rows changed by INSERT, UPDATE or DELETE.
    std::int64_t affected_rows() const;

private:
    std::shared_ptr<pg_result> result_;
};

/// A query parameter in text form; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;

class PgConnection {
public:
    /// `failures` is shared by the pool: any connection-level failure bumps it, and every
    /// connection opened before that bump is reopened before its next query.
    PgConnection(std::string url, std::atomic<std::uint64_t>& failures);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// One statement with parameters (extended protocol), prepared on this connection the
    /// first time it is used and again after a reconnect.
    PgResult query(const char* sql, const std::vector<PgParam>& params = {});
    /// Several statements without parameters (simple protocol), e.g. a migration.
    void run_script(const char* sql);

    static constexpr std::chrono::seconds kQueryDeadline{10};

private:
    void ensure_connected();
    /// The server-side name of `sql`'s prepared statement, preparing it first if needed.
    const std::string& prepared(const char* sql, int parameters);
    /// Sends `sql` whole, or the prepared statement `name` when not null.
    PgResult execute(const char* sql, const char* name, const std::vector<PgParam>& params);
    PgResult collect();
    void wait_readable(std::chrono::steady_clock::time_point deadline);
    [[noreturn]] void fail_connection(const std::string& reason);

    std::string url_;
    std::atomic<std::uint64_t>& failures_;
    std::uint64_t opened_at_failure_count_ = 0;
    pg_conn* connection_ = nullptr;
    // By the SQL's address: every statement is a constant, so each is parsed and planned by
    // the server once per connection instead of once per query.
    std::unordered_map<const char*, std::string> statements_;
    bool prepare_ = true;  // false once a pooler lost a statement: then each is sent whole
};

}  // namespace todo::store
