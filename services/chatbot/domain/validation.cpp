#include "chatbot/domain/validation.hpp"

#include <cstdint>
#include <utility>

#include "chatbot/domain/dates.hpp"

namespace todo {
namespace {

bool is_white_space(std::uint32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

// General category Cc or Cf (Unicode 15), plus the separators Zl and Zp.
bool is_control_or_format(std::uint32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
    static constexpr std::uint32_t ranges[][2] = {
        {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},
        {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x180E, 0x180E},
        {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
        {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
        {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
        {0xE0020, 0xE007F}};
    for (const auto& range : ranges)
        if (c >= range[0] && c <= range[1]) return true;
    return false;
}

// The code point starting at text[i] (valid UTF-8 assumed) and its length in bytes.
std::pair<std::uint32_t, std::size_t> decode_at(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    if (i + length > text.size()) return {c, 1};
    std::uint32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < length; ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {code, length};
}

// Start of the code point that ends just before `end`.
std::size_t previous_start(std::string_view text, std::size_t end) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 && end - start < 4)
        --start;
    return start;
}

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
    while (begin < end) {
        const auto [code, length] = decode_at(text, begin);
        if (!is_white_space(code)) break;
        begin += length;
    }
    while (end > begin) {
        const auto start = previous_start(text, end);
        if (start < begin || !is_white_space(decode_at(text, start).first)) break;
        end = start;
    }
    return std::string(text.substr(begin, end - begin));
}

bool is_valid_user_id(std::string_view user_id) {
    if (user_id.empty() || !is_valid_utf8(user_id) || utf8_length(user_id) > kMaxUserIdChars)
        return false;
    if (trim(user_id).size() != user_id.size()) return false;
    for (std::size_t i = 0; i < user_id.size();) {
        const auto [code, length] = decode_at(user_id, i);
        if (is_control_or_format(code)) return false;
        i += length;
    }
    return true;
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
