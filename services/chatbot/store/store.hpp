#pragma once
// The persistence boundary. Every operation is scoped to one user; a task or conversation of
// another user behaves exactly as if it did not exist. Implementations are thread-safe.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::store {

/// The database cannot be reached or answered with a connection-level failure.
/// The HTTP layer maps it to 503; the caller may retry later.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The URL names no supported backend, or is malformed.
class BadDatabaseUrl : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// create_task found the user already at the cap; nothing was written.
class TaskLimitReached : public std::runtime_error {
public:
    explicit TaskLimitReached(std::size_t cap)
        : std::runtime_error("you have reached the limit of " + std::to_string(cap) +
                             " tasks; delete some before adding more") {}
};

/// append_message named a conversation that does not exist for this user.
class ConversationNotFound : public std::out_of_range {
public:
    using std::out_of_range::out_of_range;
};

/// Called after every query with a short operation name ("list_tasks") and its duration.
using QueryObserver = std::function<void(std::string_view operation, double seconds)>;

class Store {
public:
    virtual ~Store() = default;

    /// Throws StoreUnavailable when the database does not answer a trivial query.
    virtual void ping() = 0;
    /// "postgres" or "sqlite".
    virtual std::string_view kind() const = 0;

    /// Creates the task unless the user already has `cap` tasks (0: no cap); throws
    /// TaskLimitReached. One create at a time never passes the cap. On PostgreSQL, creates in
    /// flight at the same moment may each pass it once (no lock is held across the commit).
    virtual Task create_task(const std::string& user_id, const TaskDraft& draft, std::size_t cap) = 0;
    Task create_task(const std::string& user_id, const TaskDraft& draft) {
        return create_task(user_id, draft, 0);
    }
    virtual std::vector<Task> list_tasks(const std::string& user_id, const TaskFilter& filter) = 0;
    /// How many tasks the user has, from a counter the database keeps (no scan).
    virtual std::size_t count_tasks(const std::string& user_id) = 0;
    virtual std::optional<Task> get_task(const std::string& user_id, std::int64_t id) = 0;
    /// Applies the patch atomically; nullopt when the task does not exist for this user.
    virtual std::optional<Task> update_task(const std::string& user_id, std::int64_t id,
                                            const TaskPatch& patch) = 0;
    /// Flips `completed`; nullopt when the task does not exist for this user.
    virtual std::optional<Task> toggle_complete(const std::string& user_id, std::int64_t id) = 0;
    virtual bool delete_task(const std::string& user_id, std::int64_t id) = 0;

    virtual std::int64_t create_conversation(const std::string& user_id) = 0;
    virtual bool conversation_exists(const std::string& user_id, std::int64_t conversation_id) = 0;
    /// Throws ConversationNotFound when the conversation is not this user's.
    virtual Message append_message(const std::string& user_id, std::int64_t conversation_id,
                                   const std::string& role, const std::string& content,
                                   const std::string& tool_calls_json) = 0;
    /// The user's conversations, newest first.
    virtual std::vector<ConversationSummary> list_conversations(const std::string& user_id,
                                                                std::size_t limit,
                                                                std::size_t offset) = 0;
    /// The last `limit` messages of the conversation, oldest first.
    virtual std::vector<Message> list_messages(const std::string& user_id,
                                               std::int64_t conversation_id, std::size_t limit) = 0;
};

/// Opens `postgres://…`, `postgresql://…`, `sqlite:PATH` or `sqlite::memory:` and runs the
/// pending migrations. Throws BadDatabaseUrl or StoreUnavailable.
std::unique_ptr<Store> open_store(const std::string& url, QueryObserver observer = {},
                                  std::size_t pool_size = 8);

}  // namespace todo::store
