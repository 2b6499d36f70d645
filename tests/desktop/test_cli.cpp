// helmdeck-cli end to end on the local target (real todo-chatbot), and its error exits.

#include <signal.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test_support.hpp"
#include "core/run_history.hpp"

using namespace helmdeck::testing;

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;

    QString dataDir(const QString& name) {
        const QString path = QDir(dir_.path()).filePath(name);
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY2(QFileInfo(cliBinary()).isExecutable(), qPrintable(cliBinary()));
        QVERIFY2(QFileInfo(QStringLiteral(HELMDECK_BINARY_DIR "/bin/todo-chatbot")).isExecutable(),
                 "build todo-chatbot first");
    }

    void helpListsEverything() {
        const CliResult result =
            runCli({QStringLiteral("--help")}, cliEnvironment(dataDir("help")));
        QCOMPARE(result.exitCode, 0);
        for (const char* word : {"preflight", "build", "deploy", "probe", "chat", "status",
                                 "rollback", "uninstall", "run", "history", "--profile", "--target",
                                 "--json", "--report", "--rollback-on-fail", "--version", "130"})
            QVERIFY2(result.out.contains(QLatin1String(word)), word);
        const CliResult version =
            runCli({QStringLiteral("--version")}, cliEnvironment(dataDir("help")));
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("helmdeck-cli ")));
    }

    void usageErrorsExit2_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no command") << QStringList{} << "no command given";
        QTest::newRow("unknown") << QStringList{"frobnicate"} << "unknown command \"frobnicate\"";
        QTest::newRow("bad target") << QStringList{"run", "--target", "moon"} << "--target must be";
        QTest::newRow("chat without message")
            << QStringList{"chat"} << "chat needs exactly one message";
    }

    void usageErrorsExit2() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult result = runCli(arguments, cliEnvironment(dataDir("usage")));
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }

    void runLocalPasses() {
        const QString data = dataDir("run");
        const QString reportJson = QDir(data).filePath(QStringLiteral("report.json"));
        QElapsedTimer clock;
        clock.start();
        // The repo's own helmdeck.yaml (found from the working directory), as a user runs it.
        const CliResult result =
            runCli({QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("local"),
                    QStringLiteral("--report"), reportJson},
                   cliEnvironment(data));
        qInfo("run --target local took %lld ms", clock.elapsed());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
        QVERIFY2(result.out.contains(QStringLiteral("helmdeck run (local): pass")),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("latency: p50")));
        // Progress on stderr, plain lines when it is not a terminal.
        QVERIFY2(result.err.contains(QStringLiteral("[2/4] backend")), qPrintable(result.err));
        QVERIFY(!result.err.contains(QLatin1Char('\r')));

        QFile file(reportJson);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(report.value(QStringLiteral("schema")).toString(),
                 QStringLiteral("helmdeck.report/v1"));
        QCOMPARE(report.value(QStringLiteral("target")).toString(), QStringLiteral("local"));
        QCOMPARE(report.value(QStringLiteral("verdict"))
                     .toObject()
                     .value(QStringLiteral("overall"))
                     .toString(),
                 QStringLiteral("pass"));
        const QJsonArray steps = report.value(QStringLiteral("steps")).toArray();
        QCOMPARE(steps.size(), 4);
        for (const auto& step : steps)
            QCOMPARE(step.toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("ok"));
        const QJsonObject overall = report.value(QStringLiteral("probe"))
                                        .toObject()
                                        .value(QStringLiteral("overall"))
                                        .toObject();
        QVERIFY(overall.value(QStringLiteral("count")).toInt() > 0);
        QCOMPARE(overall.value(QStringLiteral("errors")).toInt(), 0);

        // The local SQLite store lives in the data dir, and the run is in the history.
        QVERIFY(QFileInfo::exists(QDir(data).filePath(QStringLiteral("local/todo.db"))));
        const auto history = helmdeck::core::RunHistory(data).load();
        QCOMPARE(history.runs.size(), 1);
        QCOMPARE(history.runs.first().verdict, helmdeck::core::CheckStatus::Pass);
        QVERIFY(history.runs.first().p95Ms.has_value());

        // history prints it; --json gives the records.
        const CliResult printed = runCli({QStringLiteral("history")}, cliEnvironment(data));
        QCOMPARE(printed.exitCode, 0);
        QVERIFY2(
            printed.out.contains(QRegularExpression(QStringLiteral("\\blocal\\b.*\\bpass\\b"))),
            qPrintable(printed.out));
        const CliResult json =
            runCli({QStringLiteral("history"), QStringLiteral("--json")}, cliEnvironment(data));
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8())
                     .object()
                     .value(QStringLiteral("runs"))
                     .toArray()
                     .size(),
                 1);
    }

    void markdownReportAndJsonSummary() {
        const QString data = dataDir("markdown");
        const QString report = QDir(data).filePath(QStringLiteral("report.md"));
        const CliResult result =
            runCli({QStringLiteral("run"), QStringLiteral("--profile"), writeProfile(data, 2000, 1),
                    QStringLiteral("--json"), QStringLiteral("--report"), report},
                   cliEnvironment(data));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject summary = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(summary.value(QStringLiteral("outcome")).toString(), QStringLiteral("pass"));
        QCOMPARE(summary.value(QStringLiteral("exitCode")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("report"))
                     .toObject()
                     .value(QStringLiteral("schema"))
                     .toString(),
                 QStringLiteral("helmdeck.report/v1"));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString markdown = QString::fromUtf8(file.readAll());
        QVERIFY2(markdown.startsWith(QLatin1Char('#')), qPrintable(markdown.left(200)));
        QVERIFY(markdown.contains(QStringLiteral("latency p95")));
    }

    void impossibleBudgetExits1() {
        const QString data = dataDir("breach");
        const CliResult result =
            runCli({QStringLiteral("run"), QStringLiteral("--profile"), writeProfile(data, 0, 1)},
                   cliEnvironment(data));
        QVERIFY2(result.exitCode == 1, qPrintable(result.err));
        const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.last().startsWith(QStringLiteral("helmdeck-cli: SLO breach: latency p95")),
                 qPrintable(lines.last()));
        QVERIFY2(lines.last().contains(QStringLiteral("0 ms budget")), qPrintable(lines.last()));
        QVERIFY(result.out.contains(QStringLiteral("slo-breach")));
        // A breached run is still history.
        QCOMPARE(helmdeck::core::RunHistory(data).load().runs.size(), 1);
    }

    void badProfileExits2() {
        const QString data = dataDir("badprofile");
        const QString path = QDir(data).filePath(QStringLiteral("bad.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("version: 1\nslo:\n  latencyP95Ms: fast\n");
        file.close();
        const CliResult result = runCli({QStringLiteral("run"), QStringLiteral("--profile"), path},
                                        cliEnvironment(data));
        QCOMPARE(result.exitCode, 2);
        const QString line = result.err.trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        QVERIFY2(line.contains(path + QStringLiteral(":3:")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("slo.latencyP95Ms")), qPrintable(line));

        const CliResult missing = runCli({QStringLiteral("run"), QStringLiteral("--profile"),
                                          QDir(data).filePath(QStringLiteral("nope.yaml"))},
                                         cliEnvironment(data));
        QCOMPARE(missing.exitCode, 2);
    }

    void missingToolExits3() {
        const QString data = dataDir("notool");
        const QString emptyBin = dataDir("notool/bin");
        const CliResult result =
            runCli({QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("docker"),
                    QStringLiteral("--profile"), writeProfile(data)},
                   cliEnvironment(data, {{QStringLiteral("PATH"), emptyBin}}));
        QCOMPARE(result.exitCode, 3);
        const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.last().startsWith(QStringLiteral("helmdeck-cli: preflight: docker:")),
                 qPrintable(lines.last()));
        QVERIFY2(lines.last().contains(QStringLiteral("fix:")), qPrintable(lines.last()));
        QVERIFY(result.out.contains(QStringLiteral("skipped")));
    }

    void sigintLeavesNoChild() {
        const QString data = dataDir("sigint");
        QProcess cli;
        cli.setProcessEnvironment(cliEnvironment(data));
        cli.start(cliBinary(), {QStringLiteral("run"), QStringLiteral("--profile"),
                                writeProfile(data, 2000, 60)});
        QVERIFY(cli.waitForStarted());
        QString err;
        connect(&cli, &QProcess::readyReadStandardError, this,
                [&] { err += QString::fromUtf8(cli.readAllStandardError()); });
        // Interrupt while the probe runs against the backend child.
        QTRY_VERIFY_WITH_TIMEOUT(err.contains(QStringLiteral("[3/4] probe")), 30000);
        QList<qint64> children;
        for (const ProcInfo& info : processes())
            if (info.ppid == cli.processId()) children << info.pid;
        bool backendSeen = false;
        for (const ProcInfo& info : processes())
            if (children.contains(info.pid) && info.comm.startsWith(QStringLiteral("todo-chatbot")))
                backendSeen = true;
        QVERIFY2(backendSeen, "the local backend should be a child of helmdeck-cli");

        QElapsedTimer clock;
        clock.start();
        ::kill(pid_t(cli.processId()), SIGINT);
        QVERIFY(cli.waitForFinished(15000));
        qInfo("exited %lld ms after SIGINT", clock.elapsed());
        QVERIFY(clock.elapsed() < 10000);
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QCOMPARE(cli.exitCode(), 130);
        err += QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("SIGINT received")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("probe: cancelled")), qPrintable(err));
        // No child, nor anything in a child's process group, survives.
        QTRY_VERIFY_WITH_TIMEOUT(survivors(children).isEmpty(), 5000);
        // A cancelled run is not recorded.
        QCOMPARE(helmdeck::core::RunHistory(data).load().runs.size(), 0);
    }

    void chatAgainstLocal() {
        const QString data = dataDir("chat");
        const CliResult result =
            runCli({QStringLiteral("chat"), QStringLiteral("add a task to buy milk"),
                    QStringLiteral("--target"), QStringLiteral("local"),
                    QStringLiteral("--profile"), writeProfile(data)},
                   cliEnvironment(data));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("milk"), Qt::CaseInsensitive),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("[add_task")), qPrintable(result.out));

        // The task is in the local store: a second chat in a new process lists it.
        const CliResult listed =
            runCli({QStringLiteral("chat"), QStringLiteral("show my tasks"),
                    QStringLiteral("--json"), QStringLiteral("--profile"), writeProfile(data)},
                   cliEnvironment(data));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonObject reply = QJsonDocument::fromJson(listed.out.toUtf8()).object();
        QVERIFY2(reply.value(QStringLiteral("ok")).toBool(), qPrintable(listed.out));
        QVERIFY2(reply.value(QStringLiteral("response"))
                     .toString()
                     .contains(QStringLiteral("milk"), Qt::CaseInsensitive),
                 qPrintable(listed.out));
        // chat does not add probe runs to the history.
        QCOMPARE(helmdeck::core::RunHistory(data).load().runs.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
