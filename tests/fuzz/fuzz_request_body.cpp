// libFuzzer target: a request body through the JSON validation every task route applies,
// and the user id check of every per-user route.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "chatbot/domain/validation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    (void)todo::is_valid_user_id(text);
    (void)todo::trim(text);
    if (!todo::is_valid_utf8(text)) return 0;
    const auto body = nlohmann::json::parse(text, nullptr, false);
    if (body.is_discarded()) return 0;
    try {
        (void)todo::parse_task_draft(body);
    } catch (const todo::ValidationError&) {
    }
    try {
        (void)todo::parse_task_patch(body);
    } catch (const todo::ValidationError&) {
    }
    return 0;
}
