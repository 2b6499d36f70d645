#pragma once
// The assistant turns one chat message into tool calls and a friendly reply.
// Engines share this interface: the built-in frame parser and an OpenAI-compatible LLM client.

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

class ToolBox;

/// One executed tool call, as the chat endpoint reports it.
struct ToolCallRecord {
    std::string name;
    nlohmann::json arguments;
    nlohmann::json result;  ///< the task, the task list, or {"error": "..."}
};

struct Reply {
    std::string response;
    std::vector<ToolCallRecord> tool_calls;
};

class Engine {
public:
    virtual ~Engine() = default;
    /// `history` is the conversation so far (oldest first), without the new message.
    /// Store failures (StoreUnavailable) propagate; tool validation failures become
    /// {"error": ...} results.
    virtual Reply respond(std::string_view message, const std::vector<Message>& history,
                          ToolBox& tools) = 0;
};

/// `today` (YYYY-MM-DD) is asked once per message; the default is the UTC date.
std::unique_ptr<Engine> make_builtin_engine(std::function<std::string()> today = {});

struct LlmSettings {
    std::string base_url;  ///< e.g. "https://api.openai.com/v1" or "http://127.0.0.1:9000/v1"
    std::string api_key;
    std::string model = "gpt-4o-mini";
    int timeout_ms = 15000;
};

/// Warns once (through `on_fallback`, with the reason) and answers with `fallback` whenever
/// the LLM cannot be reached or answers nonsense.
std::unique_ptr<Engine> make_llm_engine(LlmSettings settings, std::unique_ptr<Engine> fallback,
                                        std::function<void(const std::string& reason)> on_fallback);

}  // namespace todo::assistant
