#include "chatbot/http/server.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "chatbot/http/connection.hpp"
#include "chatbot/http/server_state.hpp"

namespace todo::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using detail::Connection;
using detail::ServerState;

std::size_t worker_count(std::size_t requested) {
    if (requested > 0) return requested;
    return std::max<std::size_t>(2, std::thread::hardware_concurrency());
}

// Sent without reading the request: the client learns why before the close.
constexpr std::string_view kTooManyConnections =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    "Retry-After: 1\r\nConnection: close\r\nContent-Length: 89\r\n\r\n"
    R"({"error":{"code":"too_many_connections","message":"too many connections; retry shortly"}})";

std::string peer_of(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    return ec ? std::string() : endpoint.address().to_string();
}

// Closing with unread input would reset the connection and lose the answer: the socket
// stays half-open for a second before it closes.
void refuse(tcp::socket socket) {
    struct Refused {
        explicit Refused(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
        tcp::socket socket;
        asio::steady_timer timer;
    };
    auto held = std::make_shared<Refused>(std::move(socket));
    asio::async_write(
        held->socket, asio::buffer(kTooManyConnections.data(), kTooManyConnections.size()),
        [held](boost::system::error_code, std::size_t) {
            boost::system::error_code ignored;
            held->socket.shutdown(tcp::socket::shutdown_send, ignored);
            held->timer.expires_after(std::chrono::seconds(1));
            held->timer.async_wait([held](boost::system::error_code) {
                boost::system::error_code ignored_close;
                held->socket.close(ignored_close);
            });
        });
}

void accept_next(ServerState& state) {
    state.acceptor.async_accept(
        asio::make_strand(state.ioc), [&state](boost::system::error_code ec, tcp::socket socket) {
            if (state.stopping || !state.acceptor.is_open()) return;
            if (ec) {  // e.g. out of file descriptors: back off instead of spinning
                state.accept_retry.expires_after(std::chrono::milliseconds(100));
                state.accept_retry.async_wait([&state](boost::system::error_code wait_ec) {
                    if (!wait_ec) accept_next(state);
                });
                return;
            }
            auto peer = peer_of(socket);
            if (!state.admit(peer)) {
                ++state.connection_rejections;
                refuse(std::move(socket));
                return accept_next(state);
            }
            auto connection = std::make_shared<Connection>(std::move(socket), state, std::move(peer));
            state.track(connection);
            connection->start();
            accept_next(state);
        });
}

}  // namespace

namespace detail {

ServerState::ServerState(ServerOptions server_options, RequestHandler request_handler,
                         CompletionObserver completion_observer)
    : options(std::move(server_options)),
      handler(std::move(request_handler)),
      observer(std::move(completion_observer)),
      threads(std::max<std::size_t>(1, options.io_threads)),
      ioc(static_cast<int>(threads)),
      acceptor_strand(asio::make_strand(ioc)),
      acceptor(acceptor_strand),
      accept_retry(acceptor_strand),
      keep_running(asio::make_work_guard(ioc)),
      workers(worker_count(options.threads), options.queue_limit) {}

bool ServerState::admit(const std::string& peer) {
    std::lock_guard lock(connections_mutex);
    auto& from_peer = connections_per_peer[peer];
    if (open_connections >= options.max_connections ||
        from_peer >= options.max_connections_per_peer) {
        if (from_peer == 0) connections_per_peer.erase(peer);
        return false;
    }
    ++open_connections;
    ++from_peer;
    return true;
}

void ServerState::release(const std::string& peer) {
    std::lock_guard lock(connections_mutex);
    --open_connections;
    if (auto it = connections_per_peer.find(peer); it != connections_per_peer.end() && --it->second == 0)
        connections_per_peer.erase(it);
}

void ServerState::request_finished() {
    {
        std::lock_guard lock(drain_mutex);  // pairs with the wait in stop(): no lost wake-up
        --in_flight;
    }
    drained.notify_all();
}

void ServerState::track(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(connections_mutex);
    connections.emplace(connection.get(), connection);
}

std::vector<std::shared_ptr<Connection>> ServerState::live_connections() {
    std::lock_guard lock(connections_mutex);
    std::vector<std::shared_ptr<Connection>> live;
    live.reserve(connections.size());
    for (const auto& [address, weak] : connections) {
        if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
    return live;
}

}  // namespace detail

struct Server::Impl {
    std::unique_ptr<ServerState> state;
};

Server::Server(ServerOptions options, RequestHandler handler, CompletionObserver observer)
    : impl_(std::make_unique<Impl>()) {
    impl_->state =
        std::make_unique<ServerState>(std::move(options), std::move(handler), std::move(observer));
}

Server::~Server() {
    impl_->state->ioc.stop();
}

void Server::listen() {
    auto& state = *impl_->state;
    const auto& host = state.options.host;
    const auto service = std::to_string(state.options.port);
    try {
        tcp::resolver resolver(state.ioc);
        const auto results = resolver.resolve(
            host, service, tcp::resolver::passive | tcp::resolver::numeric_service);
        const tcp::endpoint endpoint = results.begin()->endpoint();
        state.acceptor.open(endpoint.protocol());
        state.acceptor.set_option(asio::socket_base::reuse_address(true));
        state.acceptor.bind(endpoint);
        state.acceptor.listen(asio::socket_base::max_listen_connections);
        state.port = state.acceptor.local_endpoint().port();
    } catch (const boost::system::system_error& error) {
        boost::system::error_code ignored;
        state.acceptor.close(ignored);
        throw std::runtime_error("cannot listen on " + host + ":" + service + ": " +
                                 error.code().message());
    }
    asio::post(state.acceptor_strand, [&state] { accept_next(state); });
}

std::uint16_t Server::port() const {
    return impl_->state->port;
}

std::size_t Server::in_flight() const {
    return impl_->state->in_flight;
}

std::size_t Server::queue_depth() const {
    return impl_->state->workers.queue_depth();
}

std::uint64_t Server::queue_rejections() const {
    return impl_->state->workers.rejected();
}

std::uint64_t Server::connection_rejections() const {
    return impl_->state->connection_rejections;
}

void Server::begin_drain() {
    impl_->state->draining = true;
}

void Server::run() {
    auto& state = *impl_->state;
    const auto work = [&state] {
        for (;;) {
            try {
                state.ioc.run();
                return;
            } catch (...) {  // a stray exception must not cost the pool a worker
            }
        }
    };
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < state.threads; ++i) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    state.workers.stop();  // a handler stuck past the drain deadline is waited for here
    // stop() may have stopped the loop before the strand closed the acceptor: a client still
    // in the backlog would wait on an open listener until the Server is destroyed.
    boost::system::error_code ignored;
    state.acceptor.close(ignored);
    // stop() may have stopped the loop before every idle connection saw its close.
    for (const auto& connection : state.live_connections()) connection->force_close();
}

void Server::stop(std::chrono::milliseconds drain) {
    auto& state = *impl_->state;
    const auto deadline = std::chrono::steady_clock::now() + drain;
    state.stopping = true;
    asio::post(state.acceptor_strand, [&state] {
        boost::system::error_code ignored;
        state.acceptor.close(ignored);
        state.accept_retry.cancel();
    });
    for (const auto& connection : state.live_connections())
        asio::post(connection->executor(), [connection] { connection->close_if_idle(); });
    {
        std::unique_lock lock(state.drain_mutex);
        state.drained.wait_until(lock, deadline, [&state] { return state.in_flight == 0; });
    }
    state.ioc.stop();
}

}  // namespace todo::http
