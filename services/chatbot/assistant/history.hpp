#pragma once
// What the built-in engine reads back from a stored conversation.

#include <cstdint>
#include <optional>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// The task the conversation last acted on, so "mark it done" can follow "add buy milk": the
/// most recent assistant message with tool calls (looking back at most 3 assistant turns),
/// its last call's result "id" (or a one-task list), else its arguments' task_id.
std::optional<std::int64_t> last_task_id(const std::vector<Message>& history);

}  // namespace todo::assistant
