#include "chatbot/assistant/toolbox.hpp"

#include "chatbot/domain/dates.hpp"
#include "chatbot/domain/validation.hpp"
#include "chatbot/store/store.hpp"

namespace todo::assistant {
namespace {

using nlohmann::json;

// A tool argument that is wrong; reported to the caller as {"error": …}.
struct BadArgument : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::int64_t task_id_of(const json& args) {
    if (!args.contains("task_id")) throw BadArgument("task_id is required");
    const auto& value = args["task_id"];
    std::int64_t id = 0;
    if (value.is_number_integer()) {
        id = value.get<std::int64_t>();
    } else if (value.is_number_float() && value.get<double>() == static_cast<double>(
                                                                     static_cast<std::int64_t>(value.get<double>()))) {
        id = static_cast<std::int64_t>(value.get<double>());
    } else if (value.is_string()) {
        auto text = trim(value.get<std::string>());
        if (!text.empty() && text.front() == '#') text.erase(0, 1);
        if (text.empty() || text.size() > 18 ||
            text.find_first_not_of("0123456789") != std::string::npos)
            throw BadArgument("task_id must be a positive integer");
        id = std::stoll(text);
    } else {
        throw BadArgument("task_id must be a positive integer");
    }
    if (id <= 0) throw BadArgument("task_id must be a positive integer");
    return id;
}

std::string not_found(std::int64_t id) { return "task " + std::to_string(id) + " not found"; }

TaskFilter filter_of(const json& args) {
    TaskFilter filter;
    auto text = [&](const char* key) -> std::optional<std::string> {
        if (!args.contains(key) || args[key].is_null()) return std::nullopt;
        if (!args[key].is_string()) throw BadArgument(std::string(key) + " must be a string");
        auto value = trim(args[key].get<std::string>());
        if (value.empty()) return std::nullopt;
        return value;
    };
    if (auto status = text("status")) {
        auto parsed = parse_status_filter(*status);
        if (!parsed) throw BadArgument("status must be all, pending or completed");
        filter.status = *parsed;
    }
    if (auto priority = text("priority")) {
        filter.priority = parse_priority(*priority);
        if (!filter.priority) throw BadArgument("priority must be low, medium or high");
    }
    if (auto sort = text("sort")) {
        auto parsed = parse_sort_order(*sort);
        if (!parsed) throw BadArgument("sort must be created, due, priority or title");
        filter.sort = *parsed;
    }
    if (auto due = text("due"); due && !apply_due_filter(filter, *due, today_utc()))
        throw BadArgument("due must be today, overdue, week or a date YYYY-MM-DD");
    filter.tag = text("tag");
    filter.search = text("search");
    return filter;
}

}  // namespace

const json& tool_definitions() {
    static const json definitions = [] {
        auto function = [](const char* name, const char* description, json properties,
                           json required) {
            return json{{"type", "function"},
                        {"function",
                         {{"name", name},
                          {"description", description},
                          {"parameters",
                           {{"type", "object"},
                            {"properties", std::move(properties)},
                            {"required", std::move(required)},
                            {"additionalProperties", false}}}}}};
        };
        json task_id = {{"type", "integer"}, {"minimum", 1}, {"description", "The task's id"}};
        json priority = {{"type", "string"}, {"enum", {"low", "medium", "high"}}};
        json due = {{"type", "string"},
                    {"format", "date"},
                    {"description", "Due date, YYYY-MM-DD"}};
        return json::array({
            function("add_task", "Create a new task for the user.",
                     {{"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
                      {"description", {{"type", "string"}, {"maxLength", 2000}}},
                      {"priority", priority},
                      {"due_date", due},
                      {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}}}},
                     {"title"}),
            function("list_tasks", "List the user's tasks, optionally filtered.",
                     {{"status", {{"type", "string"}, {"enum", {"all", "pending", "completed"}}}},
                      {"priority", priority},
                      {"tag", {{"type", "string"}}},
                      {"search",
                       {{"type", "string"},
                        {"description", "Case-insensitive text in the title or description"}}},
                      {"due",
                       {{"type", "string"},
                        {"description",
                         "today, overdue (open tasks due before today), week (the next 7 days) "
                         "or a date YYYY-MM-DD"}}},
                      {"sort",
                       {{"type", "string"}, {"enum", {"created", "due", "priority", "title"}}}}},
                     json::array()),
            function("complete_task", "Mark a task as completed.", {{"task_id", task_id}},
                     {"task_id"}),
            function("delete_task", "Delete a task for good.", {{"task_id", task_id}},
                     {"task_id"}),
            function("update_task",
                     "Change a task's title, description, priority, due date or completion. "
                     "A null due_date removes it; completed=false reopens the task.",
                     {{"task_id", task_id},
                      {"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
                      {"description", {{"type", "string"}, {"maxLength", 2000}}},
                      {"priority", priority},
                      {"due_date", {{"type", {"string", "null"}}, {"format", "date"}}},
                      {"completed", {{"type", "boolean"}}}},
                     {"task_id"}),
        });
    }();
    return definitions;
}

ToolBox::ToolBox(store::Store& store, std::string user_id,
                 std::function<void(std::string_view tool, bool ok)> on_call, std::size_t max_tasks)
    : store_(store), user_id_(std::move(user_id)), on_call_(std::move(on_call)), max_tasks_(max_tasks) {}

json ToolBox::run(const std::string& name, const json& arguments) {
    json result;
    try {
        if (!arguments.is_object()) throw BadArgument("the arguments must be a JSON object");
        if (name == "add_task") {
            auto draft = parse_task_draft(arguments);
            try {
                result = to_json(store_.create_task(user_id_, draft, max_tasks_));
            } catch (const store::TaskLimitReached& full) {
                throw BadArgument(full.what());
            }
        } else if (name == "list_tasks") {
            result = to_json(store_.list_tasks(user_id_, filter_of(arguments)));
        } else if (name == "complete_task") {
            auto id = task_id_of(arguments);
            TaskPatch patch;
            patch.completed = true;
            auto task = store_.update_task(user_id_, id, patch);
            if (!task) throw BadArgument(not_found(id));
            result = to_json(*task);
        } else if (name == "delete_task") {
            auto id = task_id_of(arguments);
            auto task = store_.get_task(user_id_, id);
            if (!task || !store_.delete_task(user_id_, id)) throw BadArgument(not_found(id));
            result = to_json(*task);
        } else if (name == "update_task") {
            auto id = task_id_of(arguments);
            auto fields = arguments;
            fields.erase("task_id");
            auto task = store_.update_task(user_id_, id, parse_task_patch(fields));
            if (!task) throw BadArgument(not_found(id));
            result = to_json(*task);
        } else {
            throw BadArgument("unknown tool " + name);
        }
    } catch (const BadArgument& error) {
        result = {{"error", error.what()}};
    } catch (const ValidationError& error) {
        result = {{"error", error.what()}};
    } catch (const json::exception& error) {
        result = {{"error", std::string("bad arguments: ") + error.what()}};
    }
    if (on_call_) on_call_(name, !result.contains("error"));
    return result;
}

std::vector<Task> ToolBox::all_tasks() { return store_.list_tasks(user_id_, TaskFilter{}); }

std::optional<Task> ToolBox::task(std::int64_t id) { return store_.get_task(user_id_, id); }

}  // namespace todo::assistant
