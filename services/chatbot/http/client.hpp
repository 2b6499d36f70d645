#pragma once
// The one outbound HTTP/1.1 client (Boost.Beast, asynchronous underneath): plain or TLS (SNI,
// peer verified against the system CAs). One deadline bounds the whole exchange, so a server
// that accepts and never answers cannot hang the caller.

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace todo::http {

/// Connection, TLS, timeout or protocol failure; the message says which, without secrets.
class ClientError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ClientRequest {
    std::string method = "GET";
    std::string url;  ///< http:// or https://
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Resolve, connect, handshake, write and read must all finish within it.
    std::chrono::milliseconds timeout{5000};
};

struct ClientResponse {
    int status = 0;
    std::string body;
};

/// Throws ClientError.
ClientResponse fetch(const ClientRequest& request);

}  // namespace todo::http
