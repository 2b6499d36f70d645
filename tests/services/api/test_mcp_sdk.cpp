// POST /mcp driven by the official MCP Python SDK, from the venv `./dev setup` makes
// (scripts/dev/mcp.sh), against the real todo-chatbot binary over loopback.

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "chatbot/auth/jwt.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

QString venv_python() {
    auto configured = qEnvironmentVariable("HELMDECK_MCP_PYTHON");
    if (!configured.isEmpty()) return configured;
    return QDir::homePath() + "/.cache/helmdeck-venv-mcp/bin/python";
}

}  // namespace

class TestMcpSdk : public QObject {
    Q_OBJECT

private slots:
    void the_sdk_lists_the_tools_and_adds_a_task_data() {
        QTest::addColumn<QString>("secret");
        QTest::newRow("authentication off, user_id argument") << QString();
        QTest::newRow("bearer token") << QStringLiteral("mcp-test-secret");
    }
    void the_sdk_lists_the_tools_and_adds_a_task() {
        QFETCH(QString, secret);
        const auto python = venv_python();
        QProcess probe;
        probe.start(python, {"-c", "import mcp.client.streamable_http"});
        bool usable = probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit &&
                      probe.exitCode() == 0;
        HELMDECK_REQUIRE(usable, "The MCP Python SDK", "run ./dev setup (it makes ~/.cache/helmdeck-venv-mcp)");

        QTemporaryDir data;
        QVERIFY(data.isValid());
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite:" + data.filePath("todo.db"));
        QStringList token;
        if (!secret.isEmpty()) {
            backend.environment().insert("AUTH_JWT_SECRET", secret);
            auto now = QDateTime::currentSecsSinceEpoch();
            token << QString::fromStdString(todo::auth::sign_hs256(
                {{"sub", "mcp-user"}, {"iat", now}, {"exp", now + 600}}, secret.toStdString()));
        }
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));

        QProcess client;
        client.setProcessChannelMode(QProcess::MergedChannels);
        QStringList arguments{QStringLiteral(HELMDECK_SOURCE_DIR "/tests/services/api/mcp_client.py"),
                              backend.base_url()};
        client.start(python, arguments + token);
        QVERIFY2(client.waitForFinished(60000), "the MCP client did not finish within 60 s");
        const auto output = QString::fromUtf8(client.readAll());
        QVERIFY2(client.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains("MCP OK"), qPrintable(output));
        QCOMPARE(backend.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMcpSdk)
#include "test_mcp_sdk.moc"
