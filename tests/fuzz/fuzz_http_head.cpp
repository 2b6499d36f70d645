// libFuzzer target: the HTTP request head on a byte stream, through the pre-parse checks
// (414/431/obs-fold) and then Beast's request parser, as the server feeds them.

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chatbot/http/request_head.hpp"
#include "chatbot/http/request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (todo::http::check_request_head(bytes, 4096, 8192) != todo::http::HeadVerdict::Complete)
        return 0;
    boost::beast::http::request_parser<boost::beast::http::string_body> parser;
    parser.header_limit(8192 + 4);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_header_done()) return 0;
    const auto target = parser.get().target();
    const std::string_view text(target.data(), target.size());
    const auto question = text.find('?');
    (void)todo::http::percent_decode(text.substr(0, question), false);
    if (question != std::string_view::npos) (void)todo::http::parse_query(text.substr(question + 1));
    return 0;
}
