#pragma once
// The built-in engine's heart: one message plus the conversation's context in, at most one
// tool call (or a reply asking back) out. Pure: no store, no clock, no I/O.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// What the message is about: the user's tasks, the task the conversation last touched, and
/// today's date (YYYY-MM-DD) for resolving "tomorrow" or "friday".
struct Context {
    std::vector<Task> tasks;
    std::optional<std::int64_t> last_task_id;
    std::string today;
};

struct ToolCall {
    std::string name;  ///< add_task, list_tasks, complete_task, delete_task or update_task
    nlohmann::json arguments;
};

/// Either a tool call to execute (then `reply` is empty) or a reply to send as it is:
/// a greeting, help, a question back about an unknown or ambiguous task, or a fallback.
struct Intent {
    std::optional<ToolCall> call;
    std::string reply;
};

/// Interprets one chat message. `complete_task` is only proposed for a task that is not yet
/// done; an already completed task gets a reply saying so.
Intent interpret(std::string_view text, const Context& context);

}  // namespace todo::assistant
