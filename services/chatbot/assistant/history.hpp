#pragma once
// What the built-in engine reads back from a stored conversation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// The task the conversation last acted on, so "mark it done" can follow "add buy milk": the
/// most recent assistant message with tool calls (looking back at most 3 assistant turns),
/// its last call's result "id" (or a one-task list), else its arguments' task_id.
std::optional<std::int64_t> last_task_id(const std::vector<Message>& history);

/// The ids of the last task list the conversation showed, in the order shown.
std::vector<std::int64_t> last_listed_ids(const std::vector<Message>& history);

/// The last user message, when the assistant answered it with a question and ran no tool.
std::optional<std::string> pending_question(const std::vector<Message>& history);

}  // namespace todo::assistant
