#pragma once
// Checks the raw bytes of a request head before Beast parses it: Beast accepts obs-fold and
// reports every oversized head the same way, while HTTP wants 400, 414 and 431 told apart.

#include <cstddef>
#include <string_view>

namespace todo::http {

enum class HeadVerdict {
    NeedMore,        ///< no complete head yet, and still within the limits
    Complete,        ///< a whole head (up to the blank line) within the limits
    UriTooLong,      ///< the request line alone exceeds max_line_bytes: 414
    HeaderTooLarge,  ///< the head exceeds max_head_bytes: 431
    ObsFold,         ///< a header line continues on the next line (RFC 9112 5.2): 400
};

/// `bytes` is what has arrived so far, starting at the request line.
HeadVerdict check_request_head(std::string_view bytes, std::size_t max_line_bytes,
                               std::size_t max_head_bytes);

}  // namespace todo::http
