#pragma once
// HTTP/1.1 server on Boost.Beast/Asio with keep-alive and a pool of worker threads.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "chatbot/http/message.hpp"

namespace todo::http {

struct ServerOptions {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;  ///< 0 picks a free port; see Server::port()
    std::size_t threads = 0;    ///< 0 means one per hardware thread, at least 2
    std::size_t max_body_bytes = 64 * 1024;
    std::size_t max_header_bytes = 8 * 1024;
    std::chrono::seconds read_timeout{15};  ///< to receive one whole request
    std::chrono::seconds idle_timeout{60};  ///< between keep-alive requests
};

/// Called once per complete request, on a worker thread. Must not throw; the server still
/// turns a stray exception into a JSON 500.
using RequestHandler = std::function<Response(Request&)>;

/// Called after each response is written: for access logs and metrics.
using CompletionObserver = std::function<void(const Request&, const Response&, double seconds)>;

class Server {
public:
    Server(ServerOptions options, RequestHandler handler, CompletionObserver observer = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens. Throws std::runtime_error naming the address on failure.
    void listen();
    /// The bound port (after listen()).
    std::uint16_t port() const;
    /// Serves until stop(); blocks the calling thread, which becomes one of the workers.
    void run();
    /// Stops accepting, lets in-flight requests finish (up to `drain`), then closes every
    /// connection and makes run() return. Safe to call from any thread, including a signal
    /// handler's strand. Blocks until the drain ends; idle keep-alive connections are closed
    /// at once and never delay it. Called on a worker thread, the other workers do the draining.
    void stop(std::chrono::milliseconds drain);
    /// Requests currently being handled: from the whole request read until its response is
    /// written and the observer has returned.
    std::size_t in_flight() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace todo::http
