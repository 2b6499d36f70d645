// The real binary under pressure: slow handlers must not starve the probes, a full queue
// answers 503, SIGTERM drains without losing an answer, and the database may come and go
// (even be down at start) while the process listens and logs one line per outage.

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "../api/llm_stub.hpp"
#include "blocking_wire.hpp"
#include "support/backend_process.hpp"
#include "support/postgres_server.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

const std::string kChat = R"({"message":"hello there"})";

/// Sends one chat per thread and keeps the answers; the threads block, the test's event
/// loop keeps serving the LLM stand-in.
class HeldChats {
public:
    HeldChats(quint16 port, int count) {
        for (int i = 0; i < count; ++i)
            threads_.emplace_back([this, port, i] {
                BlockingWire wire(port, 30000);
                auto reply = wire.exchange(post_json("/api/held" + std::to_string(i) + "/chat", kChat));
                std::lock_guard lock(mutex_);
                replies_.push_back(std::move(reply));
            });
    }
    ~HeldChats() { join(); }
    void join() {
        for (auto& thread : threads_)
            if (thread.joinable()) thread.join();
    }
    std::vector<WireReply> replies() {
        std::lock_guard lock(mutex_);
        return replies_;
    }
    std::size_t answered() {
        std::lock_guard lock(mutex_);
        return replies_.size();
    }

private:
    std::mutex mutex_;
    std::vector<WireReply> replies_;
    std::vector<std::thread> threads_;
};

int count_lines_with(const QByteArray& log, const QByteArray& needle) {
    int count = 0;
    for (const auto& line : log.split('\n'))
        if (line.contains(needle)) ++count;
    return count;
}

}  // namespace

class TestServerPressure : public QObject {
    Q_OBJECT

private slots:
    void probes_answer_while_every_worker_waits_on_the_llm() {
        LlmStub llm;
        QVERIFY(llm.listen());
        llm.set_reply("Finally.", 6000);
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend.environment().insert("LLM_BASE_URL", llm.base_url());
        backend.environment().insert("LLM_API_KEY", "test-key");
        QString why;
        QVERIFY2(backend.start({"--threads", "16"}, &why), qPrintable(why));

        QSignalSpy arrived(&llm, &LlmStub::request_received);
        HeldChats chats(backend.port(), 16);
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 16, 15000);  // all 16 held inside the stand-in

        // Each probe is bounded well below the LLM's delay: it must not queue behind the chats.
        for (const char* probe : {"/api/health", "/api/ready", "/metrics"}) {
            const auto reply = http_request("GET", backend.base_url() + probe, {}, {}, 2000);
            QVERIFY2(reply.status == 200, probe);
        }
        QCOMPARE(chats.answered(), std::size_t{0});  // the chats really were still held
        QTRY_COMPARE_WITH_TIMEOUT(chats.answered(), std::size_t{16}, 20000);
        for (const auto& reply : chats.replies()) QCOMPARE(reply.status, 200);
        QCOMPARE(backend.terminate(), 0);
    }

    void a_full_queue_answers_503_with_retry_after() {
        LlmStub llm;
        QVERIFY(llm.listen());
        llm.set_reply("Later.", 5000);
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend.environment().insert("LLM_BASE_URL", llm.base_url());
        backend.environment().insert("LLM_API_KEY", "test-key");
        QString why;
        QVERIFY2(backend.start({"--threads", "2", "--queue-limit", "2"}, &why), qPrintable(why));

        QSignalSpy arrived(&llm, &LlmStub::request_received);
        HeldChats chats(backend.port(), 4);  // two with the workers, two waiting
        QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            http_request("GET", backend.base_url() + "/metrics").body.contains("todo_worker_queue_depth 2"),
            10000);

        BlockingWire extra(backend.port());
        const auto refused = extra.exchange(post_json("/api/extra/tasks", R"({"title":"no room"})"));
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.header("retry-after"), std::string("1"));
        QVERIFY(refused.body.find("\"overloaded\"") != std::string::npos);
        const auto metrics = http_request("GET", backend.base_url() + "/metrics").body;
        QVERIFY2(metrics.contains("todo_worker_queue_rejections_total 1"), metrics.constData());

        QTRY_COMPARE_WITH_TIMEOUT(chats.answered(), std::size_t{4}, 30000);
        for (const auto& reply : chats.replies()) QCOMPARE(reply.status, 200);
        QCOMPARE(backend.terminate(), 0);
    }

    void sigterm_drain_loses_no_answer() {
        QTemporaryDir dir;
        const QString database = "sqlite:" + dir.filePath("drain.db");
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", database);
        backend.environment().insert("DRAIN_DELAY_SECONDS", "2");
        QString why;
        QVERIFY2(backend.start({"--threads", "8"}, &why), qPrintable(why));

        constexpr int kWriters = 16;
        std::atomic<int> created{0};
        std::mutex mutex;
        std::vector<std::string> errors;
        std::vector<std::set<qint64>> ids(kWriters);
        std::vector<bool> told_to_close(kWriters, false);
        std::vector<std::thread> writers;
        const auto port = backend.port();
        for (int w = 0; w < kWriters; ++w)
            writers.emplace_back([&, w] {
                BlockingWire wire(port);
                const std::string target = "/api/drain" + std::to_string(w) + "/tasks";
                for (int n = 0; n < 5000; ++n) {  // bounded; the drain ends it long before
                    const auto reply = wire.exchange(
                        post_json(target, R"({"title":"write )" + std::to_string(n) + R"("})"));
                    std::lock_guard lock(mutex);
                    if (reply.status != 201) {
                        errors.push_back("writer " + std::to_string(w) + ": " +
                                         (reply.status ? std::to_string(reply.status) : reply.error));
                        return;
                    }
                    ids[w].insert(QJsonDocument::fromJson(QByteArray::fromStdString(reply.body))["id"]
                                      .toInteger());
                    ++created;
                    if (reply.closes) {  // the server asked this client to go: it goes
                        told_to_close[w] = true;
                        return;
                    }
                }
            });
        QTRY_VERIFY_WITH_TIMEOUT(created >= kWriters * 5, 20000);

        ::kill(static_cast<pid_t>(backend.process().processId()), SIGTERM);
        // Still accepting during the drain delay, and readiness says go away.
        QTRY_COMPARE_WITH_TIMEOUT(
            http_request("GET", backend.base_url() + "/api/ready", {}, {}, 1000).status, 503, 1500);
        for (auto& writer : writers) writer.join();
        QVERIFY(backend.process().waitForFinished(30000));
        QCOMPARE(backend.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(backend.process().exitCode(), 0);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        for (int w = 0; w < kWriters; ++w) QVERIFY(told_to_close[w]);

        BackendProcess after;
        after.environment().insert("DATABASE_URL", database);
        QVERIFY2(after.start({}, &why), qPrintable(why));
        BlockingWire reader(after.port());  // one GET per id: independent of list paging
        for (int w = 0; w < kWriters; ++w) {
            for (const auto id : ids[w]) {
                const auto fetched = reader.exchange("GET /api/drain" + std::to_string(w) + "/tasks/" +
                                                     std::to_string(id) + " HTTP/1.1\r\nHost: t\r\n\r\n");
                const auto why_missing = "task " + std::to_string(id) + " of writer " +
                                         std::to_string(w) + ", answered 201, reads back " +
                                         (fetched.status ? std::to_string(fetched.status) + " " +
                                                               fetched.body
                                                         : fetched.error);
                QVERIFY2(fetched.status == 200, why_missing.c_str());
            }
        }
        QCOMPARE(after.terminate(), 0);
    }

    void starts_without_the_database_and_logs_one_line_per_outage() {
        QString why;
        auto postgres = PostgresServer::start(&why);
        HELMDECK_REQUIRE(postgres != nullptr, "PostgreSQL", qPrintable(why));
        QVERIFY(postgres->stop());

        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", postgres->url());
        QVERIFY2(backend.start({}, &why), qPrintable(why));  // listens and is alive at once
        const QString url = backend.base_url();
        QCOMPARE(http_request("GET", url + "/api/health").status, 200);
        QCOMPARE(http_request("GET", url + "/api/ready").status, 503);
        const auto early = http_request("POST", url + "/api/kim/tasks", R"({"title":"too early"})");
        QCOMPARE(early.status, 503);
        QCOMPARE(early.json()["error"]["code"].toString(), QString("store_unavailable"));

        QVERIFY(postgres->start_again());
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url + "/api/ready", {}, {}, 3000).status, 200, 20000);
        QCOMPARE(http_request("POST", url + "/api/kim/tasks", R"({"title":"now"})").status, 201);
        QCOMPARE(count_lines_with(backend.log(), "\"store_unavailable\""), 1);

        QVERIFY(postgres->stop());  // a second outage, with requests failing during it
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url + "/api/ready", {}, {}, 3000).status, 503, 20000);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(http_request("GET", url + "/api/kim/tasks", {}, {}, 5000).status, 503);
        QVERIFY(postgres->start_again());
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url + "/api/ready", {}, {}, 3000).status, 200, 20000);
        QCOMPARE(http_request("GET", url + "/api/kim/tasks").json().array().size(), 1);
        QCOMPARE(count_lines_with(backend.log(), "\"store_unavailable\""), 2);
        QCOMPARE(backend.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerPressure)
#include "test_server_pressure.moc"
