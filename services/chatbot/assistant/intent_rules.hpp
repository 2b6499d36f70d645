#pragma once
// Internal to the built-in engine: the rules interpret() tries in order. Each returns nullopt
// when the message is not its kind, so the next rule gets a chance.

#include <optional>
#include <string>
#include <string_view>

#include "chatbot/assistant/intent.hpp"
#include "chatbot/assistant/references.hpp"

namespace todo::assistant::rules {

/// The message twice: as typed (for titles) and ASCII-lowercased (for matching); same length.
struct Said {
    std::string text;
    std::string low;

    explicit Said(std::string original);
    /// Drops `prefix` (lowercase, at a word boundary) from the front; true when it was there.
    bool drop_prefix(std::string_view prefix);
    /// The part from byte `pos` on, trimmed.
    Said from(std::size_t pos) const;
    bool empty() const { return low.empty(); }
};

Intent reply(std::string text);
Intent call(std::string name, nlohmann::json arguments);

std::optional<Intent> small_talk(const Said& said);
std::optional<Intent> list_request(const Said& said);
std::optional<Intent> add_request(const Said& said, const Context& context, bool implicit);

std::optional<Intent> reopen_request(const Said& said, const Context& context);
std::optional<Intent> delete_request(const Said& said, const Context& context);
std::optional<Intent> update_request(const Said& said, const Context& context);
std::optional<Intent> complete_request(const Said& said, const Context& context);

/// complete_task for a found task, or a reply when it is already done.
Intent complete_task(const Task& task);

}  // namespace todo::assistant::rules
