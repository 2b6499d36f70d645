// A Neon-shaped PostgreSQL: TLS only (ssl=on, hostssl), with a certificate the fixture made.
// The store connects with sslmode=require and with verify-full against the right CA, refuses
// the wrong CA, and the binary then stays alive with readiness 503 and one clear log line.

#include <QtTest>

#include "chatbot/store/store.hpp"
#include "support/backend_process.hpp"
#include "support/postgres_server.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

class TestPostgresTls : public QObject {
    Q_OBJECT

    std::unique_ptr<PostgresServer> postgres_;

    QString url(const QString& query) const { return postgres_->url() + "?" + query; }

private slots:
    void initTestCase() {
        QString why;
        postgres_ = PostgresServer::start(&why, PostgresOptions{true});
        HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL with TLS", qPrintable(why));
    }

    void plainConnectionsAreRefused() {
        try {
            todo::store::open_store(url("sslmode=disable").toStdString());
            QFAIL("the server must refuse a connection without TLS");
        } catch (const todo::store::StoreUnavailable& error) {
            QVERIFY2(QString(error.what()).contains("no encryption") ||
                         QString(error.what()).contains("pg_hba.conf"),
                     error.what());
        }
    }

    void sslmodeRequireConnects() {
        auto store = todo::store::open_store(url("sslmode=require").toStdString());
        store->ping();
        QCOMPARE(store->create_task("tls", {"over TLS"}).title, std::string("over TLS"));
    }

    void verifyFullWithTheRightCaConnects() {
        auto store = todo::store::open_store(
            url("sslmode=verify-full&sslrootcert=" + postgres_->ca_file()).toStdString());
        store->ping();
    }

    void theWrongCaIsRefused() {
        try {
            todo::store::open_store(
                url("sslmode=verify-full&sslrootcert=" + postgres_->wrong_ca_file()).toStdString());
            QFAIL("a certificate from another CA must be refused");
        } catch (const todo::store::StoreUnavailable& error) {
            QVERIFY2(QString(error.what()).contains("certificate"), error.what());
        }
    }

    void theBinaryWithTheWrongCaIsAliveNotReady() {
        BackendProcess backend;
        backend.environment().insert(
            "DATABASE_URL", url("sslmode=verify-full&sslrootcert=" + postgres_->wrong_ca_file()));
        backend.environment().insert("LOG_LEVEL", "debug");  // each retry logs at debug
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));
        QCOMPARE(http_request("GET", backend.base_url() + "/api/health").status, 200);
        QCOMPARE(http_request("GET", backend.base_url() + "/api/ready").status, 503);
        // Retries back off (250 ms, 500 ms, 1 s …); after three, the outage is still one line.
        QTRY_VERIFY_WITH_TIMEOUT(backend.log().count("\"store_retry\"") >= 3, 15000);
        int lines = 0;
        for (const auto& line : backend.log().split('\n')) {
            if (!line.contains("\"store_unavailable\"")) continue;
            ++lines;
            QVERIFY2(line.contains("certificate"), line.constData());
        }
        QCOMPARE(lines, 1);
        QCOMPARE(http_request("GET", backend.base_url() + "/api/ready").status, 503);
        QCOMPARE(backend.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPostgresTls)
#include "test_postgres_tls.moc"
