#pragma once
// Pure helpers that turn a raw request target and headers into Request fields.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace todo::http {

/// Decodes %XX escapes (and '+' as a space when `plus_as_space`). Returns nullopt on a
/// truncated or non-hex escape, or on an encoded NUL byte.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

/// Parses "a=1&b=x+y" into decoded pairs; the first occurrence of a key wins. Returns nullopt
/// when any part has invalid percent-encoding.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

/// True for 1–64 characters of [A-Za-z0-9._-]: safe to echo and to log.
bool is_valid_request_id(std::string_view id);

/// 16 random lower-case hex digits.
std::string generate_request_id();

}  // namespace todo::http
