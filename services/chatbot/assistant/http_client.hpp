#pragma once
// A small blocking HTTP/1.1 client (Boost.Beast) for the LLM engine: one POST per call,
// plain or TLS (SNI, peer verified against the system CAs), bounded by one deadline.

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace todo::assistant {

/// Connection, TLS, timeout or protocol failure; the message says which, without secrets.
class HttpError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct HttpResponse {
    int status = 0;
    std::string body;
};

/// POSTs `body` (JSON) to an http:// or https:// `url`. The whole exchange — resolve, connect,
/// handshake, write and read — must finish within `timeout`.
HttpResponse post_json(const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& headers,
                       const std::string& body, std::chrono::milliseconds timeout);

}  // namespace todo::assistant
