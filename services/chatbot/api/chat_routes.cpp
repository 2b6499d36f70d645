// The chat endpoint and conversation history. Both messages of a turn are stored, so any
// replica, or this one after a restart, can resume the conversation by its id.

#include "chatbot/api/application.hpp"
#include "chatbot/api/pagination.hpp"
#include "chatbot/api/request_parsing.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"
#include "chatbot/store/store.hpp"
#include "chatbot/telemetry/metrics.hpp"

namespace todo::api {
namespace {

constexpr std::size_t kMaxMessageChars = 2000;
constexpr std::size_t kHistoryMessages = 20;
constexpr std::size_t kMaxListedMessages = 500;

struct ChatInput {
    std::string message;
    std::optional<std::int64_t> conversation_id;
};

ChatInput parse_chat_input(const nlohmann::json& body) {
    if (!body.is_object()) throw ValidationError("body", "the request body must be a JSON object");
    if (!body.contains("message") || !body["message"].is_string())
        throw ValidationError("message", "message must be a string");
    ChatInput input;
    input.message = trim(body["message"].get<std::string>());
    if (input.message.empty()) throw ValidationError("message", "message must not be empty");
    if (input.message.find('\0') != std::string::npos)
        throw ValidationError("message", "message must not contain NUL characters");
    if (utf8_length(input.message) > kMaxMessageChars)
        throw ValidationError("message", "message must be at most 2000 characters");
    if (body.contains("conversation_id") && !body["conversation_id"].is_null()) {
        const auto& id = body["conversation_id"];
        if (!id.is_number_integer() || id.get<std::int64_t>() <= 0)
            throw ValidationError("conversation_id", "conversation_id must be a positive integer");
        input.conversation_id = id.get<std::int64_t>();
    }
    return input;
}

nlohmann::json tool_calls_json(const std::vector<assistant::ToolCallRecord>& calls) {
    auto list = nlohmann::json::array();
    for (const auto& call : calls)
        list.push_back({{"name", call.name}, {"arguments", call.arguments}, {"result", call.result}});
    return list;
}

}  // namespace

void Application::add_chat_routes() {
    router_.add("POST", "/api/{user_id}/chat", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto input = parse_chat_input(json_body(request));

        std::int64_t conversation_id = 0;
        std::vector<Message> history;
        if (input.conversation_id) {
            conversation_id = *input.conversation_id;
            if (!deps_.store.conversation_exists(user, conversation_id))
                throw http::HttpError(404, "conversation_not_found",
                                      "conversation " + std::to_string(conversation_id) +
                                          " not found");
            history = deps_.store.list_messages(user, conversation_id, kHistoryMessages);
        } else {
            conversation_id = deps_.store.create_conversation(user);
        }

        deps_.store.append_message(user, conversation_id, "user", input.message, "[]");
        assistant::ToolBox tools(
            deps_.store, user,
            [this](std::string_view tool, bool ok) { deps_.metrics.count_tool_call(tool, ok); },
            deps_.max_tasks_per_user);
        auto reply = deps_.engine.respond(input.message, history, tools);
        auto calls = tool_calls_json(reply.tool_calls);
        deps_.store.append_message(user, conversation_id, "assistant", reply.response,
                                   calls.dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace));
        return json_response(200, {{"conversation_id", conversation_id},
                                   {"response", reply.response},
                                   {"tool_calls", calls}});
    });

    router_.add("GET", "/api/{user_id}/conversations", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        for (const auto& [name, value] : request.query)
            if (!is_page_parameter(name))
                throw http::HttpError(400, "invalid_query",
                                      "unknown query parameter '" + name + "' (use limit or cursor)");
        auto page = page_from_query(request);
        auto conversations = deps_.store.list_conversations(user, page.limit + 1, page.offset);
        bool more = conversations.size() > page.limit;
        if (more) conversations.pop_back();
        auto list = nlohmann::json::array();
        for (const auto& c : conversations)
            list.push_back({{"id", c.id}, {"created_at", c.created_at}, {"updated_at", c.updated_at}});
        auto response = json_response(200, list);
        if (more) add_next_link(response, request, page);
        return response;
    });

    router_.add("GET", "/api/{user_id}/conversations/{id}/messages", [this](http::Request& request) {
        authorize(request);
        const auto& user = user_id_param(request);
        auto id = id_param(request, "id");
        if (!deps_.store.conversation_exists(user, id))
            throw http::HttpError(404, "conversation_not_found",
                                  "conversation " + std::to_string(id) + " not found");
        auto messages = nlohmann::json::array();
        for (const auto& message : deps_.store.list_messages(user, id, kMaxListedMessages))
            messages.push_back(to_json(message));
        return json_response(200, {{"conversation_id", id}, {"messages", messages}});
    });
}

}  // namespace todo::api
