// POST /mcp: the five task tools over MCP's Streamable HTTP transport (JSON-RPC 2.0, each
// request answered with one application/json body; notifications get 202). Stateless: no
// session, so any replica answers. The user is the bearer token's subject, or, with
// authentication off, the `user_id` argument of each tool call.

#include "chatbot/api/application.hpp"
#include "chatbot/api/request_parsing.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"
#include "chatbot/telemetry/metrics.hpp"

namespace todo::api {
namespace {

using nlohmann::json;

constexpr const char* kLatestProtocol = "2025-06-18";

json rpc_result(const json& id, json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json rpc_error(const json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// The tools as MCP lists them: the OpenAI definitions' parameters become inputSchema.
json mcp_tools(bool needs_user_id) {
    json tools = json::array();
    for (const auto& definition : assistant::tool_definitions()) {
        const auto& function = definition["function"];
        json schema = function["parameters"];
        if (needs_user_id) {
            schema["properties"]["user_id"] = {
                {"type", "string"}, {"description", "The user to act for (authentication is off)"}};
            schema["required"].push_back("user_id");
        }
        tools.push_back({{"name", function["name"]},
                         {"description", function["description"]},
                         {"inputSchema", std::move(schema)}});
    }
    return tools;
}

}  // namespace

void Application::add_mcp_routes() {
    router_.add("POST", "/mcp", [this](http::Request& request) {
        const bool auth_on = !deps_.jwt_secret.empty();
        std::string token_user = auth_on ? token_subject(request) : std::string();
        auto message = json_body(request);
        // Members are type-checked before any get or value(): a wrong type would throw
        // json::type_error and answer 500 (found by the bad-input rows in test_http_api).
        if (!message.is_object() || !message.contains("jsonrpc") || message["jsonrpc"] != "2.0" ||
            !message.contains("method") || !message["method"].is_string())
            throw http::HttpError(400, "invalid_jsonrpc", "the body must be a JSON-RPC 2.0 request");
        const auto method = message["method"].get<std::string>();
        if (!message.contains("id")) {  // a notification or a response: nothing to answer
            http::Response accepted;
            accepted.status = 202;
            accepted.content_type.clear();
            return accepted;
        }
        const auto id = message["id"];
        const auto params = message.value("params", json::object());
        if (!params.is_object())
            return json_response(200, rpc_error(id, -32602, "params must be an object"));

        if (method == "initialize") {
            auto version = params.contains("protocolVersion") && params["protocolVersion"].is_string()
                               ? params["protocolVersion"].get<std::string>()
                               : std::string(kLatestProtocol);
            if (version != "2024-11-05" && version != "2025-03-26" && version != kLatestProtocol)
                version = kLatestProtocol;
            return json_response(
                200, rpc_result(id, {{"protocolVersion", version},
                                     {"capabilities", {{"tools", {{"listChanged", false}}}}},
                                     {"serverInfo", {{"name", "todo-chatbot"}, {"version", deps_.version}}},
                                     {"instructions",
                                      "Manage the user's todo list: add, list, complete, update "
                                      "and delete tasks."}}));
        }
        if (method == "ping") return json_response(200, rpc_result(id, json::object()));
        if (method == "tools/list")
            return json_response(200, rpc_result(id, {{"tools", mcp_tools(!auth_on)}}));
        if (method != "tools/call")
            return json_response(200, rpc_error(id, -32601, "unknown method " + method));

        if (!params.contains("name") || !params["name"].is_string())
            return json_response(200, rpc_error(id, -32602, "params.name must be the tool's name"));
        const auto name = params["name"].get<std::string>();
        auto arguments = params.value("arguments", json::object());
        if (!arguments.is_object())
            return json_response(200, rpc_error(id, -32602, "arguments must be an object"));
        std::string user = token_user;
        if (!auth_on) {
            if (!arguments.contains("user_id") || !arguments["user_id"].is_string())
                return json_response(200, rpc_error(id, -32602, "user_id is required when authentication is off"));
            user = arguments["user_id"].get<std::string>();
            arguments.erase("user_id");
            if (user.empty() || user.size() > 128 || !is_valid_utf8(user))
                return json_response(200, rpc_error(id, -32602, "user_id must be 1-128 characters"));
        } else {
            arguments.erase("user_id");
        }
        bool known = false;
        for (const auto& definition : assistant::tool_definitions())
            known = known || definition["function"]["name"] == name;
        if (!known) return json_response(200, rpc_error(id, -32602, "unknown tool " + name));
        assistant::ToolBox tools(
            deps_.store, user,
            [this](std::string_view tool, bool ok) { deps_.metrics.count_tool_call(tool, ok); },
            deps_.max_tasks_per_user);
        auto result = tools.run(name, arguments);
        bool failed = result.is_object() && result.contains("error");
        json structured = result.is_array() ? json{{"tasks", result}} : result;
        return json_response(
            200, rpc_result(id, {{"content", json::array({{{"type", "text"}, {"text", result.dump()}}})},
                                 {"structuredContent", structured},
                                 {"isError", failed}}));
    });
}

}  // namespace todo::api
