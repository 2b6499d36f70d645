#pragma once
// Internal to the server: one accepted TCP connection, serving HTTP/1.1 requests in turn.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "chatbot/http/message.hpp"
#include "chatbot/http/server_state.hpp"

namespace todo::http::detail {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    /// `peer` is the address ServerState::admit() counted; released by the destructor.
    Connection(boost::asio::ip::tcp::socket&& socket, ServerState& state, std::string peer);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void start();
    /// Runs on the connection's strand: closes it unless a request is being handled or written.
    void close_if_idle();
    /// Only once no thread runs the io_context any more.
    void force_close();
    boost::asio::any_io_executor executor() { return stream_.get_executor(); }

private:
    using Clock = std::chrono::steady_clock;
    using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

    void wait_for_request();
    void read_header();
    void await_head();
    void parse_head();
    void on_header(boost::beast::error_code ec);
    void read_body();
    void on_read_error(boost::beast::error_code ec);
    void handle_request();
    void dispatch_to_worker(Request request, bool keep_alive);
    void reject(int status, const std::string& code, const std::string& message);
    void send(Request request, Response response, bool close, bool counted, bool linger);
    void on_write(boost::beast::error_code ec);
    void shutdown();
    void linger_close();
    void discard_input();

    boost::beast::tcp_stream stream_;
    ServerState& state_;
    std::string peer_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
    boost::beast::http::response<boost::beast::http::string_body> wire_response_;

    Request request_;    // kept until the observer has seen it
    Response response_;  // idem
    Clock::time_point started_{};
    unsigned version_ = 11;
    bool head_request_ = false;  // HEAD: the response goes out without its body
    bool first_request_ = true;
    bool busy_ = false;  // a request is being handled or its response written
    bool close_after_write_ = false;
    bool counted_ = false;
    bool linger_after_write_ = false;
    std::size_t lingered_bytes_ = 0;
};

}  // namespace todo::http::detail
