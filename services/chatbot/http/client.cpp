#include "chatbot/http/client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace todo::http {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

struct Url {
    bool tls = false;
    std::string host;
    std::string port;
    std::string authority;  ///< as written in the URL: the Host header
    std::string target;
};

Url parse_url(const std::string& url) {
    Url parsed;
    std::string rest;
    if (url.rfind("http://", 0) == 0) {
        rest = url.substr(7);
    } else if (url.rfind("https://", 0) == 0) {
        parsed.tls = true;
        rest = url.substr(8);
    } else {
        throw ClientError("the URL must start with http:// or https://");
    }
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    parsed.authority = authority;
    parsed.target = slash == std::string::npos ? "/" : rest.substr(slash);
    if (!authority.empty() && authority.front() == '[') {  // [::1]:8080
        auto close = authority.find(']');
        if (close == std::string::npos) throw ClientError("bad IPv6 host in the URL");
        parsed.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            parsed.port = authority.substr(close + 2);
    } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
        parsed.host = authority.substr(0, colon);
        parsed.port = authority.substr(colon + 1);
    } else {
        parsed.host = authority;
    }
    if (parsed.host.empty()) throw ClientError("the URL has no host");
    if (parsed.port.empty()) parsed.port = parsed.tls ? "443" : "80";
    return parsed;
}

ssl::context& tls_context() {
    static ssl::context context = [] {
        ssl::context ctx(ssl::context::tls_client);
        ctx.set_default_verify_paths();
        ctx.set_verify_mode(ssl::verify_peer);
        return ctx;
    }();
    return context;
}

tcp::socket& socket_of(tcp::socket& socket) { return socket; }
tcp::socket& socket_of(ssl::stream<tcp::socket>& stream) { return stream.next_layer(); }

// Runs the io_context until `done`, or closes the socket when the deadline passes.
class Deadline {
public:
    Deadline(asio::io_context& io, Clock::time_point at) : io_(io), at_(at) {}

    void wait(const bool& done, tcp::socket& socket, std::optional<tcp::resolver*> resolver,
              const char* step) {
        io_.restart();
        while (!done) {
            auto now = Clock::now();
            if (now >= at_) {
                error_code ignored;
                if (resolver) (*resolver)->cancel();
                socket.close(ignored);
                io_.restart();
                io_.run();  // lets the aborted handler finish before the stack unwinds
                throw ClientError(std::string("timed out while ") + step);
            }
            io_.run_one_for(at_ - now);
        }
    }

private:
    asio::io_context& io_;
    Clock::time_point at_;
};

template <class Stream>
ClientResponse exchange(Stream& stream, const Url& url,
                      const tcp::resolver::results_type& endpoints,
                      const bhttp::request<bhttp::string_body>& request, Deadline& deadline) {
    auto& socket = socket_of(stream);
    bool done = false;
    error_code ec;
    asio::async_connect(socket, endpoints, [&](error_code e, const tcp::endpoint&) {
        ec = e;
        done = true;
    });
    deadline.wait(done, socket, std::nullopt, "connecting");
    if (ec) throw ClientError("cannot connect to " + url.host + ":" + url.port + ": " + ec.message());

    if constexpr (std::is_same_v<Stream, ssl::stream<tcp::socket>>) {
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
            throw ClientError("cannot set the TLS server name");
        stream.set_verify_mode(ssl::verify_peer);
        stream.set_verify_callback(ssl::host_name_verification(url.host));
        done = false;
        stream.async_handshake(ssl::stream_base::client, [&](error_code e) {
            ec = e;
            done = true;
        });
        deadline.wait(done, socket, std::nullopt, "in the TLS handshake");
        if (ec) throw ClientError("TLS handshake with " + url.host + " failed: " + ec.message());
    }

    done = false;
    bhttp::async_write(stream, request, [&](error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    deadline.wait(done, socket, std::nullopt, "sending the request");
    if (ec) throw ClientError("sending the request failed: " + ec.message());

    boost::beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(8 * 1024 * 1024);
    done = false;
    bhttp::async_read(stream, buffer, parser, [&](error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    deadline.wait(done, socket, std::nullopt, "waiting for the answer");
    if (ec) throw ClientError("reading the answer failed: " + ec.message());
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    auto response = parser.release();
    return {static_cast<int>(response.result_int()), std::move(response.body())};
}

}  // namespace

ClientResponse fetch(const ClientRequest& call) {
    auto parsed = parse_url(call.url);
    asio::io_context io;
    Deadline deadline(io, Clock::now() + call.timeout);

    tcp::resolver resolver(io);
    tcp::socket probe(io);  // closed on timeout to stop nothing; the resolver is cancelled
    tcp::resolver::results_type endpoints;
    bool done = false;
    error_code ec;
    resolver.async_resolve(parsed.host, parsed.port,
                           [&](error_code e, tcp::resolver::results_type results) {
                               ec = e;
                               endpoints = std::move(results);
                               done = true;
                           });
    tcp::resolver* resolver_ptr = &resolver;
    deadline.wait(done, probe, resolver_ptr, "resolving the host");
    if (ec) throw ClientError("cannot resolve " + parsed.host + ": " + ec.message());

    const auto verb = bhttp::string_to_verb(call.method);
    if (verb == bhttp::verb::unknown) throw ClientError("unknown HTTP method " + call.method);
    bhttp::request<bhttp::string_body> request{verb, parsed.target, 11};
    request.set(bhttp::field::host, parsed.authority);
    request.set(bhttp::field::user_agent, "todo-chatbot");
    for (const auto& [name, value] : call.headers) request.set(name, value);
    request.body() = call.body;
    if (!call.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put)
        request.prepare_payload();

    if (parsed.tls) {
        ssl::stream<tcp::socket> stream(io, tls_context());
        return exchange(stream, parsed, endpoints, request, deadline);
    }
    tcp::socket socket(io);
    return exchange(socket, parsed, endpoints, request, deadline);
}

}  // namespace todo::http
