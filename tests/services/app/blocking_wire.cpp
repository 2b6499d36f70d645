#include "blocking_wire.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace helmdeck::testing {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

std::string WireReply::header(const std::string& lower_name) const {
    const auto lowered = lower(head);
    const auto at = lowered.find("\r\n" + lower_name + ":");
    if (at == std::string::npos) return {};
    const auto start = at + 3 + lower_name.size();
    const auto end = head.find("\r\n", start);
    auto value = head.substr(start, end - start);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
}

BlockingWire::BlockingWire(std::uint16_t port, int timeout_ms) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

BlockingWire::~BlockingWire() {
    if (fd_ >= 0) ::close(fd_);
}

WireReply BlockingWire::exchange(const std::string& request, bool to_head) {
    WireReply reply;
    if (fd_ < 0) {
        reply.error = "not connected";
        return reply;
    }
    for (std::size_t sent = 0; sent < request.size();) {
        const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            reply.error = std::string("send: ") + std::strerror(errno);
            return reply;
        }
        sent += static_cast<std::size_t>(n);
    }
    const auto fill = [&]() -> bool {
        char chunk[4096];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
            reply.error = n == 0 ? "closed by the server" : std::string("recv: ") + std::strerror(errno);
            return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    };
    std::size_t head_end;
    while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!fill()) return reply;
    reply.head = buffer_.substr(0, head_end + 2);
    const auto length_text = reply.header("content-length");
    const std::size_t length = length_text.empty() || to_head ? 0 : std::stoul(length_text);
    while (buffer_.size() < head_end + 4 + length)
        if (!fill()) return reply;
    reply.body = buffer_.substr(head_end + 4, length);
    buffer_.erase(0, head_end + 4 + length);
    reply.status = std::stoi(reply.head.substr(9, 3));
    reply.closes = lower(reply.header("connection")) == "close";
    return reply;
}

std::string post_json(const std::string& target, const std::string& body) {
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace helmdeck::testing
