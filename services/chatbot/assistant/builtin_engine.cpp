// The default engine: interpret() on the message, run the one tool call, confirm it.
#include "chatbot/assistant/confirmation.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/history.hpp"
#include "chatbot/assistant/intent.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/domain/dates.hpp"

namespace todo::assistant {

std::optional<std::int64_t> last_task_id(const std::vector<Message>& history) {
    // Replies without a tool call ("it's already done", "you're welcome") keep the thread, so
    // look back a few assistant turns.
    constexpr int kTurns = 3;
    int turns = 0;
    for (auto message = history.rbegin(); message != history.rend() && turns < kTurns; ++message) {
        if (message->role != "assistant") continue;
        ++turns;
        auto calls = nlohmann::json::parse(message->tool_calls_json, nullptr, false);
        if (!calls.is_array() || calls.empty()) continue;
        for (auto call = calls.rbegin(); call != calls.rend(); ++call) {
            if (!call->is_object()) continue;
            const auto result = call->value("result", nlohmann::json());
            if (result.is_object() && result.contains("id") && result["id"].is_number_integer())
                return result["id"].get<std::int64_t>();
            // A list of exactly one task makes "mark it done" unambiguous.
            if (result.is_array() && result.size() == 1 && result[0].is_object() &&
                result[0].contains("id") && result[0]["id"].is_number_integer())
                return result[0]["id"].get<std::int64_t>();
            const auto args = call->value("arguments", nlohmann::json());
            if (args.is_object() && args.contains("task_id") && args["task_id"].is_number_integer())
                return args["task_id"].get<std::int64_t>();
        }
        return std::nullopt;  // a list or a failed add: nothing to point at
    }
    return std::nullopt;
}

namespace {

class BuiltinEngine final : public Engine {
public:
    Reply respond(std::string_view message, const std::vector<Message>& history,
                  ToolBox& tools) override {
        Context context{tools.all_tasks(), last_task_id(history), today_utc()};
        auto intent = interpret(message, context);
        if (!intent.call) return Reply{intent.reply, {}};
        ToolCallRecord record{intent.call->name, intent.call->arguments, {}};
        record.result = tools.run(record.name, record.arguments);
        auto response = describe_outcome(record, context.today);
        return Reply{std::move(response), {std::move(record)}};
    }
};

}  // namespace

std::unique_ptr<Engine> make_builtin_engine() { return std::make_unique<BuiltinEngine>(); }

}  // namespace todo::assistant
