#pragma once
// Paginated lists: `limit` and an opaque `cursor` in the query, an RFC 8288
// `Link: <…>; rel="next"` header while more remains. The body stays a JSON array.

#include <cstddef>

#include "chatbot/http/message.hpp"

namespace todo::api {

struct Page {
    static constexpr std::size_t kDefaultLimit = 100;
    static constexpr std::size_t kMaxLimit = 500;
    std::size_t limit = kDefaultLimit;
    std::size_t offset = 0;
};

/// Reads `limit` (1–500, default 100) and `cursor`; a bad one is a 400 naming the field.
Page page_from_query(const http::Request& request);

/// True for the query parameters page_from_query reads.
bool is_page_parameter(const std::string& name);

/// Adds the rel="next" link to the page after `page`, keeping the request's other parameters.
void add_next_link(http::Response& response, const http::Request& request, const Page& page);

}  // namespace todo::api
