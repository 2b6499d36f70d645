// ToolRunner on real processes: streaming, exit codes, environment, timeout, cancel, not found.

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/tool_runner.hpp"

using helmdeck::core::ToolResult;
using helmdeck::core::ToolRunner;

namespace {

ToolResult resultOf(QSignalSpy& spy) {
    return spy.constLast().constFirst().value<ToolResult>();
}

bool processExists(qint64 pid) {
    return QDir(QStringLiteral("/proc/%1").arg(pid)).exists();
}

QStringList strings(const QSignalSpy& spy) {
    QStringList lines;
    for (const QList<QVariant>& arguments : spy) lines << arguments.constFirst().toString();
    return lines;
}

}  // namespace

class TestToolRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void streamsStdoutAndStderrLines() {
        ToolRunner runner;
        QSignalSpy out(&runner, &ToolRunner::stdoutLine);
        QSignalSpy err(&runner, &ToolRunner::stderrLine);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("echo a; echo b >&2; printf 'c\\nd'")});
        QVERIFY(done.wait(5000));
        QCOMPARE(strings(out),
                 (QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("d")}));
        QCOMPARE(strings(err), QStringList{QStringLiteral("b")});
        const ToolResult result = resultOf(done);
        QCOMPARE(result.status, ToolResult::Ok);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.stdoutData.isEmpty());  // not captured unless asked
    }

    void capturesStdoutWhenAsked() {
        ToolRunner runner;
        runner.setCaptureStdout(true);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("printf '{\"a\": 1}\\n'")});
        QVERIFY(done.wait(5000));
        QCOMPARE(resultOf(done).stdoutData, QByteArray("{\"a\": 1}\n"));
    }

    void reportsExitCode_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("zero") << 0 << int(ToolResult::Ok);
        QTest::newRow("one") << 1 << int(ToolResult::Failed);
        QTest::newRow("forty-two") << 42 << int(ToolResult::Failed);
    }
    void reportsExitCode() {
        QFETCH(int, code);
        QFETCH(int, status);
        ToolRunner runner;
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("echo oops >&2; exit %1").arg(code)});
        QVERIFY(done.wait(5000));
        const ToolResult result = resultOf(done);
        QCOMPARE(int(result.status), status);
        QCOMPARE(result.exitCode, code);
        if (code != 0) {
            QVERIFY2(result.reason.contains(QStringLiteral("code %1").arg(code)),
                     qPrintable(result.reason));
            QVERIFY2(result.reason.contains(QLatin1String("oops")), qPrintable(result.reason));
        }
    }

    void injectsEnvironment() {
        ToolRunner runner;
        QSignalSpy out(&runner, &ToolRunner::stdoutLine);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("echo \"$HELMDECK_TEST_VALUE\"")},
                     {{QStringLiteral("HELMDECK_TEST_VALUE"), QStringLiteral("injected 42")}});
        QVERIFY(done.wait(5000));
        QCOMPARE(strings(out), QStringList{QStringLiteral("injected 42")});
    }

    void runsInWorkingDirectory() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ToolRunner runner;
        QSignalSpy out(&runner, &ToolRunner::stdoutLine);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("pwd"), {}, {}, 0, dir.path());
        QVERIFY(done.wait(5000));
        QCOMPARE(QFileInfo(strings(out).value(0)).canonicalFilePath(),
                 QFileInfo(dir.path()).canonicalFilePath());
    }

    void missingExecutableIsNotFound() {
        ToolRunner runner;
        QSignalSpy started(&runner, &ToolRunner::started);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("helmdeck-no-such-tool"), {QStringLiteral("--version")});
        QCOMPARE(done.count(), 0);  // queued, so a caller connecting after start() still sees it
        QVERIFY(done.wait(2000));
        const ToolResult result = resultOf(done);
        QCOMPARE(result.status, ToolResult::NotFound);
        QVERIFY2(result.reason.contains(QLatin1String("helmdeck-no-such-tool")),
                 qPrintable(result.reason));
        QCOMPARE(started.count(), 0);
    }

    void nonExecutablePathIsNotFound() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plain.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("echo hi\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        ToolRunner runner;
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(path, {});
        QVERIFY(done.wait(2000));
        QCOMPARE(resultOf(done).status, ToolResult::NotFound);
        QVERIFY(resultOf(done).reason.contains(path));
    }

    void unrunnableFileFailsToStart() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("garbage"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QByteArray("\x7f"
                       "ELF not really",
                       16));
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ExeOwner));
        ToolRunner runner;
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(path, {});
        QVERIFY(done.wait(5000));
        QCOMPARE(resultOf(done).status, ToolResult::FailedToStart);
        QVERIFY2(resultOf(done).reason.startsWith(QLatin1String("cannot start garbage")),
                 qPrintable(resultOf(done).reason));
        QCOMPARE(done.count(), 1);
    }

    void timeoutStopsTheChildQuickly() {
        ToolRunner runner;
        QSignalSpy started(&runner, &ToolRunner::started);
        QSignalSpy done(&runner, &ToolRunner::finished);
        QElapsedTimer clock;
        clock.start();
        runner.start(QStringLiteral("sleep"), {QStringLiteral("30")}, {}, 300);
        QVERIFY(started.wait(5000));
        const qint64 pid = runner.processId();
        QVERIFY(pid > 0);
        QVERIFY(done.wait(5000));
        const ToolResult result = resultOf(done);
        QCOMPARE(result.status, ToolResult::TimedOut);
        QVERIFY2(result.reason.contains(QLatin1String("timed out")), qPrintable(result.reason));
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 2000);
    }

    void cancelKillsTheWholeProcessGroup() {
        ToolRunner runner;
        QSignalSpy out(&runner, &ToolRunner::stdoutLine);
        QSignalSpy done(&runner, &ToolRunner::finished);
        // sh's child prints its pid; both must be gone after cancel.
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"), QStringLiteral("sleep 30 & echo $!; wait")});
        QVERIFY(out.wait(5000));
        const qint64 shellPid = runner.processId();
        const qint64 sleepPid = out.constFirst().constFirst().toString().toLongLong();
        QVERIFY(shellPid > 0);
        QVERIFY(sleepPid > 0);
        QVERIFY(processExists(sleepPid));
        runner.cancel();
        QVERIFY(done.wait(5000));
        QCOMPARE(resultOf(done).status, ToolResult::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(shellPid), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(sleepPid), 2000);
        QCOMPARE(done.count(), 1);
    }

    void cancelEscalatesToKillAfterTheGracePeriod() {
        ToolRunner runner;
        runner.setKillGraceMs(200);
        QSignalSpy out(&runner, &ToolRunner::stdoutLine);
        QSignalSpy done(&runner, &ToolRunner::finished);
        runner.start(QStringLiteral("sh"),
                     {QStringLiteral("-c"),
                      QStringLiteral("trap '' TERM; echo ready; while :; do sleep 0.1; done")});
        QVERIFY(out.wait(5000));
        QElapsedTimer clock;
        clock.start();
        runner.cancel();
        QVERIFY(done.wait(5000));
        QCOMPARE(resultOf(done).status, ToolResult::Cancelled);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void destructorLeavesNoChild() {
        qint64 pid = 0;
        {
            ToolRunner runner;
            QSignalSpy started(&runner, &ToolRunner::started);
            runner.start(QStringLiteral("sleep"), {QStringLiteral("30")});
            QVERIFY(started.wait(5000));
            pid = runner.processId();
            QVERIFY(processExists(pid));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!processExists(pid), 2000);
    }

    void canRunAgainFromTheFinishedSlot() {
        ToolRunner runner;
        QSignalSpy done(&runner, &ToolRunner::finished);
        bool restarted = false;
        connect(&runner, &ToolRunner::finished, this, [&] {
            if (restarted) return;
            restarted = true;
            runner.start(QStringLiteral("true"), {});
        });
        runner.start(QStringLiteral("true"), {});
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
        QCOMPARE(resultOf(done).status, ToolResult::Ok);
    }

    void runAndWaitReturnsTheResult() {
        const ToolResult ok = ToolRunner::runAndWait(
            QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo hi")}, 5000);
        QCOMPARE(ok.status, ToolResult::Ok);
        QCOMPARE(ok.stdoutData, QByteArray("hi\n"));
        QElapsedTimer clock;
        clock.start();
        const ToolResult slow =
            ToolRunner::runAndWait(QStringLiteral("sleep"), {QStringLiteral("30")}, 300);
        QCOMPARE(slow.status, ToolResult::TimedOut);
        QVERIFY(clock.elapsed() < 4000);
    }
};

QTEST_GUILESS_MAIN(TestToolRunner)
#include "test_tool_runner.moc"
