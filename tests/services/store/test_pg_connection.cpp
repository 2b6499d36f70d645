// PgConnection against a real PostgreSQL: each statement is prepared once per session (the
// server lists it in pg_prepared_statements), prepared again after a reconnect, and planned
// again when a schema change makes the session's plan stale. Behind a real transaction-mode
// PgBouncer that does not track prepared statements (Debian's 1.18), two clients share one
// server session and then lose it, and every answer stays right.

#include <QDir>
#include <QProcess>
#include <QTcpSocket>
#include <QtTest>

#include <atomic>
#include <unistd.h>

#include "chatbot/store/postgres_connection.hpp"
#include "support/backend_process.hpp"
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
constexpr const char* kDouble = "SELECT $1::int * 2";

/// PgBouncer in the foreground on a free 127.0.0.1 port, pooling transactions onto a single
/// server session that it closes a second after each use (a new session has no statements).
class PgBouncer {
public:
    bool start(const PostgresServer& postgres, QString* why) {
        const QString program = find_tool(QStringLiteral("pgbouncer"));
        if (program.isEmpty()) {
            *why = QStringLiteral("pgbouncer not found");
            return false;
        }
        port_ = free_port();
        QFile::setPermissions(dir_.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                               QFileDevice::WriteOther | QFileDevice::ExeOther);
        QFile ini(dir_.filePath(QStringLiteral("pgbouncer.ini")));
        if (!ini.open(QIODevice::WriteOnly)) return false;
        ini.write(QStringLiteral("[databases]\n"
                                 "helmdeck = host=127.0.0.1 port=%1 dbname=helmdeck user=helmdeck "
                                 "password=helmdeck pool_size=1\n"
                                 "[pgbouncer]\n"
                                 "listen_addr = 127.0.0.1\nlisten_port = %2\nunix_socket_dir =\n"
                                 "auth_type = any\npool_mode = transaction\n"
                                 "server_lifetime = 1\nserver_idle_timeout = 1\n"
                                 "logfile = %3/pgbouncer.log\n")
                      .arg(postgres.port())
                      .arg(port_)
                      .arg(dir_.path())
                      .toUtf8());
        ini.close();
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.setWorkingDirectory(dir_.path());
        // PgBouncer refuses to run as root.
        if (::geteuid() == 0)
            process_.start(find_tool(QStringLiteral("runuser")),
                           {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                            program, ini.fileName()});
        else
            process_.start(program, {ini.fileName()});
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && process_.state() != QProcess::NotRunning) {
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), port_);
            if (probe.waitForConnected(500)) return true;
            QTest::qWait(100);
        }
        *why = QStringLiteral("pgbouncer did not listen: ") + QString::fromLocal8Bit(process_.readAll());
        return false;
    }
    ~PgBouncer() {
        process_.terminate();
        if (!process_.waitForFinished(5000)) process_.kill();
    }
    std::string url() const {
        return "postgres://helmdeck:helmdeck@127.0.0.1:" + std::to_string(port_) + "/helmdeck";
    }

private:
    QTemporaryDir dir_;
    QProcess process_;
    quint16 port_ = 0;
};

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

    void behindATransactionPoolerEveryAnswerStaysRight() {
        PgBouncer bouncer;
        QString why;
        const bool started = bouncer.start(*postgres_, &why);
        HELMDECK_REQUIRE(started, "pgbouncer", "apt-get install pgbouncer (./dev setup does)");
        std::atomic<std::uint64_t> failures{0};
        PgConnection a(bouncer.url(), failures);
        PgConnection b(bouncer.url(), failures);
        // One server session for both: each prepares its own statement there, and finds the
        // other's. Names made per connection ("s1") would run a's statement for b.
        QCOMPARE(a.query(kSelectOne, {std::string("41")}).integer(0, 0), std::int64_t{42});
        QCOMPARE(b.query(kDouble, {std::string("21")}).integer(0, 0), std::int64_t{42});
        QCOMPARE(b.query(kSelectOne, {std::string("5")}).integer(0, 0), std::int64_t{6});
        QCOMPARE(a.query(kDouble, {std::string("5")}).integer(0, 0), std::int64_t{10});
        // Then PgBouncer retires that session: the next one has none of the statements.
        const auto first_session = a.query(kBackendPid).integer(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(b.query(kBackendPid).integer(0, 0) != first_session, 20000);
        QCOMPARE(a.query(kSelectOne, {std::string("1")}).integer(0, 0), std::int64_t{2});
        QCOMPARE(a.query(kDouble, {std::string("7")}).integer(0, 0), std::int64_t{14});
        QCOMPARE(b.query(kDouble, {std::string("8")}).integer(0, 0), std::int64_t{16});
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "test_pg_connection.moc"
