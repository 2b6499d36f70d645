#include "chatbot/http/request_head.hpp"

namespace todo::http {

HeadVerdict check_request_head(std::string_view bytes, std::size_t max_line_bytes,
                               std::size_t max_head_bytes) {
    const auto line_end = bytes.find("\r\n");
    if (line_end == std::string_view::npos)
        return bytes.size() > max_line_bytes ? HeadVerdict::UriTooLong : HeadVerdict::NeedMore;
    if (line_end > max_line_bytes) return HeadVerdict::UriTooLong;

    const auto head_end = bytes.find("\r\n\r\n");
    const auto end = head_end == std::string_view::npos ? bytes.size() : head_end + 4;
    if (end > max_head_bytes) return HeadVerdict::HeaderTooLarge;
    // A field line that starts with a space or tab continues the previous one: obs-fold.
    const auto fields = bytes.substr(0, head_end == std::string_view::npos ? bytes.size() : head_end + 2);
    for (auto at = fields.find("\r\n"); at != std::string_view::npos && at + 2 < fields.size();
         at = fields.find("\r\n", at + 2)) {
        if (fields[at + 2] == ' ' || fields[at + 2] == '\t') return HeadVerdict::ObsFold;
    }
    return head_end == std::string_view::npos ? HeadVerdict::NeedMore : HeadVerdict::Complete;
}

}  // namespace todo::http
