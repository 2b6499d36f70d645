#pragma once
// Small text tools for the built-in engine: normalising a message and lifting priorities,
// dates, tags and descriptions out of it. Every function is pure.
//
// Lowercasing only touches ASCII letters, so a lowercased copy keeps the byte offsets of the
// original: matches found in the lowercase text are cut from the original-case text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// Curly quotes become straight ones, runs of whitespace one space, both ends trimmed.
std::string normalize_message(std::string_view text);

/// ASCII-only lowercase; the result has the same length as `text`.
std::string lower_ascii(std::string_view text);

/// True when `text` starts with `prefix` and the prefix ends at a word boundary.
bool starts_with_phrase(std::string_view text, std::string_view prefix);
/// Offset of `phrase` in `text` at word boundaries, or npos.
std::size_t find_phrase(std::string_view text, std::string_view phrase, std::size_t from = 0);
bool contains_phrase(std::string_view text, std::string_view phrase);

/// Words of `text` (lowercase), punctuation stripped from both ends of each word.
std::vector<std::string> words_of(std::string_view text);

/// A crude stem so "buying" meets "buy" and "bills" meets "bill".
std::string stem(std::string_view word);

/// Removes a priority phrase ("high priority", "urgent", "low priority", …) from `text`.
std::optional<Priority> take_priority(std::string& text);
/// A bare priority value: "high", "urgent", "low priority", "medium", …
std::optional<Priority> priority_from_value(std::string_view text);

/// Removes a date phrase ("tomorrow", "by friday", "due 2026-12-01", "on dec 3") from `text`
/// and returns it resolved against `today`. "tonight" is resolved but left in the text.
std::optional<std::string> take_due_date(std::string& text, std::string_view today);
/// The whole of `text` as a date ("friday", "due tomorrow", "the 2026-12-01"), or nullopt.
std::optional<std::string> date_from_value(std::string_view text, std::string_view today);

/// Removes "#work" words and "tag it work" / "tagged home" / "with tag x" phrases.
std::vector<std::string> take_tags(std::string& text);

/// Removes a trailing "with description …" / "note: …" and returns the text after it.
std::optional<std::string> take_description(std::string& text);

/// Strips quotes, filler ("a task to", "to my list") and stray punctuation, and capitalises
/// the first letter: "a task to buy groceries" -> "Buy groceries".
std::string clean_title(std::string_view text);

/// Removes surrounding quotes, or returns nullopt when `text` is not quoted.
std::optional<std::string> unquote(std::string_view text);

/// "Friday 2026-12-04"; "today" / "tomorrow" when the date is that close to `today`.
std::string describe_date(std::string_view iso, std::string_view today);

}  // namespace todo::assistant
