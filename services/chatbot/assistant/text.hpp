#pragma once
// The message as tokens: words (lowercase for matching, as typed for titles), punctuation as
// tokens of its own, and quoted passages as one token. Pure helpers, no vocabulary here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace todo::assistant {

struct Token {
    std::string text;    ///< as typed (a quoted passage without its quotes)
    std::string low;     ///< ASCII-lowercased; a quoted passage is "\"" so it matches no cue
    bool quoted = false;
    bool space_before = true;
};

using Tokens = std::vector<Token>;

/// Curly quotes become straight ones, whitespace becomes single spaces.
std::string normalize_message(std::string_view text);
std::string lower_ascii(std::string_view text);

Tokens tokenize(std::string_view text);
/// The lowercase words of `tokens`, for Cue lookups.
std::vector<std::string> lows(const Tokens& tokens);
/// The tokens joined back as typed, with punctuation attached where it was.
std::string join(const Tokens& tokens, std::size_t begin, std::size_t end);
Tokens slice(const Tokens& tokens, std::size_t begin, std::size_t end);
bool is_punct(const Token& token);
/// Drops punctuation tokens (and "-") from both ends.
void trim_punct(Tokens& tokens);

/// The date these words name exactly ("tomorrow", "friday", "dec 3", "in 3 days",
/// "2026-12-20", "this weekend"), resolved against `today`.
std::optional<std::string> words_to_date(const std::vector<std::string>& words,
                                         std::string_view today);

/// "Friday 2026-12-04"; "today" / "tomorrow" when the date is that close to `today`.
std::string describe_date(std::string_view iso, std::string_view today);

/// First letter upper-cased (ASCII).
std::string capitalised(std::string text);

}  // namespace todo::assistant
