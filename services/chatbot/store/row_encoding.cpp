#include "chatbot/store/row_encoding.hpp"

#include <nlohmann/json.hpp>

namespace todo::store {

std::string encode_tags(const std::vector<std::string>& tags) {
    return nlohmann::json(tags).dump();
}

std::vector<std::string> decode_tags(std::string_view json) {
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::string> tags;
    if (!parsed.is_array()) return tags;
    for (const auto& item : parsed)
        if (item.is_string()) tags.push_back(item.get<std::string>());
    return tags;
}

std::string contains_pattern(std::string_view needle) {
    std::string pattern = "%";
    for (char c : needle) {
        if (c == '\\' || c == '%' || c == '_') pattern.push_back('\\');
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

std::optional<bool> completed_for(StatusFilter status) {
    switch (status) {
        case StatusFilter::Pending:
            return false;
        case StatusFilter::Completed:
            return true;
        case StatusFilter::All:
            break;
    }
    return std::nullopt;
}

}  // namespace todo::store
