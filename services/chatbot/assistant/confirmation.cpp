#include "chatbot/assistant/confirmation.hpp"

#include "chatbot/assistant/text.hpp"

namespace todo::assistant {
namespace {

using nlohmann::json;

std::string str(const json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return {};
    return object[key].get<std::string>();
}

std::string in_quotes(const std::string& text) { return "\u201C" + text + "\u201D"; }

std::string task_ref(const json& task) {
    std::string id = task.contains("id") ? task["id"].dump() : "?";
    return in_quotes(str(task, "title")) + " (task " + id + ")";
}

// ", due tomorrow, high priority, tagged #work"
std::string details(const json& task, std::string_view today) {
    std::string text;
    if (auto due = str(task, "due_date"); !due.empty()) text += ", due " + describe_date(due, today);
    if (auto priority = str(task, "priority"); priority == "high" || priority == "low")
        text += ", " + priority + " priority";
    if (task.contains("tags") && task["tags"].is_array() && !task["tags"].empty()) {
        text += ", tagged";
        for (const auto& tag : task["tags"])
            if (tag.is_string()) text += " #" + tag.get<std::string>();
    }
    return text;
}

std::string describe_list(const json& args, const json& tasks, std::string_view today) {
    std::string status = str(args, "status");
    if (status.empty()) status = "all";
    std::string adjective = status == "all" ? "" : status + " ";
    if (auto priority = str(args, "priority"); !priority.empty())
        adjective += priority + "-priority ";
    std::string suffix;
    if (auto tag = str(args, "tag"); !tag.empty()) suffix += " tagged #" + tag;
    if (auto search = str(args, "search"); !search.empty()) suffix += " matching " + in_quotes(search);
    bool filtered = !suffix.empty() || !str(args, "priority").empty();

    if (tasks.empty()) {
        if (filtered) return "I found no " + adjective + "tasks" + suffix + ".";
        if (status == "pending") return "You have no pending tasks. You're all caught up!";
        if (status == "completed") return "You haven't completed any tasks yet.";
        return "Your list is empty. Try \u201CAdd a task to buy groceries\u201D.";
    }
    std::string noun = tasks.size() == 1 ? "task" : "tasks";
    std::string text = status == "completed" && !filtered
                           ? "You've completed " + std::to_string(tasks.size()) + " " + noun + ":"
                           : "You have " + std::to_string(tasks.size()) + " " + adjective + noun +
                                 suffix + ":";
    constexpr std::size_t kShown = 25;
    std::size_t shown = 0;
    for (const auto& task : tasks) {
        if (shown++ == kShown) {
            text += "\n\u2026and " + std::to_string(tasks.size() - kShown) + " more.";
            break;
        }
        text += "\n\u2022 #" + (task.contains("id") ? task["id"].dump() : "?") + " " +
                str(task, "title");
        auto extra = details(task, today);
        if (task.value("completed", false) && status != "completed") extra += ", done";
        if (!extra.empty()) text += " (" + extra.substr(2) + ")";
    }
    return text;
}

std::string describe_update(const json& args, const json& task, std::string_view today) {
    if (args.contains("completed") && args["completed"].is_boolean() && args.size() == 2)
        return args["completed"].get<bool>() ? "Nice work! Marked " + task_ref(task) + " as done."
                                             : "Reopened " + task_ref(task) + ". It's back on your list.";
    std::string changes;
    auto add = [&](const std::string& change) { changes += (changes.empty() ? "" : ", ") + change; };
    if (args.contains("title")) add("renamed it to " + in_quotes(str(task, "title")));
    if (args.contains("priority")) add("priority is now " + str(task, "priority"));
    if (args.contains("due_date"))
        add(task["due_date"].is_string() ? "due " + describe_date(str(task, "due_date"), today)
                                         : "removed the due date");
    if (args.contains("description")) add("updated the description");
    if (args.contains("completed"))
        add(task.value("completed", false) ? "marked it done" : "reopened it");
    if (changes.empty()) changes = "saved your changes";
    std::string id = task.contains("id") ? task["id"].dump() : "?";
    return "Updated task " + id + ": " + changes + ".";
}

}  // namespace

std::string describe_outcome(const ToolCallRecord& record, std::string_view today) {
    const auto& result = record.result;
    if (result.is_object() && result.contains("error")) {
        std::string what = record.name == "add_task"        ? "add that task"
                           : record.name == "list_tasks"    ? "list your tasks"
                           : record.name == "complete_task" ? "complete that task"
                           : record.name == "delete_task"   ? "delete that task"
                           : record.name == "update_task"   ? "update that task"
                                                            : "do that";
        std::string reason = result["error"].is_string() ? result["error"].get<std::string>()
                                                         : result["error"].dump();
        return "Sorry, I couldn't " + what + ": " + reason + ".";
    }
    if (record.name == "list_tasks" && result.is_array())
        return describe_list(record.arguments, result, today);
    if (!result.is_object()) return "Done.";
    if (record.name == "add_task")
        return "Added " + task_ref(result) + details(result, today) + ".";
    if (record.name == "complete_task") return "Nice work! Marked " + task_ref(result) + " as done.";
    if (record.name == "delete_task") return "Deleted " + task_ref(result) + ".";
    if (record.name == "update_task") return describe_update(record.arguments, result, today);
    return "Done.";
}

}  // namespace todo::assistant
