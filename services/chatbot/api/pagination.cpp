#include "chatbot/api/pagination.hpp"

#include <charconv>
#include <optional>
#include <string>

#include "chatbot/http/error.hpp"

namespace todo::api {
namespace {

// The cursor is the offset of the next page, written "o<offset>" so that clients treat it as
// opaque and a later keyset cursor can use another prefix.
constexpr char kCursorPrefix = 'o';

std::optional<std::size_t> number(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    std::size_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string percent_encoded(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

}  // namespace

bool is_page_parameter(const std::string& name) { return name == "limit" || name == "cursor"; }

Page page_from_query(const http::Request& request) {
    Page page;
    if (auto it = request.query.find("limit"); it != request.query.end()) {
        auto limit = number(it->second);
        if (!limit || *limit < 1 || *limit > Page::kMaxLimit)
            throw http::HttpError(400, "invalid_query", "limit must be a whole number from 1 to 500");
        page.limit = *limit;
    }
    if (auto it = request.query.find("cursor"); it != request.query.end()) {
        const auto& cursor = it->second;
        auto offset = cursor.size() > 1 && cursor[0] == kCursorPrefix ? number(cursor.substr(1))
                                                                       : std::nullopt;
        if (!offset)
            throw http::HttpError(400, "invalid_query",
                                  "cursor is not one this server handed out (use the Link header's)");
        page.offset = *offset;
    }
    return page;
}

void add_next_link(http::Response& response, const http::Request& request, const Page& page) {
    std::string target = percent_encoded(request.path);
    for (std::size_t i = 0; i < target.size(); ++i)  // the path's slashes stay slashes
        if (target.compare(i, 3, "%2F") == 0) target.replace(i, 3, "/");
    std::string query;
    for (const auto& [name, value] : request.query) {
        if (is_page_parameter(name)) continue;
        query += (query.empty() ? "" : "&") + percent_encoded(name) + "=" + percent_encoded(value);
    }
    query += (query.empty() ? "" : "&") + std::string("limit=") + std::to_string(page.limit) +
             "&cursor=" + kCursorPrefix + std::to_string(page.offset + page.limit);
    response.headers.emplace_back("Link", "<" + target + "?" + query + ">; rel=\"next\"");
}

}  // namespace todo::api
