// Prometheus text exposition: families, histogram buckets, escaping and thread safety.

#include <QtTest>
#include <thread>

#include "chatbot/telemetry/metrics.hpp"

using todo::telemetry::Histogram;
using todo::telemetry::Metrics;

namespace {

QStringList lines_of(const std::string& text) {
    return QString::fromStdString(text).split('\n', Qt::SkipEmptyParts);
}

/// The value of the one sample line that starts with `series` followed by a space.
QString sample(const std::string& text, const QString& series) {
    QString found;
    int matches = 0;
    for (const auto& line : lines_of(text)) {
        if (line.startsWith(series + ' ')) {
            found = line.mid(series.size() + 1);
            ++matches;
        }
    }
    return matches == 1 ? found : QStringLiteral("<%1 matches>").arg(matches);
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private slots:
    void histogramCountsAreCumulative() {
        Histogram histogram({0.1, 0.5, 1.0});
        for (const double value : {0.05, 0.1, 0.3, 0.7, 2.0, 3.0}) histogram.observe(value);
        const std::vector<std::uint64_t> expected = {2, 3, 4, 6};  // le=0.1 is inclusive
        QCOMPARE(histogram.cumulative_counts(), expected);
        QCOMPARE(histogram.count(), std::uint64_t{6});
        QVERIFY(qFuzzyCompare(histogram.sum(), 6.15));
    }

    void emptyHistogram() {
        Histogram histogram({1.0});
        QCOMPARE(histogram.cumulative_counts(), (std::vector<std::uint64_t>{0, 0}));
        QCOMPARE(histogram.sum(), 0.0);
    }

    void everyFamilyHasHelpAndType() {
        Metrics metrics;
        const auto text = metrics.render_prometheus();
        const QStringList families = {
            "todo_http_requests_total counter",
            "todo_http_request_duration_seconds histogram",
            "todo_http_requests_in_flight gauge",
            "todo_tool_calls_total counter",
            "todo_store_query_duration_seconds histogram",
            "todo_llm_fallbacks_total counter",
            "process_start_time_seconds gauge",
            "process_resident_memory_bytes gauge",
        };
        const auto lines = lines_of(text);
        for (const auto& family : families) {
            const auto name = family.section(' ', 0, 0);
            QVERIFY2(lines.contains("# TYPE " + family), qPrintable(family));
            QVERIFY2(
                std::any_of(lines.begin(), lines.end(),
                            [&](const QString& l) { return l.startsWith("# HELP " + name + ' '); }),
                qPrintable(name));
        }
        QVERIFY(text.back() == '\n');
        QCOMPARE(sample(text, "todo_http_requests_in_flight"), QStringLiteral("0"));
        QCOMPARE(sample(text, "todo_llm_fallbacks_total"), QStringLiteral("0"));
        QVERIFY(sample(text, "process_resident_memory_bytes").toDouble() > 1024 * 1024);
        const double start = sample(text, "process_start_time_seconds").toDouble();
        const double now = QDateTime::currentMSecsSinceEpoch() / 1000.0;
        QVERIFY(start > now - 60 && start <= now + 1);
    }

    void requestsRenderAsCounterAndHistogram() {
        Metrics metrics;
        metrics.observe_request("GET", "/api/{user_id}/tasks", 200, 0.0007);
        metrics.observe_request("GET", "/api/{user_id}/tasks", 200, 0.02);
        metrics.observe_request("GET", "/api/{user_id}/tasks", 200, 7.0);
        metrics.observe_request("POST", "/api/{user_id}/chat", 422, 0.003);
        const auto text = metrics.render_prometheus();

        const QString tasks = R"(method="GET",route="/api/{user_id}/tasks",status="200")";
        QCOMPARE(sample(text, "todo_http_requests_total{" + tasks + "}"), QStringLiteral("3"));
        QCOMPARE(
            sample(
                text,
                R"(todo_http_requests_total{method="POST",route="/api/{user_id}/chat",status="422"})"),
            QStringLiteral("1"));
        const QString bucket = "todo_http_request_duration_seconds_bucket{" + tasks + ",le=\"%1\"}";
        QCOMPARE(sample(text, bucket.arg("0.0005")), QStringLiteral("0"));
        QCOMPARE(sample(text, bucket.arg("0.001")), QStringLiteral("1"));
        QCOMPARE(sample(text, bucket.arg("0.025")), QStringLiteral("2"));
        QCOMPARE(sample(text, bucket.arg("5")), QStringLiteral("2"));
        QCOMPARE(sample(text, bucket.arg("+Inf")), QStringLiteral("3"));
        QCOMPARE(sample(text, "todo_http_request_duration_seconds_count{" + tasks + "}"),
                 QStringLiteral("3"));
        QVERIFY(qFuzzyCompare(
            sample(text, "todo_http_request_duration_seconds_sum{" + tasks + "}").toDouble(),
            7.0207));

        // Buckets come in increasing order, +Inf last.
        QStringList les;
        for (const auto& line : lines_of(text)) {
            if (line.startsWith("todo_http_request_duration_seconds_bucket{" + tasks))
                les << line.section("le=\"", 1).section('"', 0, 0);
        }
        QCOMPARE(les.size(), int(Metrics::request_buckets().size()) + 1);
        QCOMPARE(les.last(), QStringLiteral("+Inf"));
        for (int i = 1; i + 1 < les.size(); ++i) QVERIFY(les[i - 1].toDouble() < les[i].toDouble());
    }

    void toolCallsStoreQueriesAndFallbacks() {
        Metrics metrics;
        metrics.count_tool_call("add_task", true);
        metrics.count_tool_call("add_task", true);
        metrics.count_tool_call("complete_task", false);
        metrics.observe_store_query("list_tasks", 0.0002);
        metrics.count_llm_fallback();
        metrics.request_started();
        metrics.request_started();
        metrics.request_finished();
        const auto text = metrics.render_prometheus();
        QCOMPARE(sample(text, R"(todo_tool_calls_total{tool="add_task",outcome="ok"})"),
                 QStringLiteral("2"));
        QCOMPARE(sample(text, R"(todo_tool_calls_total{tool="complete_task",outcome="error"})"),
                 QStringLiteral("1"));
        QCOMPARE(
            sample(
                text,
                R"(todo_store_query_duration_seconds_bucket{operation="list_tasks",le="0.0001"})"),
            QStringLiteral("0"));
        QCOMPARE(
            sample(
                text,
                R"(todo_store_query_duration_seconds_bucket{operation="list_tasks",le="0.00025"})"),
            QStringLiteral("1"));
        QCOMPARE(sample(text, R"(todo_store_query_duration_seconds_count{operation="list_tasks"})"),
                 QStringLiteral("1"));
        QCOMPARE(sample(text, "todo_llm_fallbacks_total"), QStringLiteral("1"));
        QCOMPARE(sample(text, "todo_http_requests_in_flight"), QStringLiteral("1"));
        QCOMPARE(metrics.in_flight(), std::int64_t{1});
    }

    void labelValuesAreEscaped_data() {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << "add_task"
                               << "add_task";
        QTest::newRow("quote") << "say \"hi\""
                               << R"(say \"hi\")";
        QTest::newRow("backslash") << R"(a\b)"
                                   << R"(a\\b)";
        QTest::newRow("newline") << "a\nb"
                                 << R"(a\nb)";
        QTest::newRow("all") << "\\\"\n"
                             << R"(\\\"\n)";
    }

    void labelValuesAreEscaped() {
        QFETCH(QString, raw);
        QFETCH(QString, escaped);
        QCOMPARE(QString::fromStdString(Metrics::escape_label_value(raw.toStdString())), escaped);

        Metrics metrics;
        metrics.count_tool_call(raw.toStdString(), true);
        const auto text = metrics.render_prometheus();
        QCOMPARE(sample(text, "todo_tool_calls_total{tool=\"" + escaped + "\",outcome=\"ok\"}"),
                 QStringLiteral("1"));
        for (const auto& line : lines_of(text)) QVERIFY(!line.isEmpty());  // no raw newline split
    }

    void concurrentRecordingAndRendering() {
        Metrics metrics;
        constexpr int kThreads = 4;
        constexpr int kPerThread = 2000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&metrics, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    metrics.observe_request("GET", "/r" + std::to_string(i % 3), 200, 0.001 * t);
                    metrics.count_tool_call("list_tasks", i % 2 == 0);
                    metrics.observe_store_query("q", 0.0001);
                    if (i % 100 == 0) (void)metrics.render_prometheus();
                }
            });
        }
        for (auto& thread : threads) thread.join();
        const auto text = metrics.render_prometheus();
        qint64 total = 0;
        for (int r = 0; r < 3; ++r)
            total +=
                sample(
                    text,
                    QString(R"(todo_http_requests_total{method="GET",route="/r%1",status="200"})")
                        .arg(r))
                    .toLongLong();
        QCOMPARE(total, qint64{kThreads * kPerThread});
        QCOMPARE(
            sample(text, R"(todo_store_query_duration_seconds_count{operation="q"})").toLongLong(),
            qint64{kThreads * kPerThread});
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
