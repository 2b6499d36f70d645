// LiveLatencySeries: per-second percentiles, errors, the bounded window, recent stats.

#include <QtTest>

#include "ui/live_latency_series.hpp"
#include "ui/step_rail.hpp"
#include "ui_test_support.hpp"

using helmdeck::core::ProbeSample;
using helmdeck::ui::LiveLatencySeries;

namespace {
ProbeSample ok(qint64 ms) {
    return ProbeSample{0, ms * 1000, QStringLiteral("/api/health"), 200, true};
}
ProbeSample error() {
    return ProbeSample{0, 0, QStringLiteral("/api/health"), 0, false};
}
}  // namespace

class TestLiveLatencySeries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupsSamplesPerSecond() {
        LiveLatencySeries series;
        for (int ms = 1; ms <= 100; ++ms) series.addAt(0.5, ok(ms));
        series.addAt(1.2, ok(7));
        series.addAt(1.3, error());
        const auto points = series.points();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].count, 100);
        QCOMPARE(points[0].p50Ms, 50.0);
        QCOMPARE(points[0].p95Ms, 95.0);
        QCOMPARE(points[0].p99Ms, 99.0);
        QCOMPARE(points[1].count, 1);
        QCOMPARE(points[1].errors, 1);
        QCOMPARE(series.total().count(), quint64(101));
        QCOMPARE(series.total().errors(), quint64(1));
    }

    void p99StandsApartFromP95AtTenRequestsASecond() {
        // At 10/s a second's p95 and p99 are the same (the 10th) sample: the bug this avoids.
        LiveLatencySeries series;
        for (int second = 0; second < 10; ++second)
            for (int i = 1; i <= 10; ++i) series.addAt(second + i / 20.0, ok(second * 10 + i));
        const auto last = series.points().constLast();
        QCOMPARE(last.count, 10);
        QCOMPARE(last.p95Ms, 100.0);  // the second's largest
        QCOMPARE(last.p99Ms, 99.0);   // the 99th of the last 100
        const auto first = series.points().constFirst();
        QCOMPARE(first.p99Ms, 10.0);  // a window holds only what came before
    }

    void keepsABoundedWindow() {
        LiveLatencySeries series(60);
        for (int second = 0; second < 1000; ++second) series.addAt(second, ok(3));
        const auto points = series.points();
        QVERIFY(points.size() <= 61);
        QCOMPARE(points.constLast().seconds, 999.0);
        QCOMPARE(series.total().count(), quint64(1000));  // the histogram keeps every sample
    }

    void revisionBumpsOnChange() {
        LiveLatencySeries series;
        const quint64 before = series.revision();
        series.add(ok(1));
        QVERIFY(series.revision() != before);
        series.clear();
        QVERIFY(series.points().isEmpty());
        QCOMPARE(series.total().count(), quint64(0));
    }

    void recentCountsTheLastSeconds() {
        LiveLatencySeries series;
        series.add(ok(5));
        series.add(error());
        const auto stats = series.recent(5);
        QCOMPARE(stats.count, quint64(1));
        QCOMPARE(stats.errors, quint64(1));
    }

    void formatsDurations_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(850) << QStringLiteral("850 ms");
        QTest::newRow("s") << qint64(2400) << QStringLiteral("2.4 s");
        QTest::newRow("min") << qint64(65000) << QStringLiteral("1 min 5 s");
    }
    void formatsDurations() {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(helmdeck::ui::StepRail::formatDuration(ms), text);
    }
};

QTEST_MAIN(TestLiveLatencySeries)
#include "test_live_latency_series.moc"
