// The real binary's answers to edge cases: HEAD, numbers past a double, year 0, Unicode-blank
// titles and look-alike user ids. Each one was a 500, a 400 or a silent pass before.

#include <QJsonObject>
#include <QtTest>

#include "blocking_wire.hpp"
#include "support/backend_process.hpp"

using namespace helmdeck::testing;

class TestBackendConformance : public QObject {
    Q_OBJECT

    BackendProcess backend_;

    HttpReply post(const QString& path, const QByteArray& body) {
        return http_request("POST", backend_.base_url() + path, body,
                            {{"Content-Type", "application/json"}});
    }

private slots:
    void initTestCase() {
        backend_.environment().insert("DATABASE_URL", "sqlite::memory:");
        QString why;
        QVERIFY2(backend_.start({}, &why), qPrintable(why));
    }
    void cleanupTestCase() { QCOMPARE(backend_.terminate(), 0); }

    void headWorksWhereGetDoes_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("health") << "/api/health";
        QTest::newRow("metrics") << "/metrics";
        QTest::newRow("openapi") << "/api/openapi.json";
        QTest::newRow("tasks") << "/api/hana/tasks";
    }
    void headWorksWhereGetDoes() {
        QFETCH(QString, path);
        BlockingWire wire(backend_.port());
        const auto head =
            wire.exchange("HEAD " + path.toStdString() + " HTTP/1.1\r\nHost: t\r\n\r\n", true);
        // Framing by Content-Length would swallow the next reply if HEAD sent a body.
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.empty());
        QVERIFY(std::stoul(head.header("content-length")) > 0);
        const auto after = wire.exchange("GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(after.status, 200);  // no stray body bytes came between the two replies
        const auto get = http_request("GET", backend_.base_url() + path);
        QCOMPARE(get.status, 200);
        QCOMPARE(get.header("Content-Type"), QByteArray::fromStdString(head.header("content-type")));
    }

    void hugeNumberIs422NamingTheField() {
        const auto created = post("/api/hana/tasks", R"({"title":"x"})");
        QCOMPARE(created.status, 201);
        const auto id = QString::number(created.json()["id"].toInteger());
        const auto reply = http_request("PUT", backend_.base_url() + "/api/hana/tasks/" + id,
                                        R"({"completed":1e999999})", {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json()["error"]["field"].toString(), QString("completed"));
        const auto chat = post("/api/hana/chat", R"({"message":"hi","conversation_id":1e999999})");
        QCOMPARE(chat.status, 422);
        QCOMPARE(chat.json()["error"]["field"].toString(), QString("conversation_id"));
    }

    void yearZeroDueDateIs422() {
        const auto reply = post("/api/hana/tasks", R"({"title":"ancient","due_date":"0000-01-01"})");
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json()["error"]["field"].toString(), QString("due_date"));
    }

    void unicodeBlankTitleIs422_data() {
        QTest::addColumn<QByteArray>("title");
        QTest::newRow("U+3000") << QByteArray("\\u3000");
        QTest::newRow("U+00A0") << QByteArray("\\u00a0");
        QTest::newRow("U+2028 and U+0085") << QByteArray("\\u2028\\u0085");
    }
    void unicodeBlankTitleIs422() {
        QFETCH(QByteArray, title);
        const auto reply = post("/api/hana/tasks", "{\"title\":\"" + title + "\"}");
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json()["error"]["field"].toString(), QString("title"));
    }

    void lookAlikeUserIdsAre400_data() {
        QTest::addColumn<QByteArray>("user");
        QTest::newRow("U+202E") << QByteArray("%E2%80%AEecila");
        QTest::newRow("U+200B") << QByteArray("al%E2%80%8Bice");
        QTest::newRow("U+0085") << QByteArray("al%C2%85ice");
        QTest::newRow("trailing space") << QByteArray("alice%20");
    }
    void lookAlikeUserIdsAre400() {
        QFETCH(QByteArray, user);
        BlockingWire wire(backend_.port());
        const auto reply =
            wire.exchange("GET /api/" + user.toStdString() + "/tasks HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.body.find("invalid_user_id") != std::string::npos);
    }

    void userIdLimitCountsCharacters() {
        // 128 characters of three bytes each: 384 bytes, within the limit the message states.
        const QByteArray user = QByteArray("%E6%97%A5").repeated(128);
        BlockingWire wire(backend_.port());
        const auto ok = wire.exchange("GET /api/" + user.toStdString() + "/tasks HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(ok.status, 200);
        const auto too_long = wire.exchange("GET /api/" + user.toStdString() +
                                            "%E6%97%A5/tasks HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(too_long.status, 400);
    }
};

QTEST_GUILESS_MAIN(TestBackendConformance)
#include "test_backend_conformance.moc"
