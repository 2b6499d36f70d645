// The default engine: the frame parser reads the message against the conversation, then the
// planned tool calls run in order (or wait for a "yes").
#include "chatbot/assistant/confirmation.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/frame_parser.hpp"
#include "chatbot/assistant/history.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/domain/dates.hpp"

namespace todo::assistant {
namespace {

using nlohmann::json;

json calls_of(const Message& message) {
    auto calls = json::parse(message.tool_calls_json, nullptr, false);
    return calls.is_array() ? calls : json::array();
}

}  // namespace

std::optional<std::int64_t> last_task_id(const std::vector<Message>& history) {
    // Replies without a tool call ("it's already done", "you're welcome") keep the thread, so
    // look back a few assistant turns.
    constexpr int kTurns = 3;
    int turns = 0;
    for (auto message = history.rbegin(); message != history.rend() && turns < kTurns; ++message) {
        if (message->role != "assistant") continue;
        ++turns;
        auto calls = calls_of(*message);
        if (calls.empty()) continue;
        for (auto call = calls.rbegin(); call != calls.rend(); ++call) {
            if (!call->is_object()) continue;
            const auto result = call->value("result", json());
            if (result.is_object() && result.contains("id") && result["id"].is_number_integer())
                return result["id"].get<std::int64_t>();
            // A list of exactly one task makes "mark it done" unambiguous.
            if (result.is_array() && result.size() == 1 && result[0].is_object() &&
                result[0].contains("id") && result[0]["id"].is_number_integer())
                return result[0]["id"].get<std::int64_t>();
            const auto args = call->value("arguments", json());
            if (args.is_object() && args.contains("task_id") && args["task_id"].is_number_integer())
                return args["task_id"].get<std::int64_t>();
        }
        return std::nullopt;  // a list or a failed add: nothing to point at
    }
    return std::nullopt;
}

std::vector<std::int64_t> last_listed_ids(const std::vector<Message>& history) {
    for (auto message = history.rbegin(); message != history.rend(); ++message) {
        if (message->role != "assistant") continue;
        auto calls = calls_of(*message);
        for (auto call = calls.rbegin(); call != calls.rend(); ++call) {
            if (!call->is_object() || call->value("name", "") != "list_tasks") continue;
            std::vector<std::int64_t> ids;
            for (const auto& task : call->value("result", json::array()))
                if (task.is_object() && task.contains("id") && task["id"].is_number_integer())
                    ids.push_back(task["id"].get<std::int64_t>());
            return ids;
        }
    }
    return {};
}

std::optional<std::string> pending_question(const std::vector<Message>& history) {
    if (history.size() < 2) return std::nullopt;
    const auto& answer = history[history.size() - 1];
    const auto& asked = history[history.size() - 2];
    if (answer.role != "assistant" || asked.role != "user" || !calls_of(answer).empty())
        return std::nullopt;
    if (answer.content.find('?') == std::string::npos) return std::nullopt;
    return asked.content;
}

namespace {

class BuiltinEngine final : public Engine {
public:
    explicit BuiltinEngine(std::function<std::string()> today) : today_(std::move(today)) {}

    Reply respond(std::string_view message, const std::vector<Message>& history,
                  ToolBox& tools) override {
        Context context{TaskList([&tools] { return tools.all_tasks(); },
                                 [&tools](std::int64_t id) { return tools.task(id); }),
                        last_task_id(history), last_listed_ids(history),
                        today_(), pending_question(history)};
        auto plan = parse_message(message, context);
        if (plan.confirm) return Reply{confirmation_question(plan, context), {}};
        if (plan.calls.empty()) return Reply{plan.reply, {}};
        Reply reply;
        for (auto& call : plan.calls) {
            ToolCallRecord record{call.name, call.arguments, {}};
            record.result = tools.run(record.name, record.arguments);
            if (!reply.response.empty()) reply.response += "\n";
            reply.response += describe_outcome(record, context.today);
            reply.tool_calls.push_back(std::move(record));
        }
        return reply;
    }

private:
    std::function<std::string()> today_;
};

}  // namespace

std::unique_ptr<Engine> make_builtin_engine(std::function<std::string()> today) {
    if (!today) today = today_utc;
    return std::make_unique<BuiltinEngine>(std::move(today));
}

}  // namespace todo::assistant
