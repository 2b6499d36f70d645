#include "chatbot/domain/task_json.hpp"

#include <nlohmann/json.hpp>

#include "chatbot/domain/validation.hpp"

namespace todo {
namespace {

void append_string(std::string& out, std::string_view text) {
    // nlohmann's replacement of invalid UTF-8 has its own rules; stay exactly on them.
    if (!is_valid_utf8(text)) {
        out += nlohmann::json(std::string(text))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t copied = 0;  // bytes before this one are in `out` already, copied in runs
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
        out.append(text.data() + copied, i - copied);
        copied = i + 1;
        switch (byte) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xf];
        }
    }
    out.append(text.data() + copied, text.size() - copied);
    out += '"';
}

void append_task(std::string& out, const Task& task) {
    out += "{\"completed\":";
    out += task.completed ? "true" : "false";
    out += ",\"created_at\":";
    append_string(out, task.created_at);
    out += ",\"description\":";
    append_string(out, task.description);
    out += ",\"due_date\":";
    if (task.due_date)
        append_string(out, *task.due_date);
    else
        out += "null";
    out += ",\"id\":";
    out += std::to_string(task.id);
    out += ",\"priority\":\"";
    out += to_string(task.priority);
    out += "\",\"tags\":[";
    for (std::size_t i = 0; i < task.tags.size(); ++i) {
        if (i != 0) out += ',';
        append_string(out, task.tags[i]);
    }
    out += "],\"title\":";
    append_string(out, task.title);
    out += ",\"updated_at\":";
    append_string(out, task.updated_at);
    out += '}';
}

// Fixed keys and punctuation of one task, so a list needs one allocation.
constexpr std::size_t kTaskOverhead = 128;

std::size_t estimated_size(const Task& task) {
    std::size_t size = kTaskOverhead + task.title.size() + task.description.size() +
                       task.created_at.size() + task.updated_at.size();
    for (const auto& tag : task.tags) size += tag.size() + 3;
    return size;
}

}  // namespace

std::string task_json(const Task& task) {
    std::string out;
    out.reserve(estimated_size(task));
    append_task(out, task);
    return out;
}

std::string task_list_json(const std::vector<Task>& tasks) {
    std::size_t size = 2;
    for (const auto& task : tasks) size += estimated_size(task) + 1;
    std::string out;
    out.reserve(size);
    out += '[';
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (i != 0) out += ',';
        append_task(out, tasks[i]);
    }
    out += ']';
    return out;
}

}  // namespace todo
