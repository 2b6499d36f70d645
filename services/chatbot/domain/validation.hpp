#pragma once
// Turns untrusted JSON into validated domain values. Every failure is a ValidationError
// naming the field, so the HTTP layer can answer 422 and the assistant can report it.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "chatbot/domain/task.hpp"

namespace todo {

class ValidationError : public std::runtime_error {
public:
    ValidationError(std::string field, const std::string& message)
        : std::runtime_error(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxDescriptionChars = 2000;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTagChars = 50;

/// Trims Unicode whitespace (the White_Space property: ASCII space and controls, U+0085,
/// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) at both ends.
std::string trim(std::string_view text);

constexpr std::size_t kMaxUserIdChars = 128;

/// 1 to 128 characters of valid UTF-8, none of them a control (C0, DEL, C1), format (Cf,
/// which holds the bidi controls and U+200B) or line/paragraph separator, and no whitespace
/// at either end: ids that look alike must be alike.
bool is_valid_user_id(std::string_view user_id);

/// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);

/// Parses a create body: {title, description?, priority?, due_date?, tags?}.
TaskDraft parse_task_draft(const nlohmann::json& body);

/// Parses an update body; at least one known field must be present.
/// Accepts title, description, priority, due_date (null clears), completed, tags.
TaskPatch parse_task_patch(const nlohmann::json& body);

}  // namespace todo
