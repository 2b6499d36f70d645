// PgConnection against a real PostgreSQL: each statement is prepared once per session (the
// server lists it in pg_prepared_statements), prepared again after a reconnect, and planned
// again when a schema change makes the session's plan stale.

#include <QtTest>

#include <atomic>

#include "chatbot/store/postgres_connection.hpp"
#include "support/postgres_server.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;
using todo::store::PgConnection;

namespace {

constexpr const char* kSelectOne = "SELECT $1::int + 1";
constexpr const char* kPreparedHere =
    "SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1'";
constexpr const char* kBackendPid = "SELECT pg_backend_pid()";
constexpr const char* kSelectAll = "SELECT * FROM replanned ORDER BY a";

}  // namespace

class TestPgConnection : public QObject {
    Q_OBJECT

    std::unique_ptr<PostgresServer> postgres_;

private slots:
    void initTestCase() {
        QString why;
        postgres_ = PostgresServer::start(&why);
        HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", qPrintable(why));
    }

    void aStatementIsPreparedOncePerSession() {
        std::atomic<std::uint64_t> failures{0};
        PgConnection connection(postgres_->url().toStdString(), failures);
        QCOMPARE(connection.query(kSelectOne, {std::string("41")}).integer(0, 0), std::int64_t{42});
        QCOMPARE(connection.query(kSelectOne, {std::string("1")}).integer(0, 0), std::int64_t{2});
        QCOMPARE(connection.query(kPreparedHere).integer(0, 0), std::int64_t{1});
    }

    void aReconnectPreparesAgain() {
        std::atomic<std::uint64_t> failures{0};
        PgConnection connection(postgres_->url().toStdString(), failures);
        QCOMPARE(connection.query(kSelectOne, {std::string("1")}).integer(0, 0), std::int64_t{2});
        const auto first_session = connection.query(kBackendPid).integer(0, 0);
        ++failures;  // what the pool does when another connection saw the server go away
        QCOMPARE(connection.query(kSelectOne, {std::string("2")}).integer(0, 0), std::int64_t{3});
        QVERIFY(connection.query(kBackendPid).integer(0, 0) != first_session);
        QCOMPARE(connection.query(kPreparedHere).integer(0, 0), std::int64_t{1});
    }

    void aSchemaChangeIsPlannedAgain() {
        std::atomic<std::uint64_t> failures{0};
        PgConnection connection(postgres_->url().toStdString(), failures);
        connection.run_script("DROP TABLE IF EXISTS replanned; CREATE TABLE replanned (a int);"
                              "INSERT INTO replanned VALUES (1)");
        QCOMPARE(connection.query(kSelectAll).text(0, 0), std::string("1"));
        // Another instance's migration, while this session holds the old plan.
        PgConnection other(postgres_->url().toStdString(), failures);
        other.run_script("ALTER TABLE replanned ADD COLUMN b text DEFAULT 'new'");
        const auto rows = connection.query(kSelectAll);
        QCOMPARE(rows.rows(), 1);
        QCOMPARE(rows.text(0, 1), std::string("new"));
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "test_pg_connection.moc"
