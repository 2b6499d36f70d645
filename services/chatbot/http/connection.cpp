#include "chatbot/http/connection.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <string_view>

#include "chatbot/http/error.hpp"
#include "chatbot/http/request_head.hpp"
#include "chatbot/http/request_target.hpp"

namespace todo::http::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kIdleReadBytes = 4096;
// After an error response, keep reading (and dropping) what the client still sends for a
// moment, so closing does not reset the connection before the client reads the response.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kLingerMaxBytes = 1024 * 1024;

std::string_view to_std(beast::string_view text) {
    return {text.data(), text.size()};
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

beast::string_view trim(beast::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

std::string request_id_from(const bhttp::fields& fields) {
    const auto it = fields.find("X-Request-Id");
    if (it != fields.end() && is_valid_request_id(to_std(it->value())))
        return std::string(to_std(it->value()));
    return generate_request_id();
}

/// Fills `request` from the parsed message. Returns a 400 response when the target is unusable.
std::optional<Response> build_request(bhttp::request<bhttp::string_body>& message,
                                      Request& request) {
    request.method = std::string(to_std(message.method_string()));
    for (const auto& field : message) {
        auto [it, inserted] =
            request.headers.emplace(lower(to_std(field.name_string())), to_std(field.value()));
        if (!inserted) {  // repeated fields combine into one comma-separated value
            it->second += ", ";
            it->second += to_std(field.value());
        }
    }
    request.request_id = request_id_from(message);
    request.body = std::move(message.body());

    const auto target = to_std(message.target());
    if (target.empty() || target.front() != '/')
        return error_response(400, "bad_request", "the request target must be an absolute path");
    const auto question = target.find('?');
    auto path = percent_decode(target.substr(0, question), false);
    if (!path)
        return error_response(400, "bad_request", "the request path has invalid percent-encoding");
    request.path = std::move(*path);
    if (question != std::string_view::npos) {
        auto query = parse_query(target.substr(question + 1));
        if (!query)
            return error_response(400, "bad_request",
                                  "the query string has invalid percent-encoding");
        request.query = std::move(*query);
    }
    return std::nullopt;
}

Response call_handler(const RequestHandler& handler, Request& request) {
    try {
        return handler(request);
    } catch (const HttpError& error) {
        return error_response(error);
    } catch (...) {
        // The handler owns logging of its failures; the client learns nothing internal.
        return error_response(500, "internal", "internal server error");
    }
}

}  // namespace

Connection::Connection(tcp::socket&& socket, ServerState& state, std::string peer)
    : stream_(std::move(socket)), state_(state), peer_(std::move(peer)) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
}

Connection::~Connection() {
    state_.release(peer_);
    std::lock_guard lock(state_.connections_mutex);
    state_.connections.erase(this);
}

void Connection::start() {
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->wait_for_request(); });
}

void Connection::close_if_idle() {
    if (busy_) return;  // the write completion sees `stopping` and closes
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
}

void Connection::force_close() {
    stream_.close();
}

void Connection::wait_for_request() {
    busy_ = false;
    if (state_.stopping) return shutdown();
    // The first request, or one already pipelined in the buffer, is under the read timeout;
    // between keep-alive requests the (longer) idle timeout applies until a byte arrives.
    if (first_request_ || buffer_.size() > 0) return read_header();
    stream_.expires_after(state_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                if (ec) return self->shutdown();
                                self->buffer_.commit(n);
                                self->read_header();
                            });
}

void Connection::read_header() {
    first_request_ = false;
    head_request_ = false;
    started_ = Clock::now();
    parser_.emplace();
    parser_->body_limit(state_.options.max_body_bytes);
    // check_request_head() enforces the head's limits; Beast's own must never come first.
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes + 4));
    stream_.expires_after(std::min<Clock::duration>(state_.options.header_timeout,
                                                    state_.options.read_timeout));
    await_head();
}

void Connection::await_head() {
    const auto bytes = buffer_.cdata();
    const std::string_view head(static_cast<const char*>(bytes.data()), bytes.size());
    const auto& limits = state_.options;
    switch (check_request_head(head, limits.max_request_line_bytes, limits.max_header_bytes)) {
        case HeadVerdict::Complete:
            return parse_head();
        case HeadVerdict::UriTooLong:
            return reject(414, "uri_too_long",
                          "the request line exceeds " +
                              std::to_string(limits.max_request_line_bytes) + " bytes");
        case HeadVerdict::HeaderTooLarge:
            return reject(431, "headers_too_large",
                          "the request headers exceed " + std::to_string(limits.max_header_bytes) +
                              " bytes");
        case HeadVerdict::ObsFold:
            return reject(400, "bad_request",
                          "a header line starts with whitespace (obs-fold is not accepted)");
        case HeadVerdict::NeedMore:
            break;
    }
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                if (ec) return self->on_read_error(ec);
                                self->buffer_.commit(n);
                                self->await_head();
                            });
}

void Connection::parse_head() {
    // The whole head is buffered, so this completes without reading; the body then has what
    // is left of the request deadline.
    stream_.expires_at(started_ + state_.options.read_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const auto& message = parser_->get();
    version_ = message.version();
    head_request_ = message.method() == bhttp::verb::head;
    if (message.version() >= 11 && message.find(bhttp::field::host) == message.end())
        return reject(400, "bad_request", "an HTTP/1.1 request needs a Host header");
    if (const auto te = message.find(bhttp::field::transfer_encoding); te != message.end() &&
        !beast::iequals(trim(te->value()), "chunked"))
        return reject(501, "not_implemented",
                      "Transfer-Encoding '" + std::string(to_std(te->value())) +
                          "' is not supported; send chunked or Content-Length");
    if (!parser_->is_done() && message.version() >= 11 &&
        beast::iequals(message[bhttp::field::expect], "100-continue")) {
        continue_.emplace(bhttp::status::continue_, message.version());
        bhttp::async_write(stream_, *continue_,
                           [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                               if (write_ec) return self->shutdown();
                               self->read_body();
                           });
        return;
    }
    read_body();
}

void Connection::read_body() {
    if (parser_->is_done()) return handle_request();
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->on_read_error(ec);
                          self->handle_request();
                      });
}

void Connection::on_read_error(beast::error_code ec) {
    const auto& limits = state_.options;
    if (ec == bhttp::error::body_limit)
        return reject(
            413, "payload_too_large",
            "the request body exceeds " + std::to_string(limits.max_body_bytes) + " bytes");
    if (ec == bhttp::error::header_limit)
        return reject(
            431, "headers_too_large",
            "the request headers exceed " + std::to_string(limits.max_header_bytes) + " bytes");
    // A client that goes away (cleanly or mid-request) gets no answer.
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return shutdown();
    if (is_parse_error(ec)) return reject(400, "bad_request", "malformed HTTP request");
    shutdown();  // timeout, reset, or closed by stop()
}

void Connection::handle_request() {
    busy_ = true;
    state_.request_started();
    auto message = parser_->release();
    const bool keep_alive = message.keep_alive();
    Request request;
    request.route = "unmatched";  // the router overwrites it on a match
    if (auto bad_target = build_request(message, request))
        return send(std::move(request), std::move(*bad_target), !keep_alive, true, false);
    if (state_.options.runs_on_io_thread && state_.options.runs_on_io_thread(request)) {
        auto response = call_handler(state_.handler, request);
        return send(std::move(request), std::move(response), !keep_alive, true, false);
    }
    dispatch_to_worker(std::move(request), keep_alive);
}

void Connection::dispatch_to_worker(Request request, bool keep_alive) {
    // std::function needs a copyable job: the request travels in a shared slot.
    auto slot = std::make_shared<Request>(std::move(request));
    const bool queued = state_.workers.try_submit([self = shared_from_this(), slot, keep_alive] {
        auto response = std::make_shared<Response>(call_handler(self->state_.handler, *slot));
        asio::post(self->stream_.get_executor(), [self, slot, response, keep_alive] {
            self->send(std::move(*slot), std::move(*response), !keep_alive, true, false);
        });
    });
    if (queued) return;
    auto busy = error_response(503, "overloaded", "the server is busy; retry shortly");
    busy.headers.emplace_back("Retry-After", "1");
    send(std::move(*slot), std::move(busy), !keep_alive, true, false);
}

void Connection::reject(int status, const std::string& code, const std::string& message) {
    busy_ = true;
    Request request;
    request.route = "unmatched";
    if (parser_) {  // whatever of the head was parsed before the error
        request.method = std::string(to_std(parser_->get().method_string()));
        request.request_id = request_id_from(parser_->get());
    } else {
        request.request_id = generate_request_id();
    }
    send(std::move(request), error_response(status, code, message), true, false, true);
}

void Connection::send(Request request, Response response, bool close, bool counted, bool linger) {
    request_ = std::move(request);
    response_ = std::move(response);
    close_after_write_ = close || state_.stopping || state_.draining;
    counted_ = counted;
    linger_after_write_ = linger;

    int status = response_.status;
    if (status < 100 || status > 599) status = 500;
    wire_response_ = {};
    wire_response_.version(version_);
    wire_response_.result(static_cast<unsigned>(status));
    for (const auto& [name, value] : response_.headers) {
        // Framing is ours to decide.
        if (beast::iequals(name, "Content-Length") || beast::iequals(name, "Connection") ||
            beast::iequals(name, "Transfer-Encoding"))
            continue;
        wire_response_.insert(name, value);
    }
    wire_response_.set(bhttp::field::content_type, response_.content_type);
    wire_response_.set("X-Request-Id", request_.request_id);
    const bool bodiless = status < 200 || status == 204 || status == 304;
    wire_response_.keep_alive(!close_after_write_);
    if (head_request_ && !bodiless) {  // the length GET would have sent, and no body
        wire_response_.content_length(response_.body.size());
    } else {
        if (!bodiless) wire_response_.body() = response_.body;
        wire_response_.prepare_payload();
    }

    stream_.expires_after(state_.options.read_timeout);
    bhttp::async_write(
        stream_, wire_response_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
}

void Connection::on_write(beast::error_code ec) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    if (state_.observer) {
        try {
            state_.observer(request_, response_, seconds);
        } catch (...) {  // an observer must not take the connection down
        }
    }
    if (counted_) state_.request_finished();
    if (ec) return shutdown();
    if (close_after_write_) return linger_after_write_ ? linger_close() : shutdown();
    request_ = {};
    response_ = {};
    wire_response_ = {};
    wait_for_request();
}

void Connection::shutdown() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
}

void Connection::linger_close() {
    busy_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    buffer_.clear();
    discard_input();
}

void Connection::discard_input() {
    stream_.async_read_some(buffer_.prepare(kIdleReadBytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->lingered_bytes_ += n;
                                if (ec || self->lingered_bytes_ > kLingerMaxBytes)
                                    return self->stream_.close();
                                self->discard_input();
                            });
}

}  // namespace todo::http::detail
