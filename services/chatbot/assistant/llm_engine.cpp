// The optional engine: an OpenAI-compatible Chat Completions endpoint with tool calling.
#include <atomic>
#include <chrono>

#include "chatbot/assistant/confirmation.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/http_client.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/domain/dates.hpp"

namespace todo::assistant {
namespace {

using nlohmann::json;

constexpr int kMaxRounds = 5;
// After a failure the LLM is left alone for a while, so an outage costs one timeout, not one
// per chat request.
constexpr auto kCooldown = std::chrono::seconds(30);

// The LLM could not be used for this message: unreachable, slow, non-2xx or nonsense.
struct LlmFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string system_prompt() {
    return "You are the assistant of a to-do app. Today is " + today_utc() +
           ". Use the tools to add, list, complete, delete and update the user's tasks; tasks "
           "are referred to by their numeric id, so call list_tasks first when you need to find "
           "one. Dates are YYYY-MM-DD. After acting, confirm in one or two friendly sentences "
           "what you did. If a request is ambiguous, ask back instead of guessing.";
}

std::string summary_of(const std::vector<ToolCallRecord>& records) {
    std::string text;
    auto today = today_utc();
    for (const auto& record : records)
        text += (text.empty() ? "" : " ") + describe_outcome(record, today);
    return text;
}

class LlmEngine final : public Engine {
public:
    LlmEngine(LlmSettings settings, std::unique_ptr<Engine> fallback,
              std::function<void(const std::string&)> on_fallback)
        : settings_(std::move(settings)),
          fallback_(std::move(fallback)),
          on_fallback_(std::move(on_fallback)) {
        while (!settings_.base_url.empty() && settings_.base_url.back() == '/')
            settings_.base_url.pop_back();
    }

    Reply respond(std::string_view message, const std::vector<Message>& history,
                  ToolBox& tools) override {
        if (Clock::now().time_since_epoch().count() < retry_after_.load())
            return fallback_->respond(message, history, tools);
        std::vector<ToolCallRecord> records;
        try {
            return converse(message, history, tools, records);
        } catch (const LlmFailure& failure) {
            retry_after_.store((Clock::now() + kCooldown).time_since_epoch().count());
            if (!reported_.exchange(true) && on_fallback_) on_fallback_(failure.what());
            // Tools already ran: answering again with the fallback would run them twice.
            if (!records.empty()) return Reply{summary_of(records), std::move(records)};
            return fallback_->respond(message, history, tools);
        }
    }

private:
    using Clock = std::chrono::steady_clock;

    Reply converse(std::string_view message, const std::vector<Message>& history,
                   ToolBox& tools, std::vector<ToolCallRecord>& records) {
        json messages = json::array({{{"role", "system"}, {"content", system_prompt()}}});
        for (const auto& earlier : history)
            if (earlier.role == "user" || earlier.role == "assistant")
                messages.push_back({{"role", earlier.role}, {"content", earlier.content}});
        messages.push_back({{"role", "user"}, {"content", std::string(message)}});

        for (int round = 0; round < kMaxRounds; ++round) {
            auto answer = complete(messages);
            auto calls = answer.value("tool_calls", json());
            if (!calls.is_array() || calls.empty()) {
                auto content = answer.value("content", json());
                if (content.is_string() && !content.get<std::string>().empty())
                    return Reply{content.get<std::string>(), std::move(records)};
                if (!records.empty()) return Reply{summary_of(records), std::move(records)};
                throw LlmFailure("the LLM answered with neither text nor tool calls");
            }
            messages.push_back({{"role", "assistant"},
                                {"content", answer.value("content", json())},
                                {"tool_calls", calls}});
            for (const auto& call : calls) {
                if (!call.is_object() || !call.contains("function") ||
                    !call["function"].is_object())
                    throw LlmFailure("the LLM sent a malformed tool call");
                const auto& function = call["function"];
                auto name = function.value("name", std::string());
                auto raw = function.value("arguments", json("{}"));
                json arguments = raw.is_string() ? json::parse(raw.get<std::string>(), nullptr, false)
                                                 : raw;
                json result = arguments.is_discarded()
                                  ? json{{"error", "the arguments are not valid JSON"}}
                                  : tools.run(name, arguments);
                records.push_back({name, arguments.is_discarded() ? raw : arguments, result});
                messages.push_back({{"role", "tool"},
                                    {"tool_call_id", call.value("id", std::string())},
                                    {"content", result.dump()}});
            }
        }
        return Reply{summary_of(records), std::move(records)};
    }

    // One Chat Completions round trip; the assistant message of the first choice.
    json complete(const json& messages) {
        json request{{"model", settings_.model},
                     {"messages", messages},
                     {"tools", tool_definitions()},
                     {"tool_choice", "auto"}};
        std::vector<std::pair<std::string, std::string>> headers;
        if (!settings_.api_key.empty())
            headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
        HttpResponse response;
        try {
            response = post_json(settings_.base_url + "/chat/completions", headers, request.dump(),
                                 std::chrono::milliseconds(settings_.timeout_ms));
        } catch (const HttpError& error) {
            throw LlmFailure(error.what());
        }
        if (response.status < 200 || response.status > 299)
            throw LlmFailure("the LLM answered HTTP " + std::to_string(response.status));
        auto body = json::parse(response.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
            throw LlmFailure("the LLM answered with something that is not JSON");
        auto choices = body.value("choices", json());
        if (!choices.is_array() || choices.empty() || !choices[0].is_object() ||
            !choices[0].contains("message") || !choices[0]["message"].is_object())
            throw LlmFailure("the LLM answer has no choices[0].message");
        return choices[0]["message"];
    }

    LlmSettings settings_;
    std::unique_ptr<Engine> fallback_;
    std::function<void(const std::string&)> on_fallback_;
    std::atomic<bool> reported_{false};
    std::atomic<Clock::rep> retry_after_{0};
};

}  // namespace

std::unique_ptr<Engine> make_llm_engine(LlmSettings settings, std::unique_ptr<Engine> fallback,
                                        std::function<void(const std::string& reason)> on_fallback) {
    return std::make_unique<LlmEngine>(std::move(settings), std::move(fallback),
                                       std::move(on_fallback));
}

}  // namespace todo::assistant
