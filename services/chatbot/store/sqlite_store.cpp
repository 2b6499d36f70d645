#include "chatbot/store/sqlite_store.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include "chatbot/store/connection_pool.hpp"
#include "chatbot/store/migrations.hpp"
#include "chatbot/store/row_encoding.hpp"
#include "chatbot/store/sqlite_connection.hpp"
#include "chatbot/store/sqlite_sql.hpp"

namespace todo::store {
namespace {

// Longer than the busy timeout, so a busy writer surfaces as SQLITE_BUSY first.
constexpr std::chrono::seconds kPoolWait{10};

std::optional<std::string> priority_text(const std::optional<Priority>& priority) {
    if (!priority) return std::nullopt;
    return std::string(to_string(*priority));
}

std::optional<std::string> tags_text(const std::optional<std::vector<std::string>>& tags) {
    if (!tags) return std::nullopt;
    return encode_tags(*tags);
}

Task task_from(const SqliteStatement& row) {
    Task task;
    task.id = row.integer(0);
    task.title = row.text(1);
    task.description = row.text(2);
    task.completed = row.integer(3) != 0;
    task.priority = parse_priority(row.text(4)).value_or(Priority::Medium);
    if (!row.is_null(5)) task.due_date = row.text(5);
    task.tags = decode_tags(row.text(6));
    task.created_at = row.text(7);
    task.updated_at = row.text(8);
    return task;
}

Message message_from(const SqliteStatement& row) {
    Message message;
    message.id = row.integer(0);
    message.conversation_id = row.integer(1);
    message.role = row.text(2);
    message.content = row.text(3);
    message.tool_calls_json = row.text(4);
    message.created_at = row.text(5);
    return message;
}

std::optional<Task> single_task(SqliteStatement& statement) {
    if (!statement.step()) return std::nullopt;
    return task_from(statement);
}

// A write's RETURNING row comes before the statement ends, and its autocommit happens at the
// end: running it there makes a failed commit throw instead of vanishing in the reset.
std::optional<Task> written_task(SqliteStatement& statement) {
    auto task = single_task(statement);
    statement.finish();
    return task;
}

const char* list_query_for(SortOrder sort) {
    switch (sort) {
        case SortOrder::Due:
            return sqlite_sql::kListTasksByDue;
        case SortOrder::Priority:
            return sqlite_sql::kListTasksByPriority;
        case SortOrder::Title:
            return sqlite_sql::kListTasksByTitle;
        case SortOrder::Created:
            break;
    }
    return sqlite_sql::kListTasksByCreated;
}

void migrate(SqliteConnection& connection) {
    connection.run_script(sqlite_sql::kBeginImmediate);
    try {
        connection.run_script(sqlite_sql::kCreateMigrationsTable);
        std::set<std::int64_t> applied;
        {
            auto versions = connection.prepare(sqlite_sql::kAppliedVersions);
            while (versions.step()) applied.insert(versions.integer(0));
        }
        for (const auto& migration : schema_migrations()) {
            if (applied.count(migration.version) != 0) continue;
            connection.run_script(std::string(migration.sqlite_sql).c_str());
            auto record = connection.prepare(sqlite_sql::kRecordMigration);
            record.bind(1, std::int64_t{migration.version}).bind(2, migration.name);
            record.step();
        }
        connection.run_script(sqlite_sql::kCommit);
    } catch (...) {
        try {
            connection.run_script(sqlite_sql::kRollback);
        } catch (...) {
        }
        throw;
    }
}

class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, QueryObserver observer, std::size_t pool_size)
        : observer_(std::move(observer)), pool_(kPoolWait) {
        auto first = std::make_unique<SqliteConnection>(path);
        {
            QueryTimer timer(observer_, "migrate");
            migrate(*first);
        }
        pool_.add(std::move(first));
        // Every connection to ":memory:" would be a different, empty database: share one.
        std::size_t count = path == ":memory:" ? 1 : std::max<std::size_t>(pool_size, 1);
        for (std::size_t i = 1; i < count; ++i) pool_.add(std::make_unique<SqliteConnection>(path));
    }

    void ping() override {
        QueryTimer timer(observer_, "ping");
        auto connection = pool_.acquire();
        connection->prepare(sqlite_sql::kPing).step();
    }

    std::string_view kind() const override { return "sqlite"; }

    using Store::create_task;
    Task create_task(const std::string& user_id, const TaskDraft& draft, std::size_t cap) override {
        QueryTimer timer(observer_, "create_task");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kInsertTask);
        statement.bind(1, user_id)
            .bind(2, draft.title)
            .bind(3, draft.description)
            .bind(4, to_string(draft.priority))
            .bind(5, draft.due_date)
            .bind(6, encode_tags(draft.tags));
        if (cap)
            statement.bind(7, static_cast<std::int64_t>(cap));
        else
            statement.bind_null(7);
        auto task = written_task(statement);
        if (!task) throw TaskLimitReached(cap);
        return *std::move(task);
    }

    std::vector<Task> list_tasks(const std::string& user_id, const TaskFilter& filter) override {
        QueryTimer timer(observer_, "list_tasks");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(list_query_for(filter.sort));
        statement.bind(1, user_id)
            .bind(2, completed_for(filter.status))
            .bind(3, priority_text(filter.priority))
            .bind(4, filter.tag);
        if (filter.search)
            statement.bind(5, contains_pattern(*filter.search));
        else
            statement.bind_null(5);
        statement.bind(6, filter.due_from)
            .bind(7, filter.due_to)
            .bind(8, filter.limit ? static_cast<std::int64_t>(filter.limit) : std::int64_t{-1})
            .bind(9, static_cast<std::int64_t>(filter.offset));
        std::vector<Task> tasks;
        while (statement.step()) tasks.push_back(task_from(statement));
        return tasks;
    }

    std::optional<Task> get_task(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "get_task");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kSelectTask);
        statement.bind(1, user_id).bind(2, id);
        return single_task(statement);
    }

    std::optional<Task> update_task(const std::string& user_id, std::int64_t id,
                                    const TaskPatch& patch) override {
        QueryTimer timer(observer_, "update_task");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kUpdateTask);
        statement.bind(1, user_id)
            .bind(2, id)
            .bind(3, patch.title)
            .bind(4, patch.description)
            .bind(5, priority_text(patch.priority))
            .bind(6, patch.due_date.has_value())
            .bind(7, patch.due_date ? *patch.due_date : std::nullopt)
            .bind(8, patch.completed)
            .bind(9, tags_text(patch.tags));
        return written_task(statement);
    }

    std::optional<Task> toggle_complete(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "toggle_complete");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kToggleTask);
        statement.bind(1, user_id).bind(2, id);
        return written_task(statement);
    }

    bool delete_task(const std::string& user_id, std::int64_t id) override {
        QueryTimer timer(observer_, "delete_task");
        auto connection = pool_.acquire();
        {
            auto statement = connection->prepare(sqlite_sql::kDeleteTask);
            statement.bind(1, user_id).bind(2, id);
            statement.step();
        }
        return connection->changes() > 0;
    }

    std::int64_t create_conversation(const std::string& user_id) override {
        QueryTimer timer(observer_, "create_conversation");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kInsertConversation);
        statement.bind(1, user_id);
        statement.step();
        const auto id = statement.integer(0);
        statement.finish();
        return id;
    }

    std::size_t count_tasks(const std::string& user_id) override {
        QueryTimer timer(observer_, "count_tasks");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kCountTasks);
        statement.bind(1, user_id);
        statement.step();
        return static_cast<std::size_t>(statement.integer(0));
    }

    std::vector<ConversationSummary> list_conversations(const std::string& user_id, std::size_t limit,
                                                        std::size_t offset) override {
        QueryTimer timer(observer_, "list_conversations");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kListConversations);
        statement.bind(1, user_id)
            .bind(2, static_cast<std::int64_t>(limit))
            .bind(3, static_cast<std::int64_t>(offset));
        std::vector<ConversationSummary> out;
        while (statement.step()) out.push_back({statement.integer(0), statement.text(1), statement.text(2)});
        return out;
    }

    bool conversation_exists(const std::string& user_id, std::int64_t conversation_id) override {
        QueryTimer timer(observer_, "conversation_exists");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kConversationExists);
        statement.bind(1, user_id).bind(2, conversation_id);
        return statement.step();
    }

    Message append_message(const std::string& user_id, std::int64_t conversation_id,
                           const std::string& role, const std::string& content,
                           const std::string& tool_calls_json) override {
        QueryTimer timer(observer_, "append_message");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kAppendMessage);
        statement.bind(1, user_id)
            .bind(2, conversation_id)
            .bind(3, role)
            .bind(4, content)
            .bind(5, tool_calls_json.empty() ? std::string_view("[]") : tool_calls_json);
        if (!statement.step())
            throw ConversationNotFound("conversation " + std::to_string(conversation_id) +
                                       " does not exist");
        auto message = message_from(statement);
        statement.finish();
        return message;
    }

    std::vector<Message> list_messages(const std::string& user_id, std::int64_t conversation_id,
                                       std::size_t limit) override {
        QueryTimer timer(observer_, "list_messages");
        auto connection = pool_.acquire();
        auto statement = connection->prepare(sqlite_sql::kListMessages);
        statement.bind(1, user_id)
            .bind(2, conversation_id)
            .bind(3, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
        std::vector<Message> messages;
        while (statement.step()) messages.push_back(message_from(statement));
        return messages;
    }

private:
    QueryObserver observer_;
    ConnectionPool<SqliteConnection> pool_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, QueryObserver observer,
                                         std::size_t pool_size) {
    return std::make_unique<SqliteStore>(path, std::move(observer), pool_size);
}

}  // namespace todo::store
