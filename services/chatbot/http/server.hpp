#pragma once
// HTTP/1.1 server on Boost.Beast/Asio with keep-alive. A few I/O threads accept, parse and
// write; handlers that may block run on a bounded worker pool, so probes never wait for them.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "chatbot/http/message.hpp"

namespace todo::http {

/// Called once per complete request, on a worker thread (or an I/O thread, see
/// ServerOptions::runs_on_io_thread). Must not throw; the server still turns a stray
/// exception into a JSON 500.
using RequestHandler = std::function<Response(Request&)>;

struct ServerOptions {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;  ///< 0 picks a free port; see Server::port()
    std::size_t threads = 0;    ///< worker threads for handlers; 0: one per hardware thread, ≥ 2
    std::size_t io_threads = 2;  ///< accept, parse, write, and the I/O-thread routes
    std::size_t queue_limit = 64;  ///< requests that may wait for a worker; beyond: 503
    std::size_t max_body_bytes = 64 * 1024;
    std::size_t max_header_bytes = 8 * 1024;   ///< the whole head; beyond: 431
    std::size_t max_request_line_bytes = 4096;  ///< beyond: 414
    std::size_t max_connections = 4096;         ///< open at once; beyond: 503 and close
    std::size_t max_connections_per_peer = 512;  ///< from one address; beyond: 503 and close
    std::chrono::seconds header_timeout{5};  ///< from a request's first byte to its blank line
    std::chrono::seconds read_timeout{15};   ///< to receive one whole request
    std::chrono::seconds idle_timeout{60};   ///< between keep-alive requests
    /// Requests it returns true for are handled on the I/O thread: cheap, never blocking
    /// (liveness, readiness from a cached flag, metrics). Empty: every request goes to the pool.
    std::function<bool(const Request&)> runs_on_io_thread;
};

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
    /// Starts draining: every response from now on says `Connection: close`, while the
    /// listener keeps accepting. stop() ends the drain.
    void begin_drain();
    /// Stops accepting, lets in-flight requests finish (up to `drain`), then closes every
    /// connection and makes run() return. Safe to call from any thread, including a signal
    /// handler's strand. Blocks until the drain ends; idle keep-alive connections are closed
    /// at once and never delay it. Called on a worker thread, the other workers do the draining.
    void stop(std::chrono::milliseconds drain);
    /// Requests currently being handled: from the whole request read until its response is
    /// written and the observer has returned.
    std::size_t in_flight() const;
    /// Requests waiting for a worker, and those refused because the queue was full.
    std::size_t queue_depth() const;
    std::uint64_t queue_rejections() const;
    /// Connections refused by the global or per-peer cap.
    std::uint64_t connection_rejections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace todo::http
