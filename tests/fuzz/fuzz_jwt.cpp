// libFuzzer target: HS256 verification of an untrusted bearer token.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chatbot/auth/jwt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view token(reinterpret_cast<const char*>(data), size);
    try {
        (void)todo::auth::verify_hs256(token, "fuzz-secret", 1'800'000'000, 30, size % 2 == 0);
    } catch (const todo::auth::JwtRejected&) {
    }
    (void)todo::auth::base64url_decode(token);
    return 0;
}
