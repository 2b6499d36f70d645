#pragma once
// Tasks written straight to JSON text, byte for byte what to_json(task).dump() gives, without
// building a nlohmann tree (a std::map per task) first and then walking it again.

#include <string>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo {

/// `task` as a JSON object, keys in to_json()'s (sorted) order.
std::string task_json(const Task& task);
/// `tasks` as a JSON array of task objects.
std::string task_list_json(const std::vector<Task>& tasks);

}  // namespace todo
