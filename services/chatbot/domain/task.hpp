#pragma once
// The todo domain shared by the store, the assistant and the HTTP API.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace todo {

enum class Priority { Low, Medium, High };

std::string_view to_string(Priority p);
std::optional<Priority> parse_priority(std::string_view text);

/// A stored task. Timestamps are ISO 8601 UTC ("2026-11-27T14:03:00Z").
struct Task {
    std::int64_t id = 0;
    std::string title;
    std::string description;
    bool completed = false;
    Priority priority = Priority::Medium;
    std::optional<std::string> due_date;  ///< YYYY-MM-DD
    std::vector<std::string> tags;
    std::string created_at;
    std::string updated_at;
};

/// What a client supplies to create a task; already validated.
struct TaskDraft {
    std::string title;
    std::string description;
    Priority priority = Priority::Medium;
    std::optional<std::string> due_date;
    std::vector<std::string> tags;
};

/// A partial update: an empty optional leaves the field alone.
/// `due_date` holds an inner nullopt to clear the date.
struct TaskPatch {
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<Priority> priority;
    std::optional<std::optional<std::string>> due_date;
    std::optional<bool> completed;
    std::optional<std::vector<std::string>> tags;

    bool empty() const {
        return !title && !description && !priority && !due_date && !completed && !tags;
    }
};

enum class StatusFilter { All, Pending, Completed };
enum class SortOrder { Created, Due, Priority, Title };

struct TaskFilter {
    StatusFilter status = StatusFilter::All;
    std::optional<Priority> priority;
    std::optional<std::string> tag;
    std::optional<std::string> search;  ///< case-insensitive substring of title or description
    SortOrder sort = SortOrder::Created;
    std::optional<std::string> due_from;  ///< YYYY-MM-DD, inclusive
    std::optional<std::string> due_to;    ///< YYYY-MM-DD, inclusive
    std::size_t limit = 0;                ///< 0: every match
    std::size_t offset = 0;
};

/// Narrows `filter` to "today", "overdue" (open tasks due before today), "week" (today and
/// the 6 days after) or a YYYY-MM-DD date. False when `due` is none of these.
bool apply_due_filter(TaskFilter& filter, std::string_view due, std::string_view today);

/// A conversation as listed: its id and when it began and was last active.
struct ConversationSummary {
    std::int64_t id = 0;
    std::string created_at;
    std::string updated_at;
};

std::optional<StatusFilter> parse_status_filter(std::string_view text);
std::optional<SortOrder> parse_sort_order(std::string_view text);

/// One stored chat message. `tool_calls` is the JSON array the chat endpoint answered with
/// (empty for user messages).
struct Message {
    std::int64_t id = 0;
    std::int64_t conversation_id = 0;
    std::string role;  ///< "user" or "assistant"
    std::string content;
    std::string tool_calls_json = "[]";
    std::string created_at;
};

nlohmann::json to_json(const Task& task);
nlohmann::json to_json(const std::vector<Task>& tasks);
nlohmann::json to_json(const Message& message);

}  // namespace todo
