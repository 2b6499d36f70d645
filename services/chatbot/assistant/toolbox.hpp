#pragma once
// Executes the five assistant tools against the store for one user.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::store {
class Store;
}

namespace todo::assistant {

/// The tools' JSON schemas in OpenAI "tools" format, for the LLM engine and the OpenAPI doc.
const nlohmann::json& tool_definitions();

class ToolBox {
public:
    /// `on_call(tool, ok)` is told about every execution (for metrics).
    /// `max_tasks` caps add_task (0: no cap).
    ToolBox(store::Store& store, std::string user_id,
            std::function<void(std::string_view tool, bool ok)> on_call = {},
            std::size_t max_tasks = 0);

    /// Runs add_task, list_tasks, complete_task, delete_task or update_task. Bad arguments or a
    /// missing task give {"error": "..."}; StoreUnavailable propagates.
    nlohmann::json run(const std::string& name, const nlohmann::json& arguments);

    /// The user's tasks, for resolving references ("the milk task").
    std::vector<Task> all_tasks();
    /// One of them by id, for a reference by number ("task 3").
    std::optional<Task> task(std::int64_t id);

private:
    store::Store& store_;
    std::string user_id_;
    std::function<void(std::string_view, bool)> on_call_;
    std::size_t max_tasks_ = 0;
};

}  // namespace todo::assistant
