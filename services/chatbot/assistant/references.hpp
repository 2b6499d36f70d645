#pragma once
// Finds the task a phrase points at: "task 3", "#3", "it", "the milk task", "buying milk".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/assistant/intent.hpp"

namespace todo::assistant {

struct TaskReference {
    enum class Kind {
        Absent,     ///< the phrase names no task at all
        Found,      ///< exactly one task
        NotFound,   ///< a number or title that matches nothing
        Ambiguous,  ///< several tasks match, or "it" with nothing to refer to
    };
    Kind kind = Kind::Absent;
    std::int64_t id = 0;
    std::vector<Task> candidates;  ///< for Ambiguous
    std::string phrase;            ///< what the user wrote, for asking back
};

/// Which tasks to prefer when a title fragment matches several (completing prefers open
/// tasks, reopening prefers done ones).
enum class Preference { None, Pending, Completed };

TaskReference find_task(std::string_view phrase, const Context& context,
                        Preference preference = Preference::None);

/// The task with this id in the context, or nullptr.
const Task* task_by_id(const Context& context, std::int64_t id);

/// "#3 “Buy milk”"
std::string task_label(const Task& task);

/// The question or apology for a reference that is not Found.
std::string ask_back(const TaskReference& reference, const Context& context);

}  // namespace todo::assistant
