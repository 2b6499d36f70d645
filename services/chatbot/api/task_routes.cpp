// The task REST API: list, create, read, update, delete and toggle completion.

#include "chatbot/api/application.hpp"
#include "chatbot/api/pagination.hpp"
#include "chatbot/domain/dates.hpp"
#include "chatbot/domain/task_json.hpp"
#include "chatbot/api/request_parsing.hpp"
#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"
#include "chatbot/store/store.hpp"

namespace todo::api {
namespace {

TaskFilter filter_from_query(const http::Request& request) {
    TaskFilter filter;
    auto bad = [](const std::string& name, const std::string& allowed) {
        return http::HttpError(400, "invalid_query", name + " must be " + allowed);
    };
    for (const auto& [name, value] : request.query) {
        if (name == "status") {
            auto status = parse_status_filter(value);
            if (!status) throw bad("status", "all, pending or completed");
            filter.status = *status;
        } else if (name == "priority") {
            auto priority = parse_priority(value);
            if (!priority) throw bad("priority", "low, medium or high");
            filter.priority = *priority;
        } else if (name == "sort") {
            auto sort = parse_sort_order(value);
            if (!sort) throw bad("sort", "created, due, priority or title");
            filter.sort = *sort;
        } else if (name == "tag") {
            if (!value.empty()) filter.tag = value;
        } else if (name == "due") {
            if (!apply_due_filter(filter, value, today_utc()))
                throw bad("due", "today, overdue, week or a date YYYY-MM-DD");
        } else if (is_page_parameter(name)) {
            continue;  // read by page_from_query
        } else if (name == "search") {
            if (!is_valid_utf8(value)) throw bad("search", "valid UTF-8");
            if (!value.empty()) filter.search = value;
        } else {
            throw http::HttpError(400, "invalid_query",
                                  "unknown query parameter '" + name +
                                      "' (use status, priority, tag, search, due, sort, limit or "
                                      "cursor)");
        }
    }
    return filter;
}

http::HttpError task_not_found(std::int64_t id) {
    return http::HttpError(404, "task_not_found", "task " + std::to_string(id) + " not found");
}

}  // namespace

void Application::add_task_routes() {
    router_.add("GET", "/api/{user_id}/tasks", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto filter = filter_from_query(request);
        auto page = page_from_query(request);
        // One row more than the page tells whether another page follows.
        filter.limit = page.limit + 1;
        filter.offset = page.offset;
        auto tasks = deps_.store.list_tasks(user, filter);
        bool more = tasks.size() > page.limit;
        if (more) tasks.pop_back();
        auto response = json_text_response(200, task_list_json(tasks));
        if (more) add_next_link(response, request, page);
        return response;
    });

    router_.add("POST", "/api/{user_id}/tasks", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto draft = parse_task_draft(json_body(request));
        auto task = [&] {
            try {
                return deps_.store.create_task(user, draft, deps_.max_tasks_per_user);
            } catch (const store::TaskLimitReached& full) {
                throw http::HttpError(409, "task_limit_reached", full.what());
            }
        }();
        auto response = json_text_response(201, task_json(task));
        response.headers.emplace_back("Location", request.path + "/" + std::to_string(task.id));
        return response;
    });

    router_.add("GET", "/api/{user_id}/tasks/{id}", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto id = id_param(request, "id");
        auto task = deps_.store.get_task(user, id);
        if (!task) throw task_not_found(id);
        return json_text_response(200, task_json(*task));
    });

    router_.add("PUT", "/api/{user_id}/tasks/{id}", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto id = id_param(request, "id");
        auto patch = parse_task_patch(json_body(request));
        auto task = deps_.store.update_task(user, id, patch);
        if (!task) throw task_not_found(id);
        return json_text_response(200, task_json(*task));
    });

    router_.add("DELETE", "/api/{user_id}/tasks/{id}", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto id = id_param(request, "id");
        if (!deps_.store.delete_task(user, id)) throw task_not_found(id);
        http::Response response;
        response.status = 204;
        response.content_type.clear();
        return response;
    });

    router_.add("PATCH", "/api/{user_id}/tasks/{id}/complete", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto id = id_param(request, "id");
        auto task = deps_.store.toggle_complete(user, id);
        if (!task) throw task_not_found(id);
        return json_text_response(200, task_json(*task));
    });
}

}  // namespace todo::api
