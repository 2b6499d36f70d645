#include "chatbot/store/postgres_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include "chatbot/store/database_url.hpp"

namespace todo::store {
namespace {

std::string trimmed(const char* message) {
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Connection exceptions, operator intervention (shutdown) and resource exhaustion: the
// database is not available, as opposed to the query being wrong.
bool is_availability_error(std::string_view sqlstate) {
    return sqlstate.substr(0, 2) == "08" || sqlstate.substr(0, 3) == "57P" ||
           sqlstate.substr(0, 2) == "53";
}

// The server dropped a session's plan that a schema change made stale.
struct StalePlan : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A transaction-mode pooler that does not track prepared statements (PgBouncer < 1.21, or
// without max_prepared_statements) ran the statement on a session that never prepared it.
struct StatementNotThere : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The session already holds a statement of that name (a pooler gave us another's session).
struct AlreadyPrepared : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Named by the SQL itself: behind such a pooler a name found on another session can only
// mean the same statement, never another connection's.
std::string statement_name(const char* sql) {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
    for (const char* c = sql; *c != '\0'; ++c) {
        hash ^= static_cast<unsigned char>(*c);
        hash *= 1099511628211ULL;
    }
    char name[24];
    std::snprintf(name, sizeof name, "todo_%016llx", static_cast<unsigned long long>(hash));
    return name;
}

}  // namespace

PgResult::PgResult(pg_result* result) : result_(result, PQclear) {}

int PgResult::rows() const {
    return PQntuples(result_.get());
}

bool PgResult::is_null(int row, int column) const {
    return PQgetisnull(result_.get(), row, column) != 0;
}

std::string PgResult::text(int row, int column) const {
    return std::string(PQgetvalue(result_.get(), row, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t PgResult::integer(int row, int column) const {
    const char* value = PQgetvalue(result_.get(), row, column);
    std::int64_t number = 0;
    std::from_chars(value, value + PQgetlength(result_.get(), row, column), number);
    return number;
}

bool PgResult::boolean(int row, int column) const {
    return PQgetvalue(result_.get(), row, column)[0] == 't';
}

std::int64_t PgResult::affected_rows() const {
    std::string_view count = PQcmdTuples(result_.get());
    std::int64_t number = 0;
    std::from_chars(count.data(), count.data() + count.size(), number);
    return number;
}

PgConnection::PgConnection(std::string url, std::atomic<std::uint64_t>& failures)
    : url_(std::move(url)), failures_(failures) {}

PgConnection::~PgConnection() {
    if (connection_ != nullptr) PQfinish(connection_);
}

void PgConnection::ensure_connected() {
    if (connection_ != nullptr) {
        // Reads what the server sent while we were idle: a closed socket (restart, idle
        // timeout, Neon suspending) shows up here instead of failing the next query.
        bool alive = PQconsumeInput(connection_) != 0 && PQstatus(connection_) == CONNECTION_OK;
        if (alive && opened_at_failure_count_ == failures_.load()) return;
        PQfinish(connection_);
        connection_ = nullptr;
    }
    statements_.clear();  // a new session has none of them

    // Our defaults come first; anything the URL sets (e.g. connect_timeout) overrides them.
    static constexpr std::array<const char*, 10> keywords = {
        "connect_timeout",  "keepalives",
        "keepalives_idle",  "keepalives_interval",
        "keepalives_count", "tcp_user_timeout",
        "client_encoding",  "application_name",
        "dbname",           nullptr};
    std::array<const char*, 10> values = {"5",     "1",    "30",           "10",         "3",
                                          "15000", "UTF8", "todo-chatbot", url_.c_str(), nullptr};
    opened_at_failure_count_ = failures_.load();
    connection_ = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
    if (connection_ == nullptr)
        throw StoreUnavailable("cannot connect to PostgreSQL: out of memory");
    if (PQstatus(connection_) != CONNECTION_OK) {
        std::string reason = trimmed(PQerrorMessage(connection_));
        PQfinish(connection_);
        connection_ = nullptr;
        throw StoreUnavailable("cannot connect to PostgreSQL: " + redact_password(reason, url_));
    }
    // Server notices ("relation already exists, skipping") would go to stderr unformatted.
    PQsetNoticeProcessor(
        connection_, [](void*, const char*) {}, nullptr);
}

void PgConnection::fail_connection(const std::string& reason) {
    if (connection_ != nullptr) PQfinish(connection_);
    connection_ = nullptr;
    statements_.clear();
    failures_.fetch_add(1);
    throw StoreUnavailable("PostgreSQL is unavailable: " + reason);
}

void PgConnection::wait_readable(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (remaining.count() <= 0)
            fail_connection("no answer within " + std::to_string(kQueryDeadline.count()) + " s");
        pollfd descriptor{PQsocket(connection_), POLLIN, 0};
        int ready = ::poll(&descriptor, 1, static_cast<int>(remaining.count()));
        if (ready > 0) return;
        if (ready < 0 && errno != EINTR) fail_connection("poll failed");
    }
}

PgResult PgConnection::query(const char* sql, const std::vector<PgParam>& params) {
    ensure_connected();
    const int count = static_cast<int>(params.size());
    if (!prepare_) return execute(sql, nullptr, params);
    try {
        try {
            return execute(nullptr, prepared(sql, count).c_str(), params);
        } catch (const StalePlan&) {
            // Another instance migrated the table under this session's plan: plan it again.
            const std::string name = statements_.at(sql);
            statements_.erase(sql);
            run_script(("DEALLOCATE " + name).c_str());
            return execute(nullptr, prepared(sql, count).c_str(), params);
        }
    } catch (const StatementNotThere&) {
        prepare_ = false;  // this endpoint cannot keep them: send every statement whole
        statements_.clear();
        return execute(sql, nullptr, params);
    }
}

const std::string& PgConnection::prepared(const char* sql, int parameters) {
    if (auto found = statements_.find(sql); found != statements_.end()) return found->second;
    std::string name = statement_name(sql);
    if (PQsendPrepare(connection_, name.c_str(), sql, parameters, nullptr) == 0) {
        if (PQstatus(connection_) == CONNECTION_BAD)
            fail_connection(trimmed(PQerrorMessage(connection_)));
        throw std::runtime_error("PostgreSQL: " + trimmed(PQerrorMessage(connection_)));
    }
    try {
        collect();
    } catch (const AlreadyPrepared& error) {
        // A pooled session prepared it for another client: the name is the SQL, so it is ours.
        // Inside a transaction the error still aborted it, and the caller must know.
        if (PQtransactionStatus(connection_) != PQTRANS_IDLE) {
            statements_.emplace(sql, std::move(name));
            throw std::runtime_error(std::string("PostgreSQL: ") + error.what());
        }
    }
    return statements_.emplace(sql, std::move(name)).first->second;
}

PgResult PgConnection::execute(const char* sql, const char* name, const std::vector<PgParam>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
    const int count = static_cast<int>(values.size());
    const int sent =
        name != nullptr
            ? PQsendQueryPrepared(connection_, name, count, values.data(), nullptr, nullptr, 0)
            : PQsendQueryParams(connection_, sql, count, nullptr, values.data(), nullptr, nullptr, 0);
    if (sent == 0) {
        if (PQstatus(connection_) == CONNECTION_BAD)
            fail_connection(trimmed(PQerrorMessage(connection_)));
        throw std::runtime_error("PostgreSQL: " + trimmed(PQerrorMessage(connection_)));
    }
    return collect();
}

void PgConnection::run_script(const char* sql) {
    ensure_connected();
    if (PQsendQuery(connection_, sql) == 0) {
        if (PQstatus(connection_) == CONNECTION_BAD)
            fail_connection(trimmed(PQerrorMessage(connection_)));
        throw std::runtime_error("PostgreSQL: " + trimmed(PQerrorMessage(connection_)));
    }
    collect();
}

PgResult PgConnection::collect() {
    auto deadline = std::chrono::steady_clock::now() + kQueryDeadline;
    PGresult* kept = nullptr;  // the first error, else the last result
    for (;;) {
        while (PQisBusy(connection_) != 0) {
            wait_readable(deadline);
            if (PQconsumeInput(connection_) == 0) {
                if (kept != nullptr) PQclear(kept);
                fail_connection(trimmed(PQerrorMessage(connection_)));
            }
        }
        PGresult* next = PQgetResult(connection_);
        if (next == nullptr) break;
        bool kept_is_error = kept != nullptr && PQresultStatus(kept) == PGRES_FATAL_ERROR;
        if (kept == nullptr || !kept_is_error) {
            if (kept != nullptr) PQclear(kept);
            kept = next;
        } else {
            PQclear(next);
        }
    }
    if (kept == nullptr) fail_connection(trimmed(PQerrorMessage(connection_)));

    PgResult result(kept);
    auto status = PQresultStatus(kept);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;

    std::string message = trimmed(PQresultErrorMessage(kept));
    const char* sqlstate = PQresultErrorField(kept, PG_DIAG_SQLSTATE);
    if (PQstatus(connection_) == CONNECTION_BAD ||
        (sqlstate != nullptr && is_availability_error(sqlstate)))
        fail_connection(message);
    // Outside a transaction these are worth a second try: "cached plan must not change result
    // type" (re-plan), and a prepared statement that a pooler lost or already had.
    const std::string_view state = sqlstate != nullptr ? sqlstate : "";
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE) {
        if (state == "0A000") throw StalePlan(message);
        if (state == "26000") throw StatementNotThere(message);
    }
    if (state == "42P05") throw AlreadyPrepared(message);
    // Data exceptions (invalid UTF-8, a date out of range): the input was bad, not the query.
    if (sqlstate != nullptr && std::string_view(sqlstate).substr(0, 2) == "22")
        throw std::invalid_argument("PostgreSQL rejected a value: " + message);
    throw std::runtime_error("PostgreSQL: " + message);
}

}  // namespace todo::store
