#pragma once
// Friendly sentences about what an executed tool call did, built from its result.

#include <string>
#include <string_view>

#include "chatbot/assistant/engine.hpp"

namespace todo::assistant {

/// "Added “Buy groceries” (task 4), due Friday 2026-12-04.", "You have 3 pending tasks: …",
/// or a kind explanation of an {"error": …} result. `today` (YYYY-MM-DD) turns dates into
/// "today" and "tomorrow".
std::string describe_outcome(const ToolCallRecord& record, std::string_view today);

}  // namespace todo::assistant
