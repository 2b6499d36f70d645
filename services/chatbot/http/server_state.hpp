#pragma once
// Internal to the server: what the listener and every connection share. Not a public header.

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "chatbot/http/server.hpp"
#include "chatbot/http/worker_pool.hpp"

namespace todo::http::detail {

class Connection;

struct ServerState {
    ServerState(ServerOptions server_options, RequestHandler request_handler,
                CompletionObserver completion_observer);

    void request_started() { ++in_flight; }
    void request_finished();
    void track(const std::shared_ptr<Connection>& connection);
    std::vector<std::shared_ptr<Connection>> live_connections();
    /// Counts a new connection from `peer`; false (and nothing counted) when over a cap.
    bool admit(const std::string& peer);
    void release(const std::string& peer);

    ServerOptions options;
    RequestHandler handler;
    CompletionObserver observer;
    std::size_t threads;

    std::atomic<bool> stopping{false};
    std::atomic<bool> draining{false};
    std::atomic<std::uint64_t> connection_rejections{0};
    std::atomic<std::size_t> in_flight{0};
    std::mutex drain_mutex;
    std::condition_variable drained;
    std::atomic<std::uint16_t> port{0};

    // Connections unregister in their destructors, which may run while `ioc` is destroyed:
    // these members are declared before it so they outlive it.
    std::mutex connections_mutex;
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections;
    std::size_t open_connections = 0;  // guarded by connections_mutex, as is the next one
    std::unordered_map<std::string, std::size_t> connections_per_peer;

    boost::asio::io_context ioc;
    boost::asio::strand<boost::asio::io_context::executor_type> acceptor_strand;
    boost::asio::ip::tcp::acceptor acceptor;
    boost::asio::steady_timer accept_retry;
    // A handler on a worker posts its response back later: the loop must not run dry
    // meanwhile. stop() ends the loop explicitly.
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running;
    // Last: destroyed first, so no job still runs while the members above go away.
    WorkerPool workers;
};

}  // namespace todo::http::detail
