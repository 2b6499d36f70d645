#pragma once
// One keep-alive HTTP/1.1 connection over a blocking POSIX socket, for test threads that must
// not depend on a Qt event loop. Every read and write has a timeout; framing is Content-Length.

#include <cstdint>
#include <string>

namespace helmdeck::testing {

struct WireReply {
    int status = 0;     ///< 0: the exchange failed; `error` says how
    std::string error;  ///< empty on success
    std::string head;   ///< status line and fields, lower-cased names not guaranteed
    std::string body;
    bool closes = false;  ///< the response said Connection: close
    std::string header(const std::string& lower_name) const;
};

class BlockingWire {
public:
    explicit BlockingWire(std::uint16_t port, int timeout_ms = 10000);
    ~BlockingWire();
    BlockingWire(const BlockingWire&) = delete;
    BlockingWire& operator=(const BlockingWire&) = delete;

    bool connected() const { return fd_ >= 0; }
    /// Sends `request` whole and reads one response; `to_head`: its Content-Length announces
    /// no body (the answer to HEAD).
    WireReply exchange(const std::string& request, bool to_head = false);

private:
    int fd_ = -1;
    std::string buffer_;
};

/// "POST <target> HTTP/1.1" with a JSON body, keep-alive.
std::string post_json(const std::string& target, const std::string& body);

}  // namespace helmdeck::testing
