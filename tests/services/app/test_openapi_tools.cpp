// /api/openapi.json checked by real tools from PyPI (set up by ./dev, scripts/dev/chatbot-api.sh):
// openapi-spec-validator on the document, then schemathesis with every check against the
// running binary, with and without bearer auth. A fixed seed and a bounded example count keep
// the run reproducible and short.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>

#include "chatbot/auth/jwt.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

QString venv_tool(const QString& name) {
    QString venv = qEnvironmentVariable("HELMDECK_OPENAPI_VENV");
    if (venv.isEmpty()) venv = QDir::homePath() + "/.cache/helmdeck-venv-openapi";
    const QString path = venv + "/bin/" + name;
    return QFileInfo(path).isExecutable() ? path : QString();
}

constexpr const char* kHint = "run ./dev setup (it creates ~/.cache/helmdeck-venv-openapi)";

struct Run {
    int exit_code = -1;
    QByteArray output;
};

Run run(const QString& program, const QStringList& args, int timeout_ms) {
    QProcess process;
    QTemporaryDir scratch;  // hypothesis keeps its example database in the working directory
    process.setWorkingDirectory(scratch.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished();
        result.output = "timed out\n" + process.readAll();
        return result;
    }
    result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = process.readAll();
    return result;
}

}  // namespace

class TestOpenApiTools : public QObject {
    Q_OBJECT

    void check_schemathesis(const QString& secret) {
        const QString schemathesis = venv_tool("schemathesis");
        HELMDECK_REQUIRE(!schemathesis.isEmpty(), "schemathesis", kHint);
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend.environment().insert("LOG_LEVEL", "error");
        if (!secret.isEmpty()) backend.environment().insert("AUTH_JWT_SECRET", secret);
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));
        QStringList args{"run", backend.base_url() + "/api/openapi.json", "--checks", "all",
                         "--hypothesis-seed", "1", "--hypothesis-derandomize",
                         "--hypothesis-max-examples", "25", "--no-color"};
        if (!secret.isEmpty()) {
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
            const auto token = todo::auth::sign_hs256({{"sub", "alice"}, {"exp", now + 3600}},
                                                      secret.toStdString());
            args << "-H" << QString::fromStdString("Authorization: Bearer " + token);
        }
        const auto result = run(schemathesis, args, 240000);
        QVERIFY2(result.exit_code == 0, result.output.right(6000).constData());
        QVERIFY(!result.output.contains("FAILED"));
        QCOMPARE(backend.terminate(), 0);
    }

private slots:
    void documentIsValidOpenApi() {
        const QString validator = venv_tool("openapi-spec-validator");
        HELMDECK_REQUIRE(!validator.isEmpty(), "openapi-spec-validator", kHint);
        BackendProcess backend;
        backend.environment().insert("DATABASE_URL", "sqlite::memory:");
        backend.environment().insert("AUTH_JWT_SECRET", "openapi-test-secret");
        QString why;
        QVERIFY2(backend.start({}, &why), qPrintable(why));
        const auto reply = http_request("GET", backend.base_url() + "/api/openapi.json");
        QCOMPARE(reply.status, 200);
        QTemporaryDir dir;
        QFile file(dir.filePath("openapi.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(reply.body);
        file.close();
        const auto result = run(validator, {file.fileName()}, 60000);
        QVERIFY2(result.exit_code == 0, result.output.constData());
        QVERIFY(result.output.contains("OK"));

        // The token is asked for only where the server checks it.
        const auto doc = reply.json().object();
        QVERIFY(!doc.contains("security"));
        const auto paths = doc["paths"].toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const auto operations = path.value().toObject();
            for (auto op = operations.begin(); op != operations.end(); ++op) {
                const bool secured = op.value().toObject().contains("security");
                // The user's routes, and MCP, which acts for the token's subject.
                const bool userRoute = path.key().startsWith("/api/{user_id}") || path.key() == "/mcp";
                QVERIFY2(secured == userRoute, qPrintable(path.key()));
            }
        }
        const auto schemas = doc["components"].toObject()["schemas"].toObject();
        QCOMPARE(schemas["TaskUpdate"].toObject()["minProperties"].toInt(), 1);
        QCOMPARE(backend.terminate(), 0);
    }

    void schemathesisFindsNothingWithoutAuth() { check_schemathesis({}); }
    void schemathesisFindsNothingWithAuth() { check_schemathesis("schemathesis-secret"); }
};

QTEST_GUILESS_MAIN(TestOpenApiTools)
#include "test_openapi_tools.moc"
