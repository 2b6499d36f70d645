#pragma once
// The built-in engine's heart: one message plus the conversation's context in, the tool calls
// a person meant (or a question back) out. No store, clock or I/O of its own: the tasks come
// through the caller's TaskList.
//
// The request's leading verb phrase picks a frame (add, complete, reopen, delete, update, list
// or small talk); slots are filled from the rest, and cue words are consumed where they stand.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/assistant/task_list.hpp"
#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// What a message is read against.
struct Context {
    TaskList tasks;
    std::optional<std::int64_t> last_task_id;  ///< the task the conversation last touched
    std::vector<std::int64_t> last_listed;     ///< the ids of the last list shown, in order
    std::string today;                         ///< YYYY-MM-DD
    /// The previous user message, when the answer to it was a question (no tool ran): the
    /// new message may be its "yes", "no", or the choice among the candidates offered.
    std::optional<std::string> pending;
};

struct ToolCall {
    std::string name;  ///< add_task, list_tasks, complete_task, delete_task or update_task
    nlohmann::json arguments;
};

struct Plan {
    std::vector<ToolCall> calls;  ///< run in order, unless `confirm`
    std::string reply;            ///< the answer when there are no calls to run
    bool confirm = false;         ///< the calls wait for a "yes" in the next message
    /// An ambiguous reference: the candidates offered, and the call to make with the chosen
    /// one's id as "task_id".
    std::vector<std::int64_t> candidates;
    std::optional<ToolCall> choice;
};

Plan parse_message(std::string_view text, const Context& context);

/// The question that asks for a yes before `plan.calls` run.
std::string confirmation_question(const Plan& plan, const Context& context);

}  // namespace todo::assistant
