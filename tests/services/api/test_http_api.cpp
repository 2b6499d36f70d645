// Every endpoint of the real todo-chatbot binary over loopback HTTP, including bad input.

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/backend_process.hpp"

using namespace helmdeck::testing;

namespace {

QByteArray json(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

/// Asserts the one error shape and returns its code.
QString error_code(const HttpReply& reply) {
    const auto error = reply.json().object().value("error").toObject();
    if (error.value("message").toString().isEmpty()) return QStringLiteral("<no error body>");
    return error.value("code").toString();
}

}  // namespace

class TestHttpApi : public QObject {
    Q_OBJECT

    QTemporaryDir data_;
    BackendProcess backend_;
    QString url_;

    HttpReply get(const QString& path) { return http_request("GET", url_ + path); }
    HttpReply send(const QByteArray& method, const QString& path, const QByteArray& body) {
        return http_request(method, url_ + path, body);
    }
    QJsonObject create(const QString& user, const QJsonObject& task) {
        auto reply = send("POST", "/api/" + user + "/tasks", json(task));
        if (reply.status != 201) qWarning() << "create failed" << reply.status << reply.body;
        return reply.json().object();
    }

private slots:
    void initTestCase() {
        QVERIFY(data_.isValid());
        backend_.environment().insert("DATABASE_URL", "sqlite:" + data_.filePath("todo.db"));
        QString why;
        QVERIFY2(backend_.start({}, &why), qPrintable(why));
        url_ = backend_.base_url();
    }
    void cleanupTestCase() { QCOMPARE(backend_.terminate(), 0); }

    void health_answers_without_the_store() {
        auto reply = get("/api/health");
        QCOMPARE(reply.status, 200);
        auto body = reply.json().object();
        QCOMPARE(body["status"].toString(), QString("ok"));
        QVERIFY(!body["version"].toString().isEmpty());
        QVERIFY(body.contains("uptime_s"));
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    }

    void ready_reports_the_store() {
        auto reply = get("/api/ready");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["store"].toString(), QString("sqlite"));
    }

    void openapi_is_served() {
        auto reply = get("/api/openapi.json");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json()["paths"].toObject().contains("/api/{user_id}/chat"));
    }

    void task_lifecycle() {
        auto created = send("POST", "/api/alice/tasks",
                            json({{"title", "  Buy milk  "}, {"priority", "high"},
                                  {"due_date", "2026-12-01"}, {"tags", QJsonArray{"home", "shop"}}}));
        QCOMPARE(created.status, 201);
        auto task = created.json().object();
        const auto id = task["id"].toInteger();
        QVERIFY(id > 0);
        QCOMPARE(task["title"].toString(), QString("Buy milk"));
        QCOMPARE(task["priority"].toString(), QString("high"));
        QCOMPARE(task["due_date"].toString(), QString("2026-12-01"));
        QCOMPARE(task["completed"].toBool(), false);
        QCOMPARE(task["tags"].toArray().size(), 2);
        QVERIFY(!task["created_at"].toString().isEmpty());
        QCOMPARE(created.header("Location"), QByteArray("/api/alice/tasks/") + QByteArray::number(id));

        const QString path = "/api/alice/tasks/" + QString::number(id);
        QCOMPARE(get(path).json()["title"].toString(), QString("Buy milk"));

        auto updated = send("PUT", path, json({{"title", "Buy oat milk"}, {"due_date", QJsonValue::Null}}));
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json()["title"].toString(), QString("Buy oat milk"));
        QVERIFY(updated.json()["due_date"].isNull());
        QCOMPARE(updated.json()["priority"].toString(), QString("high"));

        auto toggled = send("PATCH", path + "/complete", {});
        QCOMPARE(toggled.status, 200);
        QCOMPARE(toggled.json()["completed"].toBool(), true);
        QCOMPARE(send("PATCH", path + "/complete", {}).json()["completed"].toBool(), false);

        QCOMPARE(send("DELETE", path, {}).status, 204);
        auto gone = get(path);
        QCOMPARE(gone.status, 404);
        QCOMPARE(error_code(gone), QString("task_not_found"));
    }

    void list_filters_and_sorts() {
        const QString user = "filters";
        create(user, {{"title", "Write report"}, {"priority", "low"}, {"tags", QJsonArray{"work"}}});
        auto call = create(user, {{"title", "Call the bank"}, {"priority", "high"}, {"due_date", "2026-12-03"}});
        create(user, {{"title", "Água e café ☕"}, {"priority", "medium"}, {"due_date", "2026-12-02"}});
        send("PATCH", "/api/" + user + "/tasks/" + QString::number(call["id"].toInteger()) + "/complete", {});

        auto titles = [&](const QString& query) {
            QStringList out;
            auto reply = get("/api/" + user + "/tasks" + query);
            if (reply.status != 200) return QStringList{"HTTP " + QString::number(reply.status)};
            for (const auto& item : reply.json().array()) out << item.toObject()["title"].toString();
            return out;
        };
        QCOMPARE(titles("").size(), 3);
        QCOMPARE(titles("?status=completed"), QStringList(QStringLiteral("Call the bank")));
        QCOMPARE(titles("?status=pending").size(), 2);
        QCOMPARE(titles("?priority=low"), QStringList(QStringLiteral("Write report")));
        QCOMPARE(titles("?tag=work"), QStringList(QStringLiteral("Write report")));
        QCOMPARE(titles("?search=BANK"), QStringList(QStringLiteral("Call the bank")));
        QCOMPARE(titles("?search=%E2%98%95"), QStringList(QStringLiteral("Água e café ☕")));
        QCOMPARE(titles("?sort=priority").first(), QString("Call the bank"));
        QCOMPARE(titles("?sort=due").first(), QString("Água e café ☕"));
        QCOMPARE(titles("?sort=title").first(), QString("Call the bank"));

        auto bad = get("/api/" + user + "/tasks?status=maybe");
        QCOMPARE(bad.status, 400);
        QCOMPARE(error_code(bad), QString("invalid_query"));
        QCOMPARE(get("/api/" + user + "/tasks?colour=red").status, 400);
    }

    void titles_are_stored_verbatim_data() {
        QTest::addColumn<QString>("title");
        QTest::newRow("sql injection") << "Robert'); DROP TABLE tasks;--";
        QTest::newRow("like wildcards") << "100% done_ok \\ \"quoted\"";
        QTest::newRow("emoji") << "Celebrate 🎉🚀 with 家族";
        QTest::newRow("html") << "<script>alert(1)</script>";
    }
    void titles_are_stored_verbatim() {
        QFETCH(QString, title);
        auto task = create("verbatim", {{"title", title}});
        QCOMPARE(task["title"].toString(), title);
        auto fetched = get("/api/verbatim/tasks/" + QString::number(task["id"].toInteger()));
        QCOMPARE(fetched.json()["title"].toString(), title);
        QVERIFY(get("/api/verbatim/tasks").status == 200);
    }

    void bad_input_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QByteArray js = "application/json";
        QTest::newRow("malformed json") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":") << js << 400 << "malformed_json";
        QTest::newRow("not an object") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("[1,2]") << js << 422 << "validation_failed";
        QTest::newRow("title wrong type") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":5}") << js << 422 << "validation_failed";
        QTest::newRow("title missing") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{}") << js << 422 << "validation_failed";
        QTest::newRow("title blank") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"   \"}") << js << 422 << "validation_failed";
        QTest::newRow("title 201 chars") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"" + QByteArray(201, 'x') + "\"}") << js << 422 << "validation_failed";
        QTest::newRow("bad priority") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"a\",\"priority\":\"urgent!\"}") << js << 422 << "validation_failed";
        QTest::newRow("bad date") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"a\",\"due_date\":\"2026-02-30\"}") << js << 422 << "validation_failed";
        QTest::newRow("tags wrong type") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"a\",\"tags\":\"work\"}") << js << 422 << "validation_failed";
        QTest::newRow("invalid utf-8") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"\xff\xfe\"}") << js << 400 << "invalid_utf8";
        QTest::newRow("oversize body") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("{\"title\":\"" + QByteArray(65 * 1024, 'x') + "\"}") << js << 413 << "payload_too_large";
        QTest::newRow("wrong content type") << QByteArray("POST") << "/api/bob/tasks" << QByteArray("title=a") << QByteArray("application/x-www-form-urlencoded") << 415 << "unsupported_media_type";
        QTest::newRow("empty update") << QByteArray("PUT") << "/api/bob/tasks/1" << QByteArray("{}") << js << 422 << "validation_failed";
        QTest::newRow("unknown route") << QByteArray("GET") << "/api/bob/nothing" << QByteArray() << js << 404 << "not_found";
        QTest::newRow("wrong method") << QByteArray("DELETE") << "/api/bob/tasks" << QByteArray() << js << 405 << "method_not_allowed";
        QTest::newRow("id not a number") << QByteArray("GET") << "/api/bob/tasks/abc" << QByteArray() << js << 400 << "invalid_id";
        QTest::newRow("id zero") << QByteArray("GET") << "/api/bob/tasks/0" << QByteArray() << js << 400 << "invalid_id";
        QTest::newRow("missing task") << QByteArray("GET") << "/api/bob/tasks/999999" << QByteArray() << js << 404 << "task_not_found";
        QTest::newRow("chat empty") << QByteArray("POST") << "/api/bob/chat" << QByteArray("{\"message\":\"\"}") << js << 422 << "validation_failed";
        QTest::newRow("chat too long") << QByteArray("POST") << "/api/bob/chat" << QByteArray("{\"message\":\"" + QByteArray(2001, 'a') + "\"}") << js << 422 << "validation_failed";
        QTest::newRow("chat message wrong type") << QByteArray("POST") << "/api/bob/chat" << QByteArray("{\"message\":[1]}") << js << 422 << "validation_failed";
        QTest::newRow("chat unknown conversation") << QByteArray("POST") << "/api/bob/chat" << QByteArray("{\"message\":\"hi\",\"conversation_id\":987654}") << js << 404 << "conversation_not_found";
        QTest::newRow("chat bad conversation id") << QByteArray("POST") << "/api/bob/chat" << QByteArray("{\"message\":\"hi\",\"conversation_id\":\"x\"}") << js << 422 << "validation_failed";
        QTest::newRow("messages unknown conversation") << QByteArray("GET") << "/api/bob/conversations/987654/messages" << QByteArray() << js << 404 << "conversation_not_found";
    }
    void bad_input() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto before = get("/api/bob/tasks").json().array().size();
        auto reply = http_request(method, url_ + path, body, {{"Content-Type", contentType}});
        QCOMPARE(reply.status, status);
        QCOMPARE(error_code(reply), code);
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
        if (status == 405) QVERIFY(reply.header("Allow").contains("GET"));
        QCOMPARE(get("/api/bob/tasks").json().array().size(), before);  // nothing half-written
    }

    // Each member of a JSON-RPC request with the wrong type: a 400 or a JSON-RPC error, never
    // a 500 (these four answered 500 before: json::type_error escaped the route).
    void mcp_bad_requests_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("rpcCode");  // 0: an HTTP error body instead (invalid_jsonrpc)
        QTest::newRow("jsonrpc a number") << QByteArray(R"({"jsonrpc":1,"method":"ping","id":1})") << 400 << 0;
        QTest::newRow("jsonrpc missing") << QByteArray(R"({"method":"ping","id":1})") << 400 << 0;
        QTest::newRow("method a number") << QByteArray(R"({"jsonrpc":"2.0","method":7,"id":1})") << 400 << 0;
        QTest::newRow("params a number") << QByteArray(R"({"jsonrpc":"2.0","method":"initialize","id":1,"params":3})") << 200 << -32602;
        QTest::newRow("tool name a number") << QByteArray(R"({"jsonrpc":"2.0","method":"tools/call","id":1,"params":{"name":3}})") << 200 << -32602;
        QTest::newRow("tool name missing") << QByteArray(R"({"jsonrpc":"2.0","method":"tools/call","id":1})") << 200 << -32602;
        QTest::newRow("arguments a list") << QByteArray(R"({"jsonrpc":"2.0","method":"tools/call","id":1,"params":{"name":"list_tasks","arguments":[]}})") << 200 << -32602;
        QTest::newRow("unknown method") << QByteArray(R"({"jsonrpc":"2.0","method":"nope","id":1})") << 200 << -32601;
    }
    void mcp_bad_requests() {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, rpcCode);
        auto reply = http_request("POST", url_ + "/mcp", body, {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, status);
        const auto answer = reply.json().object();
        if (rpcCode == 0) {
            QCOMPARE(error_code(reply), QStringLiteral("invalid_jsonrpc"));
        } else {
            QCOMPARE(answer.value("error").toObject().value("code").toInt(), rpcCode);
            QVERIFY(!answer.value("error").toObject().value("message").toString().isEmpty());
            QCOMPARE(answer.value("id").toInt(), 1);
        }
    }

    // A client's protocolVersion it cannot parse gets the latest one, as an unknown one does.
    void mcp_initialize_with_an_odd_version() {
        auto reply = http_request(
            "POST", url_ + "/mcp",
            R"({"jsonrpc":"2.0","method":"initialize","id":1,"params":{"protocolVersion":5}})",
            {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["result"]["protocolVersion"].toString(), QStringLiteral("2025-06-18"));
    }

    void another_users_task_is_invisible() {
        auto task = create("carol", {{"title", "Carol's secret"}});
        const QString foreign = "/api/dave/tasks/" + QString::number(task["id"].toInteger());
        QCOMPARE(get(foreign).status, 404);
        QCOMPARE(send("PUT", foreign, json({{"title", "stolen"}})).status, 404);
        QCOMPARE(send("PATCH", foreign + "/complete", {}).status, 404);
        QCOMPARE(send("DELETE", foreign, {}).status, 404);
        QCOMPARE(get("/api/carol/tasks/" + QString::number(task["id"].toInteger())).json()["title"].toString(),
                 QString("Carol's secret"));
        QCOMPARE(get("/api/dave/tasks").json().array().size(), 0);
    }

    void chat_round_trip() {
        auto first = send("POST", "/api/erin/chat", json({{"message", "Add a task to buy milk"}}));
        QCOMPARE(first.status, 200);
        auto body = first.json().object();
        const auto conversation = body["conversation_id"].toInteger();
        QVERIFY(conversation > 0);
        QVERIFY(!body["response"].toString().isEmpty());
        auto calls = body["tool_calls"].toArray();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls[0].toObject()["name"].toString(), QString("add_task"));
        QVERIFY(calls[0].toObject()["result"].toObject()["title"].toString().contains("milk", Qt::CaseInsensitive));

        auto second = send("POST", "/api/erin/chat",
                           json({{"message", "show my tasks"}, {"conversation_id", conversation}}));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json()["conversation_id"].toInteger(), conversation);
        QCOMPARE(second.json()["tool_calls"][0]["name"].toString(), QString("list_tasks"));
        QVERIFY(second.json()["response"].toString().contains("milk", Qt::CaseInsensitive));

        auto history = get("/api/erin/conversations/" + QString::number(conversation) + "/messages");
        QCOMPARE(history.status, 200);
        auto messages = history.json()["messages"].toArray();
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages[0].toObject()["role"].toString(), QString("user"));
        QCOMPARE(messages[0].toObject()["content"].toString(), QString("Add a task to buy milk"));
        QCOMPARE(messages[1].toObject()["role"].toString(), QString("assistant"));
        QCOMPARE(messages[1].toObject()["tool_calls"][0]["name"].toString(), QString("add_task"));

        // Another user cannot read or continue this conversation.
        QCOMPARE(get("/api/frank/conversations/" + QString::number(conversation) + "/messages").status, 404);
        QCOMPARE(send("POST", "/api/frank/chat", json({{"message", "hi"}, {"conversation_id", conversation}})).status, 404);
    }

    void chat_greeting_calls_no_tool() {
        auto reply = send("POST", "/api/erin/chat", json({{"message", "hello!"}}));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["tool_calls"].toArray().size(), 0);
        QVERIFY(!reply.json()["response"].toString().isEmpty());
    }

    void request_id_is_echoed() {
        auto reply = http_request("GET", url_ + "/api/health", {}, {{"X-Request-Id", "probe-42"}});
        QCOMPARE(reply.header("X-Request-Id"), QByteArray("probe-42"));
        QVERIFY(!get("/api/health").header("X-Request-Id").isEmpty());
    }

    void metrics_count_what_happened() {
        for (int i = 0; i < 3; ++i) get("/api/health");
        auto reply = get("/metrics");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
        const QString text = QString::fromUtf8(reply.body);
        QVERIFY(text.contains("# TYPE todo_http_requests_total counter"));
        QVERIFY(text.contains(R"(route="/api/health")"));
        QVERIFY(text.contains(R"(route="/api/{user_id}/tasks")"));
        QVERIFY(text.contains("todo_http_request_duration_seconds_bucket"));
        QVERIFY(text.contains("todo_http_requests_in_flight"));
        QVERIFY(text.contains(R"(todo_tool_calls_total{tool="add_task")"));
        QVERIFY(text.contains("todo_store_query_duration_seconds"));
    }

    void request_log_lines_are_json() {
        get("/api/health");
        // The log line is written after the response; wait for it with a deadline.
        QTRY_VERIFY_WITH_TIMEOUT(backend_.log().contains("\"route\":\"/api/health\""), 5000);
        const auto lines = backend_.log().split('\n');
        bool found = false;
        for (const auto& line : lines) {
            auto doc = QJsonDocument::fromJson(line);
            if (doc["event"].toString() != "request") continue;
            found = true;
            QVERIFY(doc.object().contains("method"));
            QVERIFY(doc.object().contains("status"));
            QVERIFY(doc.object().contains("duration_ms"));
            QVERIFY(doc.object().contains("request_id"));
        }
        QVERIFY(found);
        QVERIFY2(!backend_.log().contains("buy milk"), "message bodies must not be logged at info");
    }
};

QTEST_GUILESS_MAIN(TestHttpApi)
#include "test_http_api.moc"
