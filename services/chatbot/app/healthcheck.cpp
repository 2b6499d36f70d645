#include "chatbot/app/healthcheck.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace todo::app {

namespace beast = boost::beast;
namespace asio = boost::asio;

bool probe_health(const std::string& url, int timeout_ms, std::string* why) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) {
        if (why) *why = "only http:// URLs are supported";
        return false;
    }
    auto rest = url.substr(scheme.size());
    auto slash = rest.find('/');
    auto authority = rest.substr(0, slash);
    auto target = slash == std::string::npos ? std::string("/") : rest.substr(slash);
    auto colon = authority.rfind(':');
    auto host = colon == std::string::npos ? authority : authority.substr(0, colon);
    auto port = colon == std::string::npos ? std::string("80") : authority.substr(colon + 1);

    try {
        asio::io_context io;
        beast::tcp_stream stream(io);
        stream.expires_after(std::chrono::milliseconds(timeout_ms));
        asio::ip::tcp::resolver resolver(io);
        stream.connect(resolver.resolve(host, port));
        beast::http::request<beast::http::empty_body> request{beast::http::verb::get, target, 11};
        request.set(beast::http::field::host, authority);
        request.set(beast::http::field::user_agent, "todo-chatbot-healthcheck");
        beast::http::write(stream, request);
        beast::flat_buffer buffer;
        beast::http::response<beast::http::string_body> response;
        beast::http::read(stream, buffer, response);
        beast::error_code ignored;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        if (response.result_int() == 200) return true;
        if (why) *why = "answered HTTP " + std::to_string(response.result_int());
    } catch (const std::exception& error) {
        if (why) *why = error.what();
    }
    return false;
}

}  // namespace todo::app
