#include "chatbot/store/postgres_store.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <set>

#include "chatbot/store/connection_pool.hpp"
#include "chatbot/store/migrations.hpp"
#include "chatbot/store/postgres_connection.hpp"
#include "chatbot/store/postgres_sql.hpp"
#include "chatbot/store/row_encoding.hpp"

namespace todo::store {
namespace {

constexpr std::chrono::seconds kPoolWait{5};

PgParam text_param(std::string_view text) {
    // libpq parameters are C strings: a NUL would silently cut the value short.
    if (text.find('\0') != std::string_view::npos)
        throw std::invalid_argument("text with a NUL character cannot be stored");
    return std::string(text);
}
PgParam bool_param(bool value) {
    return value ? "true" : "false";
}
PgParam id_param(std::int64_t id) {
    return std::to_string(id);
}
std::int64_t row_limit(std::size_t limit) {
    return static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX));
}
template <typename T, typename Encode>
PgParam optional_param(const std::optional<T>& value, Encode encode) {
    return value ? encode(*value) : PgParam{};
}

Task task_from(const PgResult& rows, int row) {
    Task task;
    task.id = rows.integer(row, 0);
    task.title = rows.text(row, 1);
    task.description = rows.text(row, 2);
    task.completed = rows.boolean(row, 3);
    task.priority = parse_priority(rows.text(row, 4)).value_or(Priority::Medium);
    if (!rows.is_null(row, 5)) task.due_date = rows.text(row, 5);
    task.tags = decode_tags(rows.text(row, 6));
    task.created_at = rows.text(row, 7);
    task.updated_at = rows.text(row, 8);
    return task;
}

Message message_from(const PgResult& rows, int row) {
    Message message;
    message.id = rows.integer(row, 0);
    message.conversation_id = rows.integer(row, 1);
    message.role = rows.text(row, 2);
    message.content = rows.text(row, 3);
    message.tool_calls_json = rows.text(row, 4);
    message.created_at = rows.text(row, 5);
    return message;
}

const char* list_query_for(SortOrder sort) {
    switch (sort) {
        case SortOrder::Due:
            return pg_sql::kListTasksByDue;
        case SortOrder::Priority:
            return pg_sql::kListTasksByPriority;
        case SortOrder::Title:
            return pg_sql::kListTasksByTitle;
        case SortOrder::Created:
            break;
    }
    return pg_sql::kListTasksByCreated;
}

class PostgresStore final : public Store {
public:
    PostgresStore(const std::string& url, QueryObserver observer, std::size_t pool_size)
        : observer_(std::move(observer)), pool_(kPoolWait) {
        for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i)
            pool_.add(std::make_unique<PgConnection>(url, failures_));
    }

    void migrate() {
        QueryTimer timer(observer_, "migrate");
        auto connection = pool_.acquire();
        connection->query(pg_sql::kBegin);
        try {
            connection->query(pg_sql::kLockMigrations);
            connection->query(pg_sql::kCreateMigrationsTable);
            auto applied_rows = connection->query(pg_sql::kAppliedVersions);
            std::set<std::int64_t> applied;
            for (int row = 0; row < applied_rows.rows(); ++row)
                applied.insert(applied_rows.integer(row, 0));
            for (const auto& migration : schema_migrations()) {
                if (applied.count(migration.version) != 0) continue;
                connection->run_script(std::string(migration.postgres_sql).c_str());
                connection->query(pg_sql::kRecordMigration,
                                  {std::to_string(migration.version), std::string(migration.name)});
            }
            connection->query(pg_sql::kCommit);
        } catch (const StoreUnavailable&) {
            throw;  // the connection is gone, and its transaction with it
        } catch (...) {
            try {
                connection->query(pg_sql::kRollback);
            } catch (...) {
            }
            throw;
        }
    }

    void ping() override {
        QueryTimer timer(observer_, "ping");
        pool_.acquire()->query(pg_sql::kPing);
    }

    std::string_view kind() const override { return "postgres"; }

    using Store::create_task;
    Task create_task(const std::string& user_id, const TaskDraft& draft, std::size_t cap) override {
        QueryTimer timer(observer_, "create_task");
        auto rows = pool_.acquire()->query(
            pg_sql::kInsertTask,
            {text_param(user_id), text_param(draft.title), text_param(draft.description),
             std::string(to_string(draft.priority)), optional_param(draft.due_date, text_param),
             text_param(encode_tags(draft.tags)),
             cap ? id_param(static_cast<std::int64_t>(cap)) : PgParam{}});
        if (rows.rows() == 0) throw TaskLimitReached(cap);
        return task_from(rows, 0);
    }

    std::vector<Task> list_tasks(const std::string& user_id, const TaskFilter& filter) override {
        QueryTimer timer(observer_, "list_tasks");
        auto rows = pool_.acquire()->query(
            list_query_for(filter.sort),
            {text_param(user_id), optional_param(completed_for(filter.status), bool_param),
             optional_param(filter.priority, [](Priority p) { return std::string(to_string(p)); }),
             optional_param(filter.tag, text_param),
             optional_param(filter.search,
                            [](const std::string& s) { return text_param(contains_pattern(s)); }),
             optional_param(filter.due_from, text_param), optional_param(filter.due_to, text_param),
             filter.limit ? id_param(static_cast<std::int64_t>(filter.limit)) : PgParam{},
             id_param(static_cast<std::int64_t>(filter.offset))});
        std::vector<Task> tasks;
        tasks.reserve(static_cast<std::size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) tasks.push_back(task_from(rows, row));
        return tasks;
    }

    std::optional<Task> get_task(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "get_task");
        auto rows =
            pool_.acquire()->query(pg_sql::kSelectTask, {text_param(user_id), id_param(id)});
        if (rows.rows() == 0) return std::nullopt;
        return task_from(rows, 0);
    }

    std::optional<Task> update_task(const std::string& user_id, std::int64_t id,
                                    const TaskPatch& patch) override {
        QueryTimer timer(observer_, "update_task");
        auto rows = pool_.acquire()->query(
            pg_sql::kUpdateTask,
            {text_param(user_id), id_param(id), optional_param(patch.title, text_param),
             optional_param(patch.description, text_param),
             optional_param(patch.priority, [](Priority p) { return std::string(to_string(p)); }),
             bool_param(patch.due_date.has_value()),
             patch.due_date ? optional_param(*patch.due_date, text_param) : PgParam{},
             optional_param(patch.completed, bool_param),
             optional_param(patch.tags,
                            [](const auto& tags) { return text_param(encode_tags(tags)); })});
        if (rows.rows() == 0) return std::nullopt;
        return task_from(rows, 0);
    }

    std::optional<Task> toggle_complete(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "toggle_complete");
        auto rows =
            pool_.acquire()->query(pg_sql::kToggleTask, {text_param(user_id), id_param(id)});
        if (rows.rows() == 0) return std::nullopt;
        return task_from(rows, 0);
    }

    bool delete_task(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "delete_task");
        auto result =
            pool_.acquire()->query(pg_sql::kDeleteTask, {text_param(user_id), id_param(id)});
        return result.affected_rows() > 0;
    }

    std::int64_t create_conversation(const std::string& user_id) override {
        QueryTimer timer(observer_, "create_conversation");
        auto rows = pool_.acquire()->query(pg_sql::kInsertConversation, {text_param(user_id)});
        return rows.integer(0, 0);
    }

    std::size_t count_tasks(const std::string& user_id) override {
        QueryTimer timer(observer_, "count_tasks");
        auto rows = pool_.acquire()->query(pg_sql::kCountTasks, {text_param(user_id)});
        return static_cast<std::size_t>(rows.integer(0, 0));
    }

    std::vector<ConversationSummary> list_conversations(const std::string& user_id, std::size_t limit,
                                                        std::size_t offset) override {
        QueryTimer timer(observer_, "list_conversations");
        auto rows = pool_.acquire()->query(
            pg_sql::kListConversations,
            {text_param(user_id), id_param(static_cast<std::int64_t>(limit)),
             id_param(static_cast<std::int64_t>(offset))});
        std::vector<ConversationSummary> out;
        for (int row = 0; row < rows.rows(); ++row)
            out.push_back({rows.integer(row, 0), rows.text(row, 1), rows.text(row, 2)});
        return out;
    }

    bool conversation_exists(const std::string& user_id, std::int64_t conversation_id) override {
        QueryTimer timer(observer_, "conversation_exists");
        auto rows = pool_.acquire()->query(pg_sql::kConversationExists,
                                           {text_param(user_id), id_param(conversation_id)});
        return rows.rows() > 0;
    }

    Message append_message(const std::string& user_id, std::int64_t conversation_id,
                           const std::string& role, const std::string& content,
                           const std::string& tool_calls_json) override {
        QueryTimer timer(observer_, "append_message");
        auto rows = pool_.acquire()->query(
            pg_sql::kAppendMessage,
            {text_param(user_id), id_param(conversation_id), text_param(role), text_param(content),
             text_param(tool_calls_json.empty() ? "[]" : tool_calls_json)});
        if (rows.rows() == 0)
            throw ConversationNotFound("conversation " + std::to_string(conversation_id) +
                                       " does not exist");
        return message_from(rows, 0);
    }

    std::vector<Message> list_messages(const std::string& user_id, std::int64_t conversation_id,
                                       std::size_t limit) override {
        QueryTimer timer(observer_, "list_messages");
        auto rows = pool_.acquire()->query(
            pg_sql::kListMessages,
            {text_param(user_id), id_param(conversation_id), std::to_string(row_limit(limit))});
        std::vector<Message> messages;
        messages.reserve(static_cast<std::size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) messages.push_back(message_from(rows, row));
        return messages;
    }

private:
    QueryObserver observer_;
    std::atomic<std::uint64_t> failures_{0};
    ConnectionPool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, QueryObserver observer,
                                           std::size_t pool_size) {
    auto store = std::make_unique<PostgresStore>(url, std::move(observer), pool_size);
    store->migrate();
    return store;
}

}  // namespace todo::store
