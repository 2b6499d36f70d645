// With AUTH_JWT_SECRET set, /api/{user_id}/… needs a valid HS256 token for that user.

#include <QtTest>
#include <chrono>

#include "chatbot/auth/jwt.hpp"
#include "support/backend_process.hpp"

using namespace helmdeck::testing;

namespace {
const std::string kSecret = "integration-secret";

std::int64_t now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QByteArray bearer(const nlohmann::json& payload, const std::string& secret = kSecret) {
    return "Bearer " + QByteArray::fromStdString(todo::auth::sign_hs256(payload, secret));
}
}  // namespace

class TestAuthApi : public QObject {
    Q_OBJECT
    BackendProcess backend_;

    HttpReply get_tasks(const QString& user, const QByteArray& authorization) {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty()) headers.append({"Authorization", authorization});
        return http_request("GET", backend_.base_url() + "/api/" + user + "/tasks", {}, headers);
    }

private slots:
    void initTestCase() {
        backend_.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend_.environment().insert("AUTH_JWT_SECRET", QString::fromStdString(kSecret));
        QString why;
        QVERIFY2(backend_.start({}, &why), qPrintable(why));
    }
    void cleanupTestCase() { QCOMPARE(backend_.terminate(), 0); }

    void valid_token_is_accepted() {
        auto reply = get_tasks("alice", bearer({{"sub", "alice"}, {"exp", now_s() + 300}}));
        QCOMPARE(reply.status, 200);
    }

    void refused_tokens_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing") << QByteArray() << 401 << "unauthorized";
        QTest::newRow("not bearer") << QByteArray("Basic YWxpY2U6cHc=") << 401 << "unauthorized";
        QTest::newRow("garbage") << QByteArray("Bearer abc.def") << 401 << "unauthorized";
        QTest::newRow("wrong secret") << bearer({{"sub", "alice"}}, "not-the-secret") << 401 << "unauthorized";
        QTest::newRow("expired") << bearer({{"sub", "alice"}, {"exp", now_s() - 3600}}) << 401 << "unauthorized";
        // Found by fuzz_jwt: a non-string alg threw json::type_error, answered 500.
        QTest::newRow("alg not a string")
            << "Bearer " + QByteArray::fromStdString(todo::auth::base64url_encode(R"({"alg":1})")) +
                   ".e30.c2ln"
            << 401 << "unauthorized";
        QTest::newRow("foreign user") << bearer({{"sub", "mallory"}, {"exp", now_s() + 300}}) << 403 << "forbidden";
    }
    void refused_tokens() {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto reply = get_tasks("alice", authorization);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json()["error"]["code"].toString(), code);
        QVERIFY(!reply.json()["error"]["message"].toString().isEmpty());
        if (status == 401) QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Bearer"));
    }

    void chat_needs_a_token_too() {
        auto reply = http_request("POST", backend_.base_url() + "/api/alice/chat", R"({"message":"hi"})");
        QCOMPARE(reply.status, 401);
    }

    void probes_stay_open() {
        QCOMPARE(http_request("GET", backend_.base_url() + "/api/health").status, 200);
        QCOMPARE(http_request("GET", backend_.base_url() + "/api/ready").status, 200);
        QCOMPARE(http_request("GET", backend_.base_url() + "/metrics").status, 200);
    }

    void secret_is_never_logged() {
        QVERIFY(!backend_.log().contains(QByteArray::fromStdString(kSecret)));
    }
};

QTEST_GUILESS_MAIN(TestAuthApi)
#include "test_auth_api.moc"
