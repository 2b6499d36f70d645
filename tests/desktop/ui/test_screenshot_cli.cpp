// build/bin/helmdeck --screenshot: the demo runs on the local target and writes a PNG that is
// not blank; bad arguments fail with one line; the first paint is traced on request.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "support/backend_process.hpp"
#include "ui_test_support.hpp"

class TestScreenshotCli : public QObject {
    Q_OBJECT

private:
    struct Run {
        int exitCode = -1;
        QByteArray stderrText;
    };
    Run helmdeck(const QStringList& arguments, const QString& dataDir) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HELMDECK_DATA_DIR"), dataDir);
        env.insert(QStringLiteral("HELMDECK_TRACE_STARTUP"), QStringLiteral("1"));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(QStringLiteral(HELMDECK_SOURCE_DIR));
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(helmdeck::testing::built_binary(QStringLiteral("helmdeck")), arguments);
        if (!process.waitForStarted(10000)) return {};
        if (!finished.wait(200000)) {
            process.kill();
            process.waitForFinished(5000);
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardError()};
    }

private Q_SLOTS:
    void writesANonBlankScreenshot() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("health.png"));
        const Run run = helmdeck({QStringLiteral("--screenshot"), file, QStringLiteral("--page"),
                                  QStringLiteral("health")},
                                 dir.path());
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QVERIFY2(run.stderrText.contains("first paint after"), run.stderrText.constData());
        const QImage image(file);
        QVERIFY(!image.isNull());
        QVERIFY(helmdeck::testing::greyStdDev(image) > 12);
    }

    void leavesTheUsersDataDirAlone() {
        // The demo adds "buy milk": it once did so in the user's own SQLite, run after run.
        QTemporaryDir userData;
        QTemporaryDir out;
        const Run run = helmdeck({QStringLiteral("--screenshot"),
                                  out.filePath(QStringLiteral("chat.png")), QStringLiteral("--page"),
                                  QStringLiteral("chat")},
                                 userData.path());
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QVERIFY(QFileInfo::exists(out.filePath(QStringLiteral("chat.png"))));
        QCOMPARE(QDir(userData.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void rejectsAnUnknownPageWithOneLine() {
        QTemporaryDir dir;
        const Run run =
            helmdeck({QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png")),
                      QStringLiteral("--page"), QStringLiteral("nope")},
                     dir.path());
        QVERIFY(run.exitCode != 0);
        QVERIFY(run.stderrText.contains("unknown page"));
        // One line of ours (Qt may add its own platform warnings around it).
        QCOMPARE(run.stderrText.count("helmdeck:"), qsizetype(1));
    }
};

QTEST_MAIN(TestScreenshotCli)
#include "test_screenshot_cli.moc"
