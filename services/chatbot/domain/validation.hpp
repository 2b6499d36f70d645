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

/// Trims ASCII whitespace at both ends.
std::string trim(std::string_view text);

/// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);

/// Parses a create body: {title, description?, priority?, due_date?, tags?}.
TaskDraft parse_task_draft(const nlohmann::json& body);

/// Parses an update body; at least one known field must be present.
/// Accepts title, description, priority, due_date (null clears), completed, tags.
TaskPatch parse_task_patch(const nlohmann::json& body);

}  // namespace todo
