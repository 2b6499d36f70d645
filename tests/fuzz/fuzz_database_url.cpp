// libFuzzer target: DATABASE_URL parsing and password redaction.

#include <cstddef>
#include <cstdint>
#include <string>

#include "chatbot/store/database_url.hpp"
#include "chatbot/store/store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string url(reinterpret_cast<const char*>(data), size);
    try {
        (void)todo::store::parse_database_url(url);
    } catch (const todo::store::BadDatabaseUrl&) {
    }
    (void)todo::store::redact_password("connection to " + url + " failed", url);
    return 0;
}
