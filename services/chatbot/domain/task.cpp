#include "chatbot/domain/task.hpp"

#include "chatbot/domain/dates.hpp"

#include <nlohmann/json.hpp>

namespace todo {

std::string_view to_string(Priority p) {
    switch (p) {
        case Priority::Low: return "low";
        case Priority::Medium: return "medium";
        case Priority::High: return "high";
    }
    return "medium";
}

std::optional<Priority> parse_priority(std::string_view text) {
    if (text == "low") return Priority::Low;
    if (text == "medium") return Priority::Medium;
    if (text == "high") return Priority::High;
    return std::nullopt;
}

std::optional<StatusFilter> parse_status_filter(std::string_view text) {
    if (text == "all") return StatusFilter::All;
    if (text == "pending") return StatusFilter::Pending;
    if (text == "completed") return StatusFilter::Completed;
    return std::nullopt;
}

std::optional<SortOrder> parse_sort_order(std::string_view text) {
    if (text == "created") return SortOrder::Created;
    if (text == "due") return SortOrder::Due;
    if (text == "priority") return SortOrder::Priority;
    if (text == "title") return SortOrder::Title;
    return std::nullopt;
}

nlohmann::json to_json(const Task& task) {
    return {
        {"id", task.id},
        {"title", task.title},
        {"description", task.description},
        {"completed", task.completed},
        {"priority", std::string(to_string(task.priority))},
        {"due_date", task.due_date ? nlohmann::json(*task.due_date) : nlohmann::json(nullptr)},
        {"tags", task.tags},
        {"created_at", task.created_at},
        {"updated_at", task.updated_at},
    };
}

nlohmann::json to_json(const std::vector<Task>& tasks) {
    auto list = nlohmann::json::array();
    for (const auto& task : tasks) list.push_back(to_json(task));
    return list;
}

nlohmann::json to_json(const Message& message) {
    auto calls = nlohmann::json::parse(message.tool_calls_json, nullptr, false);
    if (calls.is_discarded()) calls = nlohmann::json::array();
    return {
        {"id", message.id},
        {"conversation_id", message.conversation_id},
        {"role", message.role},
        {"content", message.content},
        {"tool_calls", calls},
        {"created_at", message.created_at},
    };
}

}  // namespace todo

namespace todo {

bool apply_due_filter(TaskFilter& filter, std::string_view due, std::string_view today) {
    if (due == "today") {
        filter.due_from = filter.due_to = std::string(today);
    } else if (due == "overdue") {
        filter.due_to = shifted_date(today, -1);
        filter.status = StatusFilter::Pending;
    } else if (due == "week") {
        filter.due_from = std::string(today);
        filter.due_to = shifted_date(today, 6);
    } else if (is_iso_date(due)) {
        filter.due_from = filter.due_to = std::string(due);
    } else {
        return false;
    }
    return true;
}

}  // namespace todo
