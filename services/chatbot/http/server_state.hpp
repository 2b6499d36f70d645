#pragma once
// Internal to the server: what the listener and every connection share. Not a public header.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "chatbot/http/server.hpp"

namespace todo::http::detail {

class Connection;

struct ServerState {
    ServerState(ServerOptions server_options, RequestHandler request_handler,
                CompletionObserver completion_observer);

    void request_started() { ++in_flight; }
    void request_finished();
    void track(const std::shared_ptr<Connection>& connection);
    std::vector<std::shared_ptr<Connection>> live_connections();

    ServerOptions options;
    RequestHandler handler;
    CompletionObserver observer;
    std::size_t threads;

    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> in_flight{0};
    std::mutex drain_mutex;
    std::condition_variable drained;
    std::atomic<std::uint16_t> port{0};

    // Connections unregister in their destructors, which may run while `ioc` is destroyed:
    // these members are declared before it so they outlive it.
    std::mutex connections_mutex;
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections;

    boost::asio::io_context ioc;
    boost::asio::strand<boost::asio::io_context::executor_type> acceptor_strand;
    boost::asio::ip::tcp::acceptor acceptor;
    boost::asio::steady_timer accept_retry;
};

}  // namespace todo::http::detail
