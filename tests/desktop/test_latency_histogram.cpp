// The latency histogram against known distributions, and the Prometheus text parser and
// quantile estimate the probe uses for the server-side view.

#include <QTest>
#include <cmath>
#include <limits>

#include "core/latency_histogram.hpp"
#include "core/prometheus_text.hpp"

using helmdeck::core::LatencyHistogram;
namespace prom = helmdeck::core::prometheus;

namespace {

/// True when `reported` is the bucket bound for `exact`: never below it, under 2 % above.
bool withinBucketError(qint64 reported, qint64 exact) {
    if (exact < LatencyHistogram::kLowestUs) return reported <= LatencyHistogram::kLowestUs;
    return reported >= exact && double(reported) < double(exact) * LatencyHistogram::kGrowth;
}

}  // namespace

class TestLatencyHistogram : public QObject {
    Q_OBJECT

private slots:
    void bucketLayout() {
        const auto& bounds = LatencyHistogram::upperBounds();
        QCOMPARE(bounds.front(), LatencyHistogram::kLowestUs);
        QCOMPARE(bounds.back(), LatencyHistogram::kHighestUs);
        QVERIFY(bounds.size() > 500 && bounds.size() < 1000);
        for (std::size_t i = 1; i < bounds.size(); ++i) {
            QVERIFY(bounds[i] > bounds[i - 1]);
            // The smallest value of bucket i is bounds[i-1] + 1: the error bound holds there.
            QVERIFY2(double(bounds[i]) < double(bounds[i - 1] + 1) * LatencyHistogram::kGrowth,
                     qPrintable(QString::number(bounds[i])));
        }
    }

    void empty() {
        LatencyHistogram histogram;
        QCOMPARE(histogram.count(), 0u);
        QCOMPARE(histogram.p50(), 0);
        QCOMPARE(histogram.percentile(100), 0);
        QCOMPARE(histogram.max(), 0);
        QCOMPARE(histogram.min(), 0);
        QCOMPARE(histogram.mean(), 0.0);
        QVERIFY(histogram.buckets().isEmpty());
    }

    void singleValue_data() {
        QTest::addColumn<qint64>("micros");
        QTest::newRow("zero") << qint64(0);
        QTest::newRow("below the lowest bucket") << qint64(3);
        QTest::newRow("1 ms") << qint64(1000);
        QTest::newRow("1.234567 s") << qint64(1'234'567);
        QTest::newRow("above the highest bucket") << qint64(90'000'000);
    }
    void singleValue() {
        QFETCH(qint64, micros);
        LatencyHistogram histogram;
        histogram.record(micros);
        // One value: every percentile is clamped to [min, max], so all are exact.
        for (const double p : {0.0, 1.0, 50.0, 99.9, 100.0})
            QCOMPARE(histogram.percentile(p), micros);
        QCOMPARE(histogram.count(), 1u);
        QCOMPARE(histogram.buckets().size(), 1);
        QCOMPARE(histogram.buckets().first().count, 1u);
    }

    void constant() {
        LatencyHistogram histogram;
        for (int i = 0; i < 10'000; ++i) histogram.record(4321);
        QCOMPARE(histogram.p50(), 4321);
        QCOMPARE(histogram.p99(), 4321);
        QCOMPARE(histogram.min(), 4321);
        QCOMPARE(histogram.mean(), 4321.0);
    }

    void uniform_data() {
        QTest::addColumn<double>("p");
        QTest::addColumn<qint64>("exact");  // nearest rank over 1..1000 ms
        QTest::newRow("p1") << 1.0 << qint64(10'000);
        QTest::newRow("p50") << 50.0 << qint64(500'000);
        QTest::newRow("p90") << 90.0 << qint64(900'000);
        QTest::newRow("p95") << 95.0 << qint64(950'000);
        QTest::newRow("p99") << 99.0 << qint64(990'000);
        QTest::newRow("p99.9") << 99.9 << qint64(999'000);
    }
    void uniform() {
        QFETCH(double, p);
        QFETCH(qint64, exact);
        LatencyHistogram histogram;
        for (int ms = 1; ms <= 1000; ++ms) histogram.record(qint64(ms) * 1000);
        const qint64 reported = histogram.percentile(p);
        QVERIFY2(withinBucketError(reported, exact),
                 qPrintable(QStringLiteral("p%1 = %2, exact %3").arg(p).arg(reported).arg(exact)));
        QCOMPARE(histogram.percentile(100), 1'000'000);  // p100 is max, exactly
        QCOMPARE(histogram.percentile(0), 1000);
        QCOMPARE(histogram.mean(), 500'500.0);
    }

    void bimodal() {
        // 90 % fast (2 ms), 10 % slow (800 ms): p50 and p90 are fast, p95 and p99 slow.
        LatencyHistogram histogram;
        for (int i = 0; i < 900; ++i) histogram.record(2000);
        for (int i = 0; i < 100; ++i) histogram.record(800'000);
        QVERIFY(withinBucketError(histogram.p50(), 2000));
        QVERIFY(withinBucketError(histogram.percentile(90), 2000));
        QCOMPARE(histogram.p95(), 800'000);  // clamped to max
        QCOMPARE(histogram.p99(), 800'000);
        const auto buckets = histogram.buckets();
        QCOMPARE(buckets.size(), 2);
        QCOMPARE(buckets[0].count, 900u);
        QCOMPARE(buckets[1].count, 100u);
        QVERIFY(buckets[0].lowerUs < 2000 && 2000 <= buckets[0].upperUs);
        QVERIFY(buckets[1].lowerUs < 800'000 && 800'000 <= buckets[1].upperUs);
    }

    void everyValueWithinBucketError() {
        // Exhaustive over a range that crosses many bucket boundaries.
        for (qint64 v = 1; v <= 200'000; v += 7) {
            LatencyHistogram histogram;
            histogram.record(v);
            histogram.record(v + 1'000'000'000);  // so p50 is not clamped to max
            QVERIFY2(withinBucketError(histogram.percentile(50), v),
                     qPrintable(QString::number(v)));
        }
    }

    void mergeAndErrors() {
        LatencyHistogram fast;
        LatencyHistogram slow;
        LatencyHistogram both;
        for (int i = 1; i <= 500; ++i) {
            fast.record(i * 100);
            both.record(i * 100);
        }
        for (int i = 1; i <= 500; ++i) {
            slow.record(i * 10'000);
            both.record(i * 10'000);
        }
        fast.recordError();
        slow.recordError();
        slow.recordError();
        LatencyHistogram merged;
        merged.merge(fast);
        merged.merge(slow);
        QCOMPARE(merged.count(), 1000u);
        QCOMPARE(merged.errors(), 3u);
        QCOMPARE(merged.min(), 100);
        QCOMPARE(merged.max(), 5'000'000);
        for (const double p : {10.0, 50.0, 75.0, 95.0, 99.0, 100.0})
            QCOMPARE(merged.percentile(p), both.percentile(p));
        QCOMPARE(merged.mean(), both.mean());

        merged.reset();
        QCOMPARE(merged.count(), 0u);
        QCOMPARE(merged.errors(), 0u);
        QCOMPARE(merged.p99(), 0);
    }

    void negativeCountsAsZero() {
        LatencyHistogram histogram;
        histogram.record(-5);
        QCOMPARE(histogram.min(), 0);
        QCOMPARE(histogram.max(), 0);
    }

    // --- Prometheus text exposition ---------------------------------------------------------

    void parseExposition() {
        const QByteArray text =
            "# HELP todo_http_requests_total HTTP requests answered.\\nSecond line.\n"
            "# TYPE todo_http_requests_total counter\n"
            "# just a comment\n"
            "todo_http_requests_total{method=\"GET\",route=\"/api/health\",status=\"200\"} 41\n"
            "todo_http_requests_total{method=\"POST\",route=\"/api/{user_id}/"
            "chat\",status=\"200\",} "
            "7 1700000000000\n"
            "\n"
            "weird{path=\"a\\\\b\\\"c\\nd\"} -1.5e3\r\n"
            "up +Inf\n"
            "down NaN\n"
            "  spaced_out   {  a = \"1\" , b=\"2\" }   3  \n";
        const auto parsed = prom::parse(text);
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(u'\n')));
        QCOMPARE(parsed.samples.size(), 6);
        QCOMPARE(parsed.types.value(QStringLiteral("todo_http_requests_total")),
                 QStringLiteral("counter"));
        QCOMPARE(parsed.help.value(QStringLiteral("todo_http_requests_total")),
                 QStringLiteral("HTTP requests answered.\nSecond line."));
        const auto& chat = parsed.samples[1];
        QCOMPARE(chat.labels.value(QStringLiteral("route")), QStringLiteral("/api/{user_id}/chat"));
        QCOMPARE(chat.value, 7.0);
        QCOMPARE(chat.timestampMs, std::optional<qint64>(1700000000000));
        QCOMPARE(parsed.samples[2].labels.value(QStringLiteral("path")),
                 QStringLiteral("a\\b\"c\nd"));
        QCOMPARE(parsed.samples[2].value, -1500.0);
        QVERIFY(std::isinf(parsed.samples[3].value));
        QVERIFY(std::isnan(parsed.samples[4].value));
        QCOMPARE(parsed.samples[5].labels.value(QStringLiteral("b")), QStringLiteral("2"));
        QCOMPARE(parsed.samples[5].value, 3.0);
    }

    void parseErrors_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("no value") << QByteArray("metric");
        QTest::newRow("bad value") << QByteArray("metric abc");
        QTest::newRow("unterminated labels") << QByteArray("metric{a=\"1\" 3");
        QTest::newRow("unquoted label") << QByteArray("metric{a=1} 3");
        QTest::newRow("unterminated quote") << QByteArray("metric{a=\"1} 3");
        QTest::newRow("bad timestamp") << QByteArray("metric 3 soon");
        QTest::newRow("no name") << QByteArray("{a=\"1\"} 3");
    }
    void parseErrors() {
        QFETCH(QByteArray, line);
        const auto parsed = prom::parse("good 1\n" + line + "\nalso_good 2\n");
        QCOMPARE(parsed.samples.size(), 2);  // the bad line is skipped, not fatal
        QCOMPARE(parsed.errors.size(), 1);
        QVERIFY2(parsed.errors.first().startsWith(QStringLiteral("line 2:")),
                 qPrintable(parsed.errors.first()));
    }

    void sumOverFilters() {
        const auto parsed = prom::parse(
            "req{method=\"GET\",route=\"/a\",status=\"200\"} 5\n"
            "req{method=\"GET\",route=\"/a\",status=\"500\"} 2\n"
            "req{method=\"POST\",route=\"/b\",status=\"200\"} 3\n"
            "other{method=\"GET\"} 100\n");
        QCOMPARE(prom::sum(parsed.samples, QStringLiteral("req")), 10.0);
        QCOMPARE(prom::sum(parsed.samples, QStringLiteral("req"),
                           {{QStringLiteral("method"), {QStringLiteral("GET")}}}),
                 7.0);
        QCOMPARE(
            prom::sum(parsed.samples, QStringLiteral("req"),
                      {{QStringLiteral("status"), {QStringLiteral("200")}},
                       {QStringLiteral("route"), {QStringLiteral("/a"), QStringLiteral("/b")}}}),
            8.0);
        QCOMPARE(prom::sum(parsed.samples, QStringLiteral("req"),
                           {{QStringLiteral("nope"), {QStringLiteral("x")}}}),
                 0.0);
    }

    void histogramQuantile_data() {
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // 100 observations: 10 ≤ 0.1, 60 ≤ 0.5 (50 in (0.1, 0.5]), 90 ≤ 1, 100 ≤ +Inf.
        QTest::newRow("p5 in the first bucket, from 0") << 0.05 << 0.05;
        QTest::newRow("p10 at a boundary") << 0.10 << 0.1;
        QTest::newRow("p35 interpolated") << 0.35 << 0.3;
        QTest::newRow("p75 interpolated") << 0.75 << 0.75;
        QTest::newRow("p95 in +Inf → highest finite bound") << 0.95 << 1.0;
        QTest::newRow("q above 1 clamps") << 1.5 << 1.0;
    }
    void histogramQuantile() {
        QFETCH(double, q);
        QFETCH(double, expected);
        const auto parsed = prom::parse(
            "lat_bucket{route=\"/a\",le=\"0.1\"} 6\n"
            "lat_bucket{route=\"/a\",le=\"0.5\"} 36\n"
            "lat_bucket{route=\"/a\",le=\"1\"} 54\n"
            "lat_bucket{route=\"/a\",le=\"+Inf\"} 60\n"
            "lat_bucket{route=\"/b\",le=\"0.1\"} 4\n"
            "lat_bucket{route=\"/b\",le=\"0.5\"} 24\n"
            "lat_bucket{route=\"/b\",le=\"1\"} 36\n"
            "lat_bucket{route=\"/b\",le=\"+Inf\"} 40\n"
            "lat_sum{route=\"/a\"} 1\n");
        const auto buckets = prom::buckets(parsed.samples, QStringLiteral("lat"));
        QCOMPARE(buckets.size(), 4);  // summed over both routes
        QCOMPARE(buckets.last().count, 100.0);
        const auto estimate = prom::histogramQuantile(q, buckets);
        QVERIFY(estimate.has_value());
        QVERIFY2(std::abs(*estimate - expected) < 1e-9, qPrintable(QString::number(*estimate)));
    }

    void histogramQuantileEdges() {
        const double inf = std::numeric_limits<double>::infinity();
        QVERIFY(!prom::histogramQuantile(0.5, {}));
        QVERIFY(!prom::histogramQuantile(0.5, {{inf, 10}}));               // one bucket
        QVERIFY(!prom::histogramQuantile(0.5, {{1, 5}, {2, 10}}));         // no +Inf
        QVERIFY(!prom::histogramQuantile(0.5, {{1, 0}, {inf, 0}}));        // no observations
        QCOMPARE(*prom::histogramQuantile(0.5, {{inf, 4}, {2, 4}}), 1.0);  // sorted first
    }

    void windowDifference() {
        const double inf = std::numeric_limits<double>::infinity();
        const QList<prom::BucketCount> before{{0.1, 5}, {1, 8}, {inf, 8}};
        const QList<prom::BucketCount> after{{0.01, 1}, {0.1, 15}, {1, 28}, {inf, 30}};
        const QList<prom::BucketCount> expected{{0.01, 1}, {0.1, 10}, {1, 20}, {inf, 22}};
        QCOMPARE(prom::difference(after, before), expected);
    }

    void routeMatching_data() {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::newRow("literal") << "/api/health"
                                 << "/api/health" << true;
        QTest::newRow("parameter") << "/api/{user_id}/chat"
                                   << "/api/alice/chat" << true;
        QTest::newRow("query ignored") << "/api/{user_id}/tasks"
                                       << "/api/bob/tasks?x=1" << true;
        QTest::newRow("different literal") << "/api/ready"
                                           << "/api/health" << false;
        QTest::newRow("different depth") << "/api/{user_id}/tasks"
                                         << "/api/bob/tasks/3" << false;
        QTest::newRow("empty parameter") << "/api/{user_id}/chat"
                                         << "/api//chat" << false;
    }
    void routeMatching() {
        QFETCH(QString, route);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(prom::routeMatchesPath(route, path), matches);
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "test_latency_histogram.moc"
