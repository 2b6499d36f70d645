// Process lifecycle of the real binary: flags, restarts that lose nothing, SIGTERM drain, and a
// PostgreSQL outage that the service survives.

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "llm_stub.hpp"
#include "support/backend_process.hpp"
#include "support/postgres_server.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

struct Run {
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
};

Run run_binary(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(built_binary("todo-chatbot"), args);
    Run run;
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray chat_body(const QString& message, qint64 conversation = 0) {
    QJsonObject body{{"message", message}};
    if (conversation > 0) body["conversation_id"] = conversation;
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestLifecycle : public QObject {
    Q_OBJECT

    /// Creates data, restarts the process on the same database, and checks nothing was lost.
    void check_restart_keeps_everything(const QString& database_url) {
        BackendProcess first;
        first.environment().insert("DATABASE_URL", database_url);
        QString why;
        QVERIFY2(first.start({}, &why) && first.wait_until_ready(&why), qPrintable(why));
        auto task = http_request("POST", first.base_url() + "/api/pat/tasks", R"({"title":"Survive restarts"})");
        QCOMPARE(task.status, 201);
        auto chat = http_request("POST", first.base_url() + "/api/pat/chat", chat_body("add a task to water the plants"));
        QCOMPARE(chat.status, 200);
        const auto conversation = chat.json()["conversation_id"].toInteger();
        QCOMPARE(first.terminate(), 0);

        BackendProcess second;
        second.environment().insert("DATABASE_URL", database_url);
        QVERIFY2(second.start({}, &why) && second.wait_until_ready(&why), qPrintable(why));
        auto fetched = http_request("GET", second.base_url() + "/api/pat/tasks/" +
                                               QString::number(task.json()["id"].toInteger()));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.json()["title"].toString(), QString("Survive restarts"));
        auto resumed = http_request("POST", second.base_url() + "/api/pat/chat",
                                    chat_body("what's pending?", conversation));
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.json()["conversation_id"].toInteger(), conversation);
        QVERIFY(resumed.json()["response"].toString().contains("water the plants", Qt::CaseInsensitive));
        auto history = http_request("GET", second.base_url() + "/api/pat/conversations/" +
                                               QString::number(conversation) + "/messages");
        QCOMPARE(history.json()["messages"].toArray().size(), 4);
        QCOMPARE(second.terminate(), 0);
    }

private slots:
    void version_and_help() {
        auto version = run_binary({"--version"});
        QCOMPARE(version.exit_code, 0);
        QVERIFY(version.out.startsWith("todo-chatbot "));
        auto help = run_binary({"--help"});
        QCOMPARE(help.exit_code, 0);
        QVERIFY(help.out.contains("DATABASE_URL"));
    }

    void bad_invocations_exit_2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("databaseUrl");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown flag") << QStringList{"--bogus"} << QString() << QByteArray("unknown option '--bogus'");
        QTest::newRow("bad port") << QStringList{"--port", "eighty"} << QString() << QByteArray("port number");
        QTest::newRow("bad database url") << QStringList{"--port", "0"} << QString("mysql://x") << QByteArray("mysql");
    }
    void bad_invocations_exit_2() {
        QFETCH(QStringList, args);
        QFETCH(QString, databaseUrl);
        QFETCH(QByteArray, message);
        auto env = QProcessEnvironment::systemEnvironment();
        if (!databaseUrl.isEmpty()) env.insert("DATABASE_URL", databaseUrl);
        auto run = run_binary(args, env);
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);  // one line, no stack of noise
    }

    void healthcheck_subcommand() {
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));
        QCOMPARE(run_binary({"healthcheck", "--port", QString::number(backend.port())}).exit_code, 0);
        auto dead = run_binary({"healthcheck", "--url", QString("http://127.0.0.1:%1/api/health").arg(free_port())});
        QCOMPARE(dead.exit_code, 1);
        QVERIFY(dead.err.contains("healthcheck"));
    }

    void restart_keeps_everything_on_sqlite() {
        QTemporaryDir dir;
        check_restart_keeps_everything("sqlite:" + dir.filePath("nested/dir/todo.db"));
    }

    void restart_keeps_everything_on_postgres() {
        QString why;
        auto postgres = PostgresServer::start(&why);
        HELMDECK_REQUIRE(postgres != nullptr, "PostgreSQL", qPrintable(why));
        check_restart_keeps_everything(postgres->url());
    }

    void sigterm_drains_requests_in_flight() {
        LlmStub llm;
        QVERIFY(llm.listen());
        llm.set_reply("Drained reply", 1500);
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend.environment().insert("LLM_BASE_URL", llm.base_url());
        backend.environment().insert("LLM_API_KEY", "test-key");
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));

        QNetworkAccessManager manager;
        QNetworkRequest request(QUrl(backend.base_url() + "/api/quinn/chat"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QSignalSpy arrived(&llm, &LlmStub::request_received);
        QNetworkReply* reply = manager.post(request, chat_body("hello there"));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(arrived.wait(10000));  // the chat request is now inside the handler

        ::kill(static_cast<pid_t>(backend.process().processId()), SIGTERM);
        QVERIFY(finished.wait(12000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll())["response"].toString(), QString("Drained reply"));
        QCOMPARE(backend.terminate(12000), 0);
        QVERIFY(backend.log().contains("shutting_down"));
        reply->deleteLater();
    }

    void postgres_outage_is_survived() {
        QString why;
        auto postgres = PostgresServer::start(&why);
        HELMDECK_REQUIRE(postgres != nullptr, "PostgreSQL", qPrintable(why));
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", postgres->url());
        QVERIFY2(backend.start({}, &why) && backend.wait_until_ready(&why), qPrintable(why));
        const QString url = backend.base_url();
        QCOMPARE(http_request("POST", url + "/api/ola/tasks", R"({"title":"Outlive the outage"})").status, 201);
        QCOMPARE(http_request("GET", url + "/api/ready").status, 200);

        QVERIFY(postgres->stop());
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url + "/api/ready", {}, {}, 3000).status, 503, 20000);
        auto tasks = http_request("GET", url + "/api/ola/tasks", {}, {}, 5000);
        QCOMPARE(tasks.status, 503);
        QCOMPARE(tasks.json()["error"]["code"].toString(), QString("store_unavailable"));
        QCOMPARE(http_request("GET", url + "/api/health").status, 200);  // liveness ignores the DB

        QVERIFY(postgres->start_again());
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url + "/api/ready", {}, {}, 3000).status, 200, 20000);
        auto after = http_request("GET", url + "/api/ola/tasks");
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json().array().first()["title"].toString(), QString("Outlive the outage"));
        QCOMPARE(backend.process().state(), QProcess::Running);
        QCOMPARE(backend.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "test_lifecycle.moc"
