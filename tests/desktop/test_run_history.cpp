// The run history: JSON Lines append and load, robust to corrupt and torn lines.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/run_history.hpp"

using namespace helmdeck::core;

namespace {

RunRecord makeRecord(int n) {
    RunRecord record;
    record.time = QDateTime(QDate(2026, 11, 27), QTime(10, n % 60, 0, 250), Qt::UTC);
    record.gitRevision = QStringLiteral("rev%1").arg(n);
    record.target = n % 2 ? QStringLiteral("local") : QStringLiteral("cluster");
    record.images = {{QStringLiteral("todo-chatbot:rev%1").arg(n), 100'000'000 + n}};
    record.p50Ms = 1.5 * n;
    record.p95Ms = 3.25 * n;
    record.p99Ms = n == 2 ? std::nullopt : std::optional(7.0 * n);
    record.verdict = n == 3 ? CheckStatus::Fail : CheckStatus::Pass;
    record.reason = n == 3 ? QStringLiteral("latency p95 9.75 ms exceeds the 5 ms budget")
                           : QStringLiteral("all 2 budgets met");
    return record;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void appendRaw(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(file.write(bytes), bytes.size());
}

}  // namespace

class TestRunHistory : public QObject {
    Q_OBJECT

private slots:
    void missingFileIsEmpty() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto loaded = RunHistory(dir.filePath(QStringLiteral("nothing/here"))).load();
        QVERIFY(loaded.runs.isEmpty());
        QCOMPARE(loaded.corruptLines, 0);
        QVERIFY(loaded.error.isEmpty());
    }

    void roundTrip() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The directory is created on the first append.
        const RunHistory history(dir.filePath(QStringLiteral("data/helmdeck")));
        for (int n = 1; n <= 3; ++n) {
            QString error;
            QVERIFY2(history.append(makeRecord(n), &error), qPrintable(error));
        }
        const auto text = readAll(history.filePath());
        QCOMPARE(text.count('\n'), 3);
        QVERIFY(text.startsWith("{\"") && text.endsWith("}\n"));
        QVERIFY(text.contains("\"schema\":\"helmdeck.history/v1\""));

        const auto loaded = history.load();
        QCOMPARE(loaded.corruptLines, 0);
        QCOMPARE(loaded.runs.size(), 3);
        for (int n = 1; n <= 3; ++n) {
            const auto& run = loaded.runs[n - 1];
            const auto expected = makeRecord(n);
            QCOMPARE(run.time, expected.time);
            QCOMPARE(run.gitRevision, expected.gitRevision);
            QCOMPARE(run.target, expected.target);
            QCOMPARE(run.images.size(), 1);
            QCOMPARE(run.images[0].name, expected.images[0].name);
            QCOMPARE(run.images[0].bytes, expected.images[0].bytes);
            QCOMPARE(run.p50Ms, expected.p50Ms);
            QCOMPARE(run.p95Ms, expected.p95Ms);
            QCOMPARE(run.p99Ms, expected.p99Ms);
            QCOMPARE(run.verdict, expected.verdict);
            QCOMPARE(run.reason, expected.reason);
        }
    }

    void corruptLines_data() {
        QTest::addColumn<QByteArray>("garbage");
        QTest::newRow("not JSON") << QByteArray("this is not json\n");
        QTest::newRow("half a record") << QByteArray("{\"schema\":\"helmdeck.history/v1\",\"ti\n");
        QTest::newRow("JSON array") << QByteArray("[1,2,3]\n");
        QTest::newRow("other schema") << QByteArray("{\"schema\":\"other/v1\"}\n");
        QTest::newRow("bad time") << QByteArray(
            "{\"schema\":\"helmdeck.history/v1\",\"time\":\"yesterday\","
            "\"verdict\":\"pass\"}\n");
        QTest::newRow("bad verdict") << QByteArray(
            "{\"schema\":\"helmdeck.history/v1\",\"time\":\"2026-11-27T10:00:00Z\","
            "\"verdict\":\"maybe\"}\n");
    }
    void corruptLines() {
        QFETCH(QByteArray, garbage);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const RunHistory history(dir.path());
        QVERIFY(history.append(makeRecord(1)));
        appendRaw(history.filePath(), garbage + "\n");  // a blank line is not corrupt
        QVERIFY(history.append(makeRecord(2)));

        const auto loaded = history.load();
        QCOMPARE(loaded.corruptLines, 1);
        QCOMPARE(loaded.runs.size(), 2);
        QCOMPARE(loaded.runs[0].gitRevision, QStringLiteral("rev1"));
        QCOMPARE(loaded.runs[1].gitRevision, QStringLiteral("rev2"));
    }

    void tornLastLine() {
        // A crash mid-write leaves a line without its newline; the next append must not glue
        // itself onto it.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const RunHistory history(dir.path());
        QVERIFY(history.append(makeRecord(1)));
        appendRaw(history.filePath(), "{\"schema\":\"helmdeck.history/v1\",\"time\":\"2026-1");

        auto loaded = history.load();
        QCOMPARE(loaded.runs.size(), 1);
        QCOMPARE(loaded.corruptLines, 1);

        QVERIFY(history.append(makeRecord(2)));
        loaded = history.load();
        QCOMPARE(loaded.runs.size(), 2);
        QCOMPARE(loaded.corruptLines, 1);
        QCOMPARE(loaded.runs[1].gitRevision, QStringLiteral("rev2"));
    }

    void fromReport() {
        RunReport report;
        report.startedAt = QDateTime(QDate(2026, 11, 27), QTime(9, 0), Qt::UTC);
        report.finishedAt = report.startedAt.addSecs(90);
        report.gitRevision = QStringLiteral("abc1234");
        report.target = QStringLiteral("local");
        report.images = {{QStringLiteral("todo-chatbot:abc1234"), 42}};
        ProbeSummary probe;
        for (int ms = 1; ms <= 100; ++ms) probe.overall.record(ms * 1000);
        report.probe = probe;
        VerdictInput input;
        input.latencyP95Ms = probe.overallStats().p95Ms;
        report.verdict = evaluateVerdict(input);

        const auto record = recordFromReport(report);
        QCOMPARE(record.time, report.finishedAt);
        QCOMPARE(record.gitRevision, QStringLiteral("abc1234"));
        QCOMPARE(record.images.size(), 1);
        QVERIFY(record.p50Ms && *record.p50Ms >= 50.0 && *record.p50Ms < 51.0);
        QVERIFY(record.p99Ms && *record.p99Ms >= 99.0 && *record.p99Ms <= 100.0);
        QCOMPARE(record.verdict, CheckStatus::Pass);

        report.probe.reset();
        report.verdict.reset();
        const auto bare = recordFromReport(report);
        QVERIFY(!bare.p95Ms);
        QCOMPARE(bare.verdict, CheckStatus::Unknown);
    }

    void unwritableDirectory() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A regular file where the directory should be.
        const QString blocker = dir.filePath(QStringLiteral("blocker"));
        appendRaw(blocker, "x");
        QString error;
        QVERIFY(!RunHistory(blocker).append(makeRecord(1), &error));
        QVERIFY2(error.contains(blocker), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "test_run_history.moc"
