#include "chatbot/domain/validation.hpp"

#include "chatbot/domain/dates.hpp"

namespace todo {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

const nlohmann::json& require_object(const nlohmann::json& body) {
    if (!body.is_object()) throw ValidationError("body", "the request body must be a JSON object");
    return body;
}

// JSON allows "\u0000", but PostgreSQL text cannot hold it; refuse it for every backend alike.
const std::string& without_nul(const std::string& text, const char* field) {
    if (text.find('\0') != std::string::npos)
        throw ValidationError(field, std::string(field) + " must not contain NUL characters");
    return text;
}

std::string checked_title(const nlohmann::json& value) {
    if (!value.is_string()) throw ValidationError("title", "title must be a string");
    auto title = trim(without_nul(value.get_ref<const std::string&>(), "title"));
    if (title.empty()) throw ValidationError("title", "title must not be empty");
    if (utf8_length(title) > kMaxTitleChars)
        throw ValidationError("title", "title must be at most 200 characters");
    return title;
}

std::string checked_description(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (!value.is_string()) throw ValidationError("description", "description must be a string");
    auto description = without_nul(value.get_ref<const std::string&>(), "description");
    if (utf8_length(description) > kMaxDescriptionChars)
        throw ValidationError("description", "description must be at most 2000 characters");
    return description;
}

Priority checked_priority(const nlohmann::json& value) {
    if (!value.is_string()) throw ValidationError("priority", "priority must be low, medium or high");
    auto priority = parse_priority(value.get<std::string>());
    if (!priority) throw ValidationError("priority", "priority must be low, medium or high");
    return *priority;
}

std::optional<std::string> checked_due_date(const nlohmann::json& value) {
    if (value.is_null()) return std::nullopt;
    if (!value.is_string() || !is_iso_date(value.get<std::string>()))
        throw ValidationError("due_date", "due_date must be a date written YYYY-MM-DD, or null");
    return value.get<std::string>();
}

std::vector<std::string> checked_tags(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (!value.is_array()) throw ValidationError("tags", "tags must be an array of strings");
    if (value.size() > kMaxTags) throw ValidationError("tags", "at most 20 tags are allowed");
    std::vector<std::string> tags;
    for (const auto& item : value) {
        if (!item.is_string()) throw ValidationError("tags", "tags must be an array of strings");
        auto tag = trim(without_nul(item.get_ref<const std::string&>(), "tags"));
        if (tag.empty() || utf8_length(tag) > kMaxTagChars)
            throw ValidationError("tags", "each tag must be 1 to 50 characters");
        bool duplicate = false;
        for (const auto& seen : tags) duplicate = duplicate || seen == tag;
        if (!duplicate) tags.push_back(std::move(tag));
    }
    return tags;
}

}  // namespace

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            code = (code << 6) | (cc & 0x3F);
        }
        // Reject overlong forms, surrogates and code points past U+10FFFF.
        if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) ||
            (extra == 3 && code < 0x10000) || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

TaskDraft parse_task_draft(const nlohmann::json& body) {
    require_object(body);
    if (!body.contains("title")) throw ValidationError("title", "title is required");
    TaskDraft draft;
    draft.title = checked_title(body["title"]);
    if (body.contains("description")) draft.description = checked_description(body["description"]);
    if (body.contains("priority")) draft.priority = checked_priority(body["priority"]);
    if (body.contains("due_date")) draft.due_date = checked_due_date(body["due_date"]);
    if (body.contains("tags")) draft.tags = checked_tags(body["tags"]);
    return draft;
}

TaskPatch parse_task_patch(const nlohmann::json& body) {
    require_object(body);
    TaskPatch patch;
    if (body.contains("title")) patch.title = checked_title(body["title"]);
    if (body.contains("description")) patch.description = checked_description(body["description"]);
    if (body.contains("priority")) patch.priority = checked_priority(body["priority"]);
    if (body.contains("due_date")) patch.due_date = checked_due_date(body["due_date"]);
    if (body.contains("tags")) patch.tags = checked_tags(body["tags"]);
    if (body.contains("completed")) {
        if (!body["completed"].is_boolean())
            throw ValidationError("completed", "completed must be true or false");
        patch.completed = body["completed"].get<bool>();
    }
    if (patch.empty())
        throw ValidationError("body",
                              "nothing to update: send title, description, priority, due_date, "
                              "tags or completed");
    return patch;
}

}  // namespace todo
