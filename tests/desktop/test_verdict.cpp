// The SLO verdict per budget, and the JSON and Markdown run reports built on it.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "core/run_report.hpp"
#include "core/verdict.hpp"

using namespace helmdeck::core;

namespace {

using ImageSizes = QMap<QString, qint64>;

RunReport sampleReport() {
    RunReport report;
    report.startedAt = QDateTime(QDate(2026, 11, 27), QTime(14, 0, 0), Qt::UTC);
    report.finishedAt = report.startedAt.addMSecs(83'500);
    report.gitRevision = QStringLiteral("3f2a1c9");
    report.target = QStringLiteral("local");
    report.steps = {{QStringLiteral("build"), QStringLiteral("ok"), 61'000, {}},
                    {QStringLiteral("deploy"), QStringLiteral("failed"), 1200,
                     QStringLiteral("helm exited with 1 | timed out")}};
    report.images = {{QStringLiteral("todo-chatbot:3f2a1c9"), 123'400'000}};

    ProbeSummary probe;
    probe.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    probe.rateHz = 50;
    probe.durationMs = 2000;
    probe.scheduled = 100;
    for (int i = 1; i <= 99; ++i) {
        probe.overall.record(i * 1000);
        probe.perPath[QStringLiteral("/api/health")].record(i * 1000);
    }
    probe.overall.recordError();
    probe.perPath[QStringLiteral("/api/health")].recordError();
    probe.statusCounts = {{QStringLiteral("200"), 99}, {QStringLiteral("timeout"), 1}};
    probe.server.available = true;
    probe.server.p95Ms = 4.5;
    probe.server.routes = {{QStringLiteral("GET"),
                            QStringLiteral("/api/health"),
                            {{200, 99}},
                            1.5,
                            4.5,
                            std::nullopt}};
    report.probe = probe;

    VerdictInput input;
    input.latencyP95Ms = probe.overallStats().p95Ms;
    input.probeRequests = probe.scheduled;
    input.probeErrors = probe.overall.errors();
    input.imageBytes = {{QStringLiteral("todo-chatbot:3f2a1c9"), 123'400'000}};
    report.verdict = evaluateVerdict(input);
    return report;
}

}  // namespace

class TestVerdict : public QObject {
    Q_OBJECT

private slots:
    void overall_data() {
        QTest::addColumn<std::optional<double>>("p95");
        QTest::addColumn<ImageSizes>("images");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("reason");

        const ImageSizes small{{QStringLiteral("todo-chatbot:abc"), 80'000'000}};
        const ImageSizes large{{QStringLiteral("todo-chatbot:abc"), 612'000'000}};
        QTest::newRow("all within") << std::optional(350.0) << small << "pass"
                                    << "all 2 budgets met";
        QTest::newRow("no images") << std::optional(350.0) << ImageSizes{} << "pass"
                                   << "all 1 budgets met";
        QTest::newRow("exactly at budget passes") << std::optional(2000.0) << small << "pass"
                                                  << "all 2 budgets met";
        QTest::newRow("latency breach") << std::optional(2300.0) << small << "fail"
                                        << "latency p95 2300 ms exceeds the 2000 ms budget";
        QTest::newRow("image breach") << std::optional(350.0) << large << "fail"
                                      << "image todo-chatbot:abc 612 MB exceeds the 500 MB budget";
        QTest::newRow("both breached, both named")
            << std::optional(2300.0) << large << "fail"
            << "latency p95 2300 ms exceeds the 2000 ms budget; "
               "image todo-chatbot:abc 612 MB exceeds the 500 MB budget";
        QTest::newRow("latency missing") << std::optional<double>() << small << "unknown"
                                         << "latency p95 was not measured";
        QTest::newRow("fail beats unknown")
            << std::optional<double>() << large << "fail"
            << "image todo-chatbot:abc 612 MB exceeds the 500 MB budget";
        QTest::newRow("image size unknown")
            << std::optional(350.0) << ImageSizes{{QStringLiteral("todo-chatbot:abc"), -1}}
            << "unknown"
            << "image todo-chatbot:abc was not measured";
    }
    void overall() {
        QFETCH(std::optional<double>, p95);
        QFETCH(ImageSizes, images);
        QFETCH(QString, expected);
        QFETCH(QString, reason);
        VerdictInput input;
        input.latencyP95Ms = p95;
        input.imageBytes = images;
        const auto verdict = evaluateVerdict(input);
        QCOMPARE(checkStatusName(verdict.overall), expected);
        QCOMPARE(verdict.reason, reason);
        QCOMPARE(verdict.checks.size(), 1 + images.size());
        QCOMPARE(verdict.checks.first().name, QStringLiteral("latency p95"));
        QCOMPARE(verdict.checks.first().budget, 2000.0);
    }

    void checkRows() {
        VerdictInput input;
        input.latencyP95Ms = 12.25;
        input.imageBytes = {{QStringLiteral("a:1"), 499'000'000},
                            {QStringLiteral("b:2"), 501'000'000}};
        input.budgets.latencyP95Ms = 10;
        const auto verdict = evaluateVerdict(input);
        QCOMPARE(verdict.checks.size(), 3);
        QCOMPARE(verdict.checks[0].status, CheckStatus::Fail);
        QCOMPARE(verdict.checks[0].measured, std::optional(12.25));
        QCOMPARE(verdict.checks[0].unit, QStringLiteral("ms"));
        QCOMPARE(verdict.checks[0].reason,
                 QStringLiteral("latency p95 12.25 ms exceeds the 10 ms budget"));
        QCOMPARE(verdict.checks[1].name, QStringLiteral("image a:1"));
        QCOMPARE(verdict.checks[1].status, CheckStatus::Pass);
        QCOMPARE(verdict.checks[1].measured, std::optional(499.0));
        QCOMPARE(verdict.checks[2].status, CheckStatus::Fail);
        QCOMPARE(verdict.checks[2].budget, 500.0);
    }

    void impossibleBudget() {
        // slo.latencyP95Ms: 0 must fail with the breach named (the CLI exits 1 on it).
        VerdictInput input;
        input.latencyP95Ms = 0.8;
        input.budgets.latencyP95Ms = 0;
        const auto verdict = evaluateVerdict(input);
        QCOMPARE(verdict.overall, CheckStatus::Fail);
        QCOMPARE(verdict.reason, QStringLiteral("latency p95 0.8 ms exceeds the 0 ms budget"));
    }

    void probeErrors_data() {
        QTest::addColumn<quint64>("requests");
        QTest::addColumn<quint64>("errors");
        QTest::addColumn<double>("budgetPercent");
        QTest::addColumn<CheckStatus>("expected");
        QTest::newRow("none failed") << quint64(100) << quint64(0) << 0.0 << CheckStatus::Pass;
        QTest::newRow("one failed, none allowed")
            << quint64(100) << quint64(1) << 0.0 << CheckStatus::Fail;
        QTest::newRow("one failed, 1 % allowed")
            << quint64(100) << quint64(1) << 1.0 << CheckStatus::Pass;
        QTest::newRow("nothing sent") << quint64(0) << quint64(0) << 0.0 << CheckStatus::Unknown;
    }
    void probeErrors() {
        QFETCH(quint64, requests);
        QFETCH(quint64, errors);
        QFETCH(double, budgetPercent);
        QFETCH(CheckStatus, expected);
        VerdictInput input;
        input.latencyP95Ms = 5;
        input.probeRequests = requests;
        input.probeErrors = errors;
        input.budgets.probeErrorPercent = budgetPercent;
        const auto verdict = evaluateVerdict(input);
        QCOMPARE(verdict.checks.size(), 2);
        QCOMPARE(verdict.checks[1].name, QStringLiteral("probe errors"));
        QCOMPARE(verdict.checks[1].status, expected);
        QCOMPARE(verdict.overall, expected);
    }

    void noChecksIsUnknown() {
        // The latency check is always present, so "nothing measured" is unknown, never pass.
        const auto verdict = evaluateVerdict({});
        QCOMPARE(verdict.overall, CheckStatus::Unknown);
    }

    void statusStrings() {
        for (const auto status : {CheckStatus::Pass, CheckStatus::Fail, CheckStatus::Unknown})
            QCOMPARE(checkStatusFromString(checkStatusName(status)), std::optional(status));
        QVERIFY(!checkStatusFromString(QStringLiteral("PASS")));
    }

    // --- reports ----------------------------------------------------------------------------

    void reportJson() {
        const auto report = sampleReport();
        const auto text = toJsonText(report);
        QVERIFY(text.endsWith('\n'));
        QJsonParseError error;
        const auto json = QJsonDocument::fromJson(text, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json[u"schema"].toString(), QStringLiteral("helmdeck.report/v1"));
        QCOMPARE(json[u"startedAt"].toString(), QStringLiteral("2026-11-27T14:00:00.000Z"));
        QCOMPARE(json[u"gitRevision"].toString(), QStringLiteral("3f2a1c9"));
        QCOMPARE(json[u"target"].toString(), QStringLiteral("local"));
        QCOMPARE(json[u"steps"].toArray().size(), 2);
        QCOMPARE(json[u"steps"][1][u"status"].toString(), QStringLiteral("failed"));
        QCOMPARE(json[u"steps"][1][u"durationMs"].toInteger(), 1200);
        QCOMPARE(json[u"images"][0][u"bytes"].toInteger(), 123'400'000);

        const auto probe = json[u"probe"].toObject();
        QCOMPARE(probe[u"scheduled"].toInteger(), 100);
        QCOMPARE(probe[u"overall"][u"count"].toInteger(), 99);
        QCOMPARE(probe[u"overall"][u"errors"].toInteger(), 1);
        QCOMPARE(probe[u"overall"][u"maxMs"].toDouble(), 99.0);
        QVERIFY(probe[u"overall"][u"p95Ms"].toDouble() >= 95.0);
        QCOMPARE(probe[u"paths"][u"/api/health"][u"count"].toInteger(), 99);
        QCOMPARE(probe[u"statusCounts"][u"timeout"].toInteger(), 1);
        QVERIFY(!probe[u"histogram"].toArray().isEmpty());
        const auto server = probe[u"server"].toObject();
        QCOMPARE(server[u"available"].toBool(), true);
        QCOMPARE(server[u"p95Ms"].toDouble(), 4.5);
        QVERIFY(server[u"p99Ms"].isNull());
        QCOMPARE(server[u"routes"][0][u"byStatus"][u"200"].toInteger(), 99);
        QVERIFY(server[u"routes"][0][u"p99Ms"].isNull());

        const auto verdict = json[u"verdict"].toObject();
        QCOMPARE(verdict[u"overall"].toString(), QStringLiteral("fail"));  // one error, 0 allowed
        QCOMPARE(verdict[u"checks"].toArray().size(), 3);
        QCOMPARE(verdict[u"checks"][1][u"name"].toString(), QStringLiteral("probe errors"));
        QCOMPARE(verdict[u"checks"][1][u"measured"].toDouble(), 1.0);
        QCOMPARE(verdict[u"checks"][1][u"status"].toString(), QStringLiteral("fail"));
    }

    void reportJsonWithoutProbe() {
        RunReport report;
        report.target = QStringLiteral("docker");
        const auto json = toJson(report);
        QVERIFY(json[u"probe"].isNull());
        QVERIFY(json[u"verdict"].isNull());
        QVERIFY(json[u"startedAt"].isNull());
        QCOMPARE(json[u"steps"].toArray().size(), 0);
    }

    void reportMarkdown() {
        const QString markdown = toMarkdown(sampleReport());
        QVERIFY(markdown.startsWith(QStringLiteral("# Helmdeck run report\n")));
        QVERIFY(
            markdown.contains(QStringLiteral("**Verdict: FAIL** — probe errors 1 % exceeds "
                                             "the 0 % budget")));
        QVERIFY(markdown.contains(QStringLiteral("| Git revision | 3f2a1c9 |")));
        QVERIFY(markdown.contains(QStringLiteral("| Wall time | 83.5 s |")));
        QVERIFY(markdown.contains(QStringLiteral("| build | ok | 61 s |  |")));
        // A pipe inside a cell is escaped so the table keeps its columns.
        QVERIFY(
            markdown.contains(QStringLiteral("| deploy | failed | 1.2 s | helm exited with 1 "
                                             "\\| timed out |")));
        QVERIFY(markdown.contains(QStringLiteral("| todo-chatbot:3f2a1c9 | 123 MB |")));
        QVERIFY(markdown.contains(QStringLiteral("| /api/health | 100 | 1 | ")));
        QVERIFY(markdown.contains(
            QStringLiteral("| GET /api/health | 99 × 200 | 1.5 ms | 4.5 ms | – |")));
        QVERIFY(markdown.contains(QStringLiteral("| latency p95 | ")));
        QVERIFY(markdown.contains(
            QStringLiteral("| image todo-chatbot:3f2a1c9 | 123 MB | 500 MB | pass |")));
    }

    void formatting_data() {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << qint64(512) << "512 B";
        QTest::newRow("kB") << qint64(1500) << "1.5 kB";
        QTest::newRow("MB") << qint64(312'400'000) << "312 MB";
        QTest::newRow("GB") << qint64(2'100'000'000) << "2.1 GB";
        QTest::newRow("unknown") << qint64(-1) << "unknown";
    }
    void formatting() {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(formatBytes(bytes), text);
    }
};

QTEST_GUILESS_MAIN(TestVerdict)
#include "test_verdict.moc"
