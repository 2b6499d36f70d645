// The LLM engine against a local stand-in that speaks OpenAI Chat Completions over a real
// socket, and its fallback to the built-in engine. Tasks live in a real SQLite store.
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <future>
#include <nlohmann/json.hpp>

#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/store/store.hpp"

using nlohmann::json;

namespace {

struct ReceivedRequest {
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers;  // lowercase names
    json body;
};

struct ScriptedAnswer {
    int status = 200;
    QByteArray body;
    bool silent = false;  // never answer (for the timeout)
};

// A minimal HTTP/1.1 server: one request per connection, answered from a script.
class ChatCompletionsStandIn : public QObject {
public:
    QList<ScriptedAnswer> script;
    QList<ReceivedRequest> received;

    quint16 listen() {
        QObject::connect(&server_, &QTcpServer::newConnection, this,
                         &ChatCompletionsStandIn::accept);
        if (!server_.listen(QHostAddress::LocalHost, 0)) return 0;
        return server_.serverPort();
    }

private:
    void accept() {
        while (auto* socket = server_.nextPendingConnection()) {
            socket->setParent(this);
            QObject::connect(socket, &QTcpSocket::readyRead, this,
                             [this, socket] { read(socket); });
        }
    }

    void read(QTcpSocket* socket) {
        auto& buffer = buffers_[socket];
        buffer += socket->readAll();
        auto header_end = buffer.indexOf("\r\n\r\n");
        if (header_end < 0) return;
        ReceivedRequest request;
        auto lines = buffer.left(header_end).split('\n');
        auto first = lines.takeFirst().trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (const auto& line : lines) {
            auto colon = line.indexOf(':');
            if (colon > 0)
                request.headers[line.left(colon).trimmed().toLower()] = line.mid(colon + 1).trimmed();
        }
        auto length = request.headers.value("content-length").toInt();
        if (buffer.size() < header_end + 4 + length) return;
        request.body = json::parse(buffer.mid(header_end + 4, length).toStdString(), nullptr, false);
        received.append(request);
        buffers_.remove(socket);

        auto answer = script.isEmpty() ? ScriptedAnswer{500, R"({"error":"no script"})"}
                                       : script.takeFirst();
        if (answer.silent) return;
        QByteArray response = "HTTP/1.1 " + QByteArray::number(answer.status) +
                              (answer.status == 200 ? " OK" : " Error") +
                              "\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(answer.body.size()) +
                              "\r\nConnection: close\r\n\r\n" + answer.body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QTcpServer server_;
    QHash<QTcpSocket*, QByteArray> buffers_;
};

QByteArray completion_with_tool_call() {
    json arguments = {{"title", "Buy milk"}, {"priority", "high"}};
    json body = {
        {"id", "chatcmpl-1"},
        {"object", "chat.completion"},
        {"choices",
         {{{"index", 0},
           {"finish_reason", "tool_calls"},
           {"message",
            {{"role", "assistant"},
             {"content", nullptr},
             {"tool_calls",
              {{{"id", "call_1"},
                {"type", "function"},
                {"function", {{"name", "add_task"}, {"arguments", arguments.dump()}}}}}}}}}}}};
    return QByteArray::fromStdString(body.dump());
}

QByteArray completion_with_text(const std::string& text) {
    json body = {{"id", "chatcmpl-2"},
                 {"object", "chat.completion"},
                 {"choices",
                  {{{"index", 0},
                    {"finish_reason", "stop"},
                    {"message", {{"role", "assistant"}, {"content", text}}}}}}};
    return QByteArray::fromStdString(body.dump());
}

todo::Message message(const char* role, const char* content) {
    todo::Message m;
    m.role = role;
    m.content = content;
    return m;
}

}  // namespace

class TestLlmEngine : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runs_tool_calls_then_answers();
    void falls_back_once_when_unreachable();
    void falls_back_on_an_error_status();
    void falls_back_on_nonsense();
    void falls_back_when_the_answer_is_too_slow();
    void toolbox_validates_arguments();
    void builtin_engine_follows_the_conversation();

private:
    // Runs the blocking engine on a worker thread while this thread serves the stand-in.
    todo::assistant::Reply respond(todo::assistant::Engine& engine, const std::string& text,
                                   const std::vector<todo::Message>& history = {});
    std::unique_ptr<todo::assistant::Engine> engine_for(quint16 port, int timeout_ms = 5000);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<todo::store::Store> store_;
    std::unique_ptr<todo::assistant::ToolBox> tools_;
    std::atomic<int> fallbacks_{0};
    std::string fallback_reason_;
    QStringList tool_calls_;
};

void TestLlmEngine::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = todo::store::open_store("sqlite:" + dir_->filePath("tasks.db").toStdString());
    tool_calls_.clear();
    tools_ = std::make_unique<todo::assistant::ToolBox>(
        *store_, "alice", [this](std::string_view tool, bool ok) {
            tool_calls_.append(QString::fromUtf8(tool.data(), static_cast<qsizetype>(tool.size())) +
                               (ok ? ":ok" : ":failed"));
        });
    fallbacks_ = 0;
    fallback_reason_.clear();
}

void TestLlmEngine::cleanup() {
    tools_.reset();
    store_.reset();
    dir_.reset();
}

todo::assistant::Reply TestLlmEngine::respond(todo::assistant::Engine& engine,
                                              const std::string& text,
                                              const std::vector<todo::Message>& history) {
    auto future = std::async(std::launch::async, [&] {
        return engine.respond(text, history, *tools_);
    });
    QElapsedTimer timer;
    timer.start();
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready &&
           timer.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        qFatal("the engine did not answer within 20 s");
    return future.get();
}

std::unique_ptr<todo::assistant::Engine> TestLlmEngine::engine_for(quint16 port, int timeout_ms) {
    todo::assistant::LlmSettings settings;
    settings.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1/";
    settings.api_key = "sk-test-key";
    settings.model = "test-model";
    settings.timeout_ms = timeout_ms;
    return todo::assistant::make_llm_engine(settings, todo::assistant::make_builtin_engine(),
                                            [this](const std::string& reason) {
                                                ++fallbacks_;
                                                fallback_reason_ = reason;
                                            });
}

void TestLlmEngine::runs_tool_calls_then_answers() {
    ChatCompletionsStandIn llm;
    llm.script = {{200, completion_with_tool_call()},
                  {200, completion_with_text("Added \u201CBuy milk\u201D with high priority.")}};
    auto port = llm.listen();
    QVERIFY(port != 0);
    auto engine = engine_for(port);

    auto reply = respond(*engine, "please add buy milk, it's urgent",
                         {message("user", "hi"), message("assistant", "Hello! How can I help?")});

    QCOMPARE(QString::fromStdString(reply.response),
             QString::fromUtf8("Added \u201CBuy milk\u201D with high priority."));
    QCOMPARE(reply.tool_calls.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(reply.tool_calls[0].name), QString("add_task"));
    QCOMPARE(reply.tool_calls[0].arguments["title"], json("Buy milk"));
    QCOMPARE(reply.tool_calls[0].result["title"], json("Buy milk"));
    QCOMPARE(reply.tool_calls[0].result["priority"], json("high"));
    QCOMPARE(tool_calls_, QStringList{"add_task:ok"});
    QCOMPARE(fallbacks_.load(), 0);
    auto stored = tools_->all_tasks();
    QCOMPARE(stored.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(stored[0].title), QString("Buy milk"));

    QCOMPARE(llm.received.size(), 2);
    const auto& first = llm.received[0];
    QCOMPARE(first.method, QByteArray("POST"));
    QCOMPARE(first.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(first.headers.value("authorization"), QByteArray("Bearer sk-test-key"));
    QVERIFY(first.headers.value("content-type").startsWith("application/json"));
    QCOMPARE(first.body["model"], json("test-model"));
    QCOMPARE(first.body["tools"], todo::assistant::tool_definitions());
    QCOMPARE(first.body["tools"].size(), std::size_t{5});
    const auto& messages = first.body["messages"];
    QCOMPARE(messages.size(), std::size_t{4});
    QCOMPARE(messages[0]["role"], json("system"));
    QCOMPARE(messages[1], (json{{"role", "user"}, {"content", "hi"}}));
    QCOMPARE(messages[2], (json{{"role", "assistant"}, {"content", "Hello! How can I help?"}}));
    QCOMPARE(messages[3], (json{{"role", "user"}, {"content", "please add buy milk, it's urgent"}}));

    const auto& second = llm.received[1].body["messages"];
    QCOMPARE(second.size(), std::size_t{6});
    QCOMPARE(second[4]["role"], json("assistant"));
    QCOMPARE(second[4]["tool_calls"][0]["id"], json("call_1"));
    QCOMPARE(second[5]["role"], json("tool"));
    QCOMPARE(second[5]["tool_call_id"], json("call_1"));
    auto tool_result = json::parse(second[5]["content"].get<std::string>());
    QCOMPARE(tool_result["title"], json("Buy milk"));
}

void TestLlmEngine::falls_back_once_when_unreachable() {
    quint16 port = 0;
    {
        QTcpServer probe;  // a port that was free a moment ago and now refuses connections
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    auto engine = engine_for(port);

    auto added = respond(*engine, "Add a task to buy groceries");
    QCOMPARE(added.tool_calls.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(added.tool_calls[0].name), QString("add_task"));
    QVERIFY2(added.response.find("Buy groceries") != std::string::npos, added.response.c_str());

    auto listed = respond(*engine, "What's pending?");
    QCOMPARE(QString::fromStdString(listed.tool_calls.at(0).name), QString("list_tasks"));
    QVERIFY2(listed.response.find("1 pending task") != std::string::npos, listed.response.c_str());

    QCOMPARE(fallbacks_.load(), 1);
    QVERIFY2(fallback_reason_.find("connect") != std::string::npos, fallback_reason_.c_str());
    QVERIFY(fallback_reason_.find("sk-test-key") == std::string::npos);
}

void TestLlmEngine::falls_back_on_an_error_status() {
    ChatCompletionsStandIn llm;
    llm.script = {{503, R"({"error":{"message":"overloaded"}})"}};
    auto engine = engine_for(llm.listen());
    auto reply = respond(*engine, "show me all my tasks");
    QCOMPARE(QString::fromStdString(reply.tool_calls.at(0).name), QString("list_tasks"));
    QCOMPARE(llm.received.size(), 1);
    QCOMPARE(fallbacks_.load(), 1);
    QVERIFY2(fallback_reason_.find("503") != std::string::npos, fallback_reason_.c_str());
}

void TestLlmEngine::falls_back_on_nonsense() {
    ChatCompletionsStandIn llm;
    llm.script = {{200, "this is not json"}};
    auto engine = engine_for(llm.listen());
    auto reply = respond(*engine, "hello");
    QVERIFY(reply.tool_calls.empty());
    QVERIFY2(reply.response.find("Hi there") != std::string::npos, reply.response.c_str());
    QCOMPARE(fallbacks_.load(), 1);
}

void TestLlmEngine::falls_back_when_the_answer_is_too_slow() {
    ChatCompletionsStandIn llm;
    llm.script = {{200, {}, true}};
    auto engine = engine_for(llm.listen(), 300);
    QElapsedTimer timer;
    timer.start();
    auto reply = respond(*engine, "what have I completed?");
    QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()));
    QCOMPARE(QString::fromStdString(reply.tool_calls.at(0).name), QString("list_tasks"));
    QCOMPARE(fallbacks_.load(), 1);
    QVERIFY2(fallback_reason_.find("timed out") != std::string::npos, fallback_reason_.c_str());
}

void TestLlmEngine::toolbox_validates_arguments() {
    auto& tools = *tools_;
    QCOMPARE(tools.run("complete_task", {{"task_id", 9}}), (json{{"error", "task 9 not found"}}));
    QVERIFY(tools.run("complete_task", {{"task_id", -1}}).contains("error"));
    QVERIFY(tools.run("delete_task", json::object()).contains("error"));
    QVERIFY(tools.run("add_task", {{"title", "   "}}).contains("error"));
    QVERIFY(tools.run("add_task", {{"title", "x"}, {"due_date", "tomorrow"}}).contains("error"));
    QVERIFY(tools.run("list_tasks", {{"status", "someday"}}).contains("error"));
    QVERIFY(tools.run("fly_to_the_moon", json::object()).contains("error"));
    QVERIFY(tools.run("add_task", json::array()).contains("error"));

    auto added = tools.run("add_task", {{"title", "Pay bills"}, {"tags", {"home"}}});
    auto id = added["id"].get<std::int64_t>();
    auto done = tools.run("complete_task", {{"task_id", std::to_string(id)}});
    QCOMPARE(done["completed"], json(true));
    done = tools.run("complete_task", {{"task_id", id}});  // stays done: no toggling back
    QCOMPARE(done["completed"], json(true));
    auto reopened = tools.run("update_task", {{"task_id", id}, {"completed", false}});
    QCOMPARE(reopened["completed"], json(false));
    QVERIFY(tools.run("update_task", {{"task_id", id}}).contains("error"));
    auto renamed = tools.run("update_task", {{"task_id", id}, {"title", "Pay rent"}, {"due_date", "2026-12-01"}});
    QCOMPARE(renamed["title"], json("Pay rent"));
    QCOMPARE(renamed["due_date"], json("2026-12-01"));
    QCOMPARE(tools.run("list_tasks", {{"tag", "home"}}).size(), std::size_t{1});
    auto deleted = tools.run("delete_task", {{"task_id", id}});
    QCOMPARE(deleted["title"], json("Pay rent"));
    QCOMPARE(tools.run("delete_task", {{"task_id", id}}), (json{{"error", "task " + std::to_string(id) + " not found"}}));
    QVERIFY(tool_calls_.contains("add_task:ok"));
    QVERIFY(tool_calls_.contains("complete_task:failed"));
}

void TestLlmEngine::builtin_engine_follows_the_conversation() {
    auto engine = todo::assistant::make_builtin_engine();
    std::vector<todo::Message> history;
    auto say = [&](const std::string& text) {
        auto reply = engine->respond(text, history, *tools_);
        history.push_back(message("user", text.c_str()));
        auto answer = message("assistant", reply.response.c_str());
        json calls = json::array();
        for (const auto& call : reply.tool_calls)
            calls.push_back({{"name", call.name}, {"arguments", call.arguments}, {"result", call.result}});
        answer.tool_calls_json = calls.dump();
        history.push_back(answer);
        return reply;
    };
    auto added = say("remind me to call mom tomorrow");
    QVERIFY2(added.response.find("Call mom") != std::string::npos, added.response.c_str());
    QVERIFY2(added.response.find("due tomorrow") != std::string::npos, added.response.c_str());
    auto done = say("mark it done");
    QCOMPARE(QString::fromStdString(done.tool_calls.at(0).name), QString("complete_task"));
    QCOMPARE(done.tool_calls[0].result["title"], json("Call mom"));
    QCOMPARE(done.tool_calls[0].result["completed"], json(true));
    auto again = say("mark it done");
    QVERIFY(again.tool_calls.empty());
    QVERIFY2(again.response.find("already") != std::string::npos, again.response.c_str());
    auto reopened = say("reopen it");
    QCOMPARE(reopened.tool_calls.at(0).result["completed"], json(false));
}

QTEST_GUILESS_MAIN(TestLlmEngine)
#include "test_llm_engine.moc"
