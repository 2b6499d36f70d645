// helmdeck-cli run --target docker with the real engine: build, measure, run, probe, verdict.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test_support.hpp"
#include "core/run_history.hpp"
#include "core/tool_runner.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

class TestCliDocker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runDockerPasses() {
        const bool engine = helmdeck::core::ToolRunner::runAndWait(QStringLiteral("docker"),
                                                                   {QStringLiteral("info")}, 20000)
                                .ok();
        HELMDECK_REQUIRE(engine, "a Docker engine",
                         "install docker.io and start dockerd (./dev image does both)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString report = QDir(dir.path()).filePath(QStringLiteral("report.json"));
        QElapsedTimer clock;
        clock.start();
        QProcess cli;
        cli.setProcessEnvironment(cliEnvironment(dir.path()));
        cli.start(cliBinary(), {QStringLiteral("run"), QStringLiteral("--target"),
                                QStringLiteral("docker"), QStringLiteral("--profile"),
                                writeProfile(dir.path(), 2000, 2, QStringLiteral("docker")),
                                QStringLiteral("--report"), report});
        QVERIFY(cli.waitForStarted());
        QVERIFY2(cli.waitForFinished(25 * 60 * 1000),
                 "helmdeck-cli run --target docker did not finish");
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        qInfo("run --target docker took %lld s", clock.elapsed() / 1000);
        QVERIFY2(cli.exitCode() == 0, qPrintable(err.right(4000) + out));

        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value(QStringLiteral("target")).toString(), QStringLiteral("docker"));
        QStringList steps;
        for (const auto& step : json.value(QStringLiteral("steps")).toArray()) {
            steps << step.toObject().value(QStringLiteral("name")).toString();
            QCOMPARE(step.toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("ok"));
        }
        QCOMPARE(steps,
                 (QStringList{"preflight", "build", "measure", "container", "probe", "verdict"}));
        const QJsonArray images = json.value(QStringLiteral("images")).toArray();
        QCOMPARE(images.size(), 1);
        const QString reference =
            images.first().toObject().value(QStringLiteral("name")).toString();
        QVERIFY(reference.startsWith(QStringLiteral("todo-chatbot:")));
        const double bytes = images.first().toObject().value(QStringLiteral("bytes")).toDouble();
        QVERIFY2(bytes > 1e6 && bytes < 500e6, qPrintable(QString::number(bytes)));
        QCOMPARE(json.value(QStringLiteral("verdict"))
                     .toObject()
                     .value(QStringLiteral("overall"))
                     .toString(),
                 QStringLiteral("pass"));
        QVERIFY(json.value(QStringLiteral("probe"))
                    .toObject()
                    .value(QStringLiteral("overall"))
                    .toObject()
                    .value(QStringLiteral("count"))
                    .toInt() > 0);

        // The container is gone at the end of the CLI run.
        const auto left = helmdeck::core::ToolRunner::runAndWait(
            QStringLiteral("docker"),
            {QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
             QStringLiteral("name=helmdeck-%1-").arg(cli.processId())},
            20000);
        QVERIFY(left.ok());
        QVERIFY2(left.stdoutData.trimmed().isEmpty(), left.stdoutData.constData());
        QCOMPARE(helmdeck::core::RunHistory(dir.path()).load().runs.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliDocker)
#include "test_cli_docker.moc"
