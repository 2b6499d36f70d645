// The OpenAPI 3 description. Kept beside the routes; a test checks that both list the same
// paths and methods.

#include <nlohmann/json.hpp>

#include "chatbot/api/application.hpp"
#include "chatbot/version.hpp"

namespace todo::api {
namespace {

using nlohmann::json;

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json json_content(const json& schema) { return {{"application/json", {{"schema", schema}}}}; }

json answer(const std::string& description, const json& schema = nullptr) {
    json response = {{"description", description}};
    if (!schema.is_null()) response["content"] = json_content(schema);
    return response;
}

json error_answer(const std::string& description) { return answer(description, ref("Error")); }

json path_param(const std::string& name, const json& schema) {
    return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}};
}

// What is_valid_user_id() accepts, as far as a regular expression over the BMP can say it:
// no control, format, bidi or separator characters, and no whitespace at either end.
constexpr const char* kUserIdPattern =
    "^[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e"
    "\\u2060-\\u206f\\ufeff]([^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f"
    "\\u2028-\\u202e\\u2060-\\u206f\\ufeff]*[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c"
    "\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff])?$";

json query_param(const std::string& name, const json& schema) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"schema", schema}};
}

json user_errors(json responses) {
    responses["400"] = error_answer("Malformed request");
    responses["401"] = error_answer("Missing, invalid or expired bearer token");
    responses["403"] = error_answer("The token belongs to another user");
    responses["503"] = error_answer("The database is not answering, or the server is busy");
    return responses;
}

// Only the per-user routes need a token (when AUTH_JWT_SECRET is set).
json with_bearer(json operation, bool bearer_auth) {
    if (bearer_auth) operation["security"] = json::array({{{"bearer", json::array()}}});
    return operation;
}

// Text the server accepts: no NUL (PostgreSQL text cannot hold it).
json text(std::size_t min_length, std::size_t max_length) {
    json schema = {{"type", "string"}, {"pattern", "^[^\\u0000]*$"}};
    if (min_length > 0) schema["minLength"] = min_length;
    if (max_length > 0) schema["maxLength"] = max_length;
    return schema;
}

json build(bool bearer_auth) {
    const json user = path_param(
        "user_id", {{"type", "string"}, {"minLength", 1}, {"maxLength", 128}, {"pattern", kUserIdPattern}});
    const json task_id = path_param("id", {{"type", "integer"}, {"minimum", 1}});
    const json tags = {{"type", "array"},
                       {"maxItems", 20},
                       {"items", {{"type", "string"}, {"minLength", 1}, {"maxLength", 50},
                                  {"pattern", "^[^\\u0000]*\\S[^\\u0000]*$"}}}};
    const json priority = {{"type", "string"}, {"enum", {"low", "medium", "high"}}};

    json schemas;
    schemas["Error"] = {
        {"type", "object"},
        {"required", {"error"}},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", {"code", "message"}},
            {"properties",
             {{"code", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"field", {{"type", "string"}}}}}}}}}};
    schemas["Task"] = {
        {"type", "object"},
        {"properties",
         {{"id", {{"type", "integer"}}},
          {"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
          {"description", {{"type", "string"}}},
          {"completed", {{"type", "boolean"}}},
          {"priority", priority},
          {"due_date", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
          {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"created_at", {{"type", "string"}, {"format", "date-time"}}},
          {"updated_at", {{"type", "string"}, {"format", "date-time"}}}}}};
    schemas["TaskInput"] = {
        {"type", "object"},
        {"required", {"title"}},
        {"properties",
         {{"title", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200},
                     {"pattern", "^[^\\u0000]*\\S[^\\u0000]*$"}}},
          {"description", text(0, 2000)},
          {"priority", priority},
          {"due_date", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
          {"tags", tags}}}};
    schemas["TaskUpdate"] = schemas["TaskInput"];
    schemas["TaskUpdate"].erase("required");
    schemas["TaskUpdate"]["minProperties"] = 1;
    schemas["TaskUpdate"]["properties"]["completed"] = {{"type", "boolean"}};
    schemas["ToolCall"] = {{"type", "object"},
                           {"properties",
                            {{"name",
                              {{"type", "string"},
                               {"enum", {"add_task", "list_tasks", "complete_task", "delete_task",
                                         "update_task"}}}},
                             {"arguments", {{"type", "object"}}},
                             {"result", json::object()}}}};  // any JSON value
    schemas["ChatRequest"] = {
        {"type", "object"},
        {"required", {"message"}},
        {"properties",
         {{"message", {{"type", "string"}, {"minLength", 1}, {"maxLength", 2000},
                       {"pattern", "^[^\\u0000]*\\S[^\\u0000]*$"}}},
          {"conversation_id", {{"type", "integer"}, {"minimum", 1}, {"nullable", true}}}}}};
    schemas["ChatResponse"] = {
        {"type", "object"},
        {"properties",
         {{"conversation_id", {{"type", "integer"}}},
          {"response", {{"type", "string"}}},
          {"tool_calls", {{"type", "array"}, {"items", ref("ToolCall")}}}}}};
    schemas["Message"] = {{"type", "object"},
                          {"properties",
                           {{"id", {{"type", "integer"}}},
                            {"conversation_id", {{"type", "integer"}}},
                            {"role", {{"type", "string"}, {"enum", {"user", "assistant"}}}},
                            {"content", {{"type", "string"}}},
                            {"tool_calls", {{"type", "array"}, {"items", ref("ToolCall")}}},
                            {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}};

    json page_limit = query_param("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 100}});
    json page_cursor = query_param("cursor", {{"type", "string"},
                                              {"description", "Opaque; from the previous page's Link header"}});
    // A list answer carries the next page's address while more remains (RFC 8288).
    auto paged = [](json response) {
        response["headers"]["Link"] = {
            {"description", "<…&cursor=…>; rel=\"next\" while more remains"},
            {"schema", {{"type", "string"}}}};
        return response;
    };

    json paths;
    paths["/api/health"]["get"] = {
        {"summary", "Liveness: answers whenever the process is up"},
        {"responses", {{"200", answer("Alive", {{"type", "object"}})}}}};
    paths["/api/ready"]["get"] = {
        {"summary", "Readiness: answers 200 when the database answers"},
        {"responses",
         {{"200", answer("Ready", {{"type", "object"}})},
          {"503", answer("Not ready (database down or draining)", {{"type", "object"}})}}}};
    paths["/metrics"]["get"] = {
        {"summary", "Prometheus metrics"},
        {"responses",
         {{"200", {{"description", "Text exposition format 0.0.4"},
                   {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}};
    paths["/api/openapi.json"]["get"] = {
        {"summary", "This document"},
        {"responses", {{"200", answer("OpenAPI 3 description", {{"type", "object"}})}}}};

    paths["/api/{user_id}/tasks"]["get"] = with_bearer({
        {"summary", "List tasks"},
        {"parameters",
         {user,
          query_param("status", {{"type", "string"}, {"enum", {"all", "pending", "completed"}}}),
          query_param("priority", priority), query_param("tag", {{"type", "string"}}),
          query_param("search", {{"type", "string"}}),
          query_param("sort", {{"type", "string"},
                               {"enum", {"created", "due", "priority", "title"}}}),
          query_param("due", {{"type", "string"},
                              {"description", "today, overdue, week, or a date YYYY-MM-DD"}}),
          page_limit, page_cursor}},
        {"responses",
         user_errors({{"200", paged(answer("Tasks", {{"type", "array"}, {"items", ref("Task")}}))}})}}, bearer_auth);
    paths["/api/{user_id}/tasks"]["post"] = with_bearer({
        {"summary", "Create a task"},
        {"parameters", {user}},
        {"requestBody", {{"required", true}, {"content", json_content(ref("TaskInput"))}}},
        {"responses", user_errors({{"201", answer("Created", ref("Task"))},
                                   {"413", error_answer("Body over 64 KiB")},
                                   {"409", error_answer("The per-user task cap is reached")},
                                   {"415", error_answer("Not JSON")},
                                   {"422", error_answer("Invalid field")}})}}, bearer_auth);
    paths["/api/{user_id}/tasks/{id}"]["get"] = with_bearer({
        {"summary", "Get a task"},
        {"parameters", {user, task_id}},
        {"responses", user_errors({{"200", answer("The task", ref("Task"))},
                                   {"404", error_answer("No such task for this user")}})}}, bearer_auth);
    paths["/api/{user_id}/tasks/{id}"]["put"] = with_bearer({
        {"summary", "Update a task (the fields given)"},
        {"parameters", {user, task_id}},
        {"requestBody", {{"required", true}, {"content", json_content(ref("TaskUpdate"))}}},
        {"responses", user_errors({{"200", answer("Updated", ref("Task"))},
                                   {"404", error_answer("No such task for this user")},
                                   {"415", error_answer("Not JSON")},
                                   {"422", error_answer("Invalid field")}})}}, bearer_auth);
    paths["/api/{user_id}/tasks/{id}"]["delete"] = with_bearer({
        {"summary", "Delete a task"},
        {"parameters", {user, task_id}},
        {"responses", user_errors({{"204", answer("Deleted")},
                                   {"404", error_answer("No such task for this user")}})}}, bearer_auth);
    paths["/api/{user_id}/tasks/{id}/complete"]["patch"] = with_bearer({
        {"summary", "Toggle completion"},
        {"parameters", {user, task_id}},
        {"responses", user_errors({{"200", answer("Toggled", ref("Task"))},
                                   {"404", error_answer("No such task for this user")}})}}, bearer_auth);
    paths["/api/{user_id}/chat"]["post"] = with_bearer({
        {"summary", "Talk to the assistant"},
        {"parameters", {user}},
        {"requestBody", {{"required", true}, {"content", json_content(ref("ChatRequest"))}}},
        {"responses", user_errors({{"200", answer("The assistant's turn", ref("ChatResponse"))},
                                   {"404", error_answer("No such conversation for this user")},
                                   {"415", error_answer("Not JSON")},
                                   {"422", error_answer("Invalid field")}})}}, bearer_auth);
    paths["/mcp"]["post"] = with_bearer({
        {"summary", "MCP (Streamable HTTP transport): initialize, tools/list and tools/call for the five task tools"},
        {"requestBody",
         {{"required", true},
          {"content", json_content({{"type", "object"},
                                    {"description", "A JSON-RPC 2.0 request or notification"}})}}},
        {"responses",
         {{"200", answer("The JSON-RPC response", {{"type", "object"}})},
          {"202", answer("A notification, accepted")},
          {"400", error_answer("Not a JSON-RPC 2.0 request")},
          {"401", error_answer("Authentication is on and the bearer token is missing or bad")},
          {"415", error_answer("Not JSON")}}}}, bearer_auth);
    paths["/api/{user_id}/conversations"]["get"] = with_bearer({
        {"summary", "The user's conversations, newest first"},
        {"parameters", {user, page_limit, page_cursor}},
        {"responses",
         user_errors({{"200", paged(answer("Conversations",
                                           {{"type", "array"},
                                            {"items",
                                             {{"type", "object"},
                                              {"properties",
                                               {{"id", {{"type", "integer"}}},
                                                {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                                                {"updated_at",
                                                 {{"type", "string"}, {"format", "date-time"}}}}}}}}))}})}}, bearer_auth);
    paths["/api/{user_id}/conversations/{id}/messages"]["get"] = with_bearer({
        {"summary", "A conversation's messages, oldest first"},
        {"parameters", {user, task_id}},
        {"responses",
         user_errors({{"200", answer("Messages", {{"type", "object"},
                                                  {"properties",
                                                   {{"conversation_id", {{"type", "integer"}}},
                                                    {"messages",
                                                     {{"type", "array"},
                                                      {"items", ref("Message")}}}}}})},
                      {"404", error_answer("No such conversation for this user")}})}}, bearer_auth);

    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "todo-chatbot"},
              {"version", kVersion},
              {"description", "A natural-language todo assistant with a task REST API."}}},
            {"components",
             {{"schemas", schemas},
              {"securitySchemes",
               {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}},
            {"paths", paths}};
}

}  // namespace

const std::string& openapi_document(bool bearer_auth) {
    static const std::string with_auth = build(true).dump(2);
    static const std::string without_auth = build(false).dump(2);
    return bearer_auth ? with_auth : without_auth;
}

}  // namespace todo::api
