// The latency probe against the real todo-chatbot: open-model counts, the backend's own
// /metrics agreeing with the client, and failure paths (dead port, silent server, stop()).

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include "core/latency_probe.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::core;
using helmdeck::testing::BackendProcess;
using helmdeck::testing::built_binary;
using helmdeck::testing::http_request;

namespace {

const QString kChatUser = QStringLiteral("probe-test");
const QString kHealthRoute = QStringLiteral("/api/health");
const QString kChatTarget = QStringLiteral("POST /api/probe-test/chat");

/// Accepts connections and never answers: every request through it times out.
class SilentServer : public QTcpServer {
public:
    SilentServer() {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (auto* socket = nextPendingConnection()) socket->setParent(this);
        });
    }
};

double counter(const QString& base, const QString& method, const QString& route, int status) {
    const auto reply = http_request("GET", base + QStringLiteral("/metrics"));
    if (reply.status != 200) return -1;
    return prometheus::sum(prometheus::parse(reply.body).samples,
                           QStringLiteral("todo_http_requests_total"),
                           {{QStringLiteral("method"), {method}},
                            {QStringLiteral("route"), {route}},
                            {QStringLiteral("status"), {QString::number(status)}}});
}

ProbeSummary runProbe(LatencyProbe& probe, const ProbeSettings& settings, int waitMs = 30000) {
    QSignalSpy finished(&probe, &LatencyProbe::finished);
    probe.start(settings);
    if (!finished.wait(waitMs)) return {};
    return finished.takeFirst().at(0).value<ProbeSummary>();
}

}  // namespace

class TestLatencyProbe : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        HELMDECK_REQUIRE(QFile::exists(built_binary(QStringLiteral("todo-chatbot"))),
                         "build/bin/todo-chatbot", "build it with ./dev build");
        backend_.environment().insert(QStringLiteral("DATABASE_URL"),
                                      QStringLiteral("sqlite::memory:"));
        backend_.environment().remove(QStringLiteral("AUTH_JWT_SECRET"));
        backend_.environment().remove(QStringLiteral("LLM_BASE_URL"));
        backend_.environment().insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("warn"));
        QString why;
        QVERIFY2(backend_.start({}, &why), qPrintable(why));
    }

    void cleanupTestCase() { backend_.terminate(); }

    void countsMatchTheBackend() {
        const QString base = backend_.base_url();
        const QString chatRoute = QStringLiteral("/api/{user_id}/chat");
        const double healthBefore = counter(base, QStringLiteral("GET"), kHealthRoute, 200);
        const double chatBefore = counter(base, QStringLiteral("POST"), chatRoute, 200);
        QVERIFY(healthBefore >= 0);

        LatencyProbe probe;
        QSignalSpy samples(&probe, &LatencyProbe::sample);
        QSignalSpy progress(&probe, &LatencyProbe::progress);
        ProbeSettings settings;
        settings.baseUrl = QUrl(base);
        settings.rateHz = 50;
        settings.durationMs = 2000;
        settings.timeoutMs = 5000;
        settings.paths = {QStringLiteral("/api/health")};
        settings.chat = true;
        settings.chatUser = kChatUser;
        const auto summary = runProbe(probe, settings);

        // Open model: exactly the scheduled requests, split evenly between the two targets.
        QCOMPARE(LatencyProbe::plannedRequests(settings), 100u);
        QCOMPARE(summary.scheduled, 100u);
        QCOMPARE(summary.overall.count() + summary.overall.errors(), 100u);
        QCOMPARE(summary.overall.errors(), 0u);
        QCOMPARE(summary.cancelled, 0u);
        QCOMPARE(samples.size(), 100);
        QCOMPARE(summary.statusCounts.value(QStringLiteral("200")), 100u);
        QCOMPARE(summary.perPath.value(QStringLiteral("/api/health")).count(), 50u);
        QCOMPARE(summary.perPath.value(kChatTarget).count(), 50u);
        QVERIFY(summary.durationMs >= 1980 && summary.durationMs < 10000);
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);

        // Samples are on the schedule: the i-th intended time is i × 20 ms.
        const auto last = samples.last().at(0).value<ProbeSample>();
        QVERIFY(last.ok);
        qint64 latestIntended = 0;
        for (const auto& args : samples)
            latestIntended = std::max(latestIntended, args.at(0).value<ProbeSample>().intendedMs);
        QCOMPARE(latestIntended, 1980);

        const auto stats = summary.overallStats();
        QVERIFY(stats.p50Ms > 0);
        QVERIFY(stats.p50Ms <= stats.p95Ms);
        QVERIFY(stats.p95Ms <= stats.p99Ms);
        QVERIFY(stats.p99Ms <= stats.maxMs);
        qInfo("client p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms", stats.p50Ms, stats.p95Ms,
              stats.p99Ms, stats.maxMs);

        // The backend's own counters moved by exactly what the probe sent (it records a
        // request just after writing the reply, so allow it a moment to catch up).
        QTRY_COMPARE(counter(base, QStringLiteral("GET"), kHealthRoute, 200) - healthBefore, 50.0);
        QTRY_COMPARE(counter(base, QStringLiteral("POST"), chatRoute, 200) - chatBefore, 50.0);

        // And the probe's own server-side view (baseline and final scrape) agrees.
        QVERIFY2(summary.server.available, qPrintable(summary.server.error));
        QCOMPARE(summary.server.routes.size(), 2);
        for (const auto& route : summary.server.routes) {
            QCOMPARE(route.byStatus.value(200), 50u);
            QCOMPARE(route.byStatus.size(), 1);
            QVERIFY(route.p50Ms && route.p95Ms && route.p99Ms);
            QVERIFY(*route.p50Ms <= *route.p95Ms && *route.p95Ms <= *route.p99Ms);
        }
        QVERIFY(summary.server.p95Ms.has_value());
        qInfo("server p50 %.3f ms, p95 %.3f ms", *summary.server.p50Ms, *summary.server.p95Ms);
    }

    void stallShowsAsQueueing() {
        // Freeze the client's event loop for 300 ms: the requests due meanwhile go out late,
        // and their latency (counted from the intended time) must include the wait.
        LatencyProbe probe;
        QSignalSpy samples(&probe, &LatencyProbe::sample);
        ProbeSettings settings;
        settings.baseUrl = QUrl(backend_.base_url());
        settings.rateHz = 50;
        settings.durationMs = 1000;
        settings.chat = false;
        settings.scrapeMetrics = false;
        QTimer::singleShot(200, &probe, [] { QThread::msleep(300); });  // the stall itself
        const auto summary = runProbe(probe, settings);
        QCOMPARE(summary.scheduled, 50u);  // none skipped
        QCOMPARE(summary.overall.count(), 50u);
        qint64 worstUs = 0;
        for (const auto& args : samples)
            worstUs = std::max(worstUs, args.at(0).value<ProbeSample>().latencyUs);
        QVERIFY2(worstUs >= 200'000, qPrintable(QString::number(worstUs)));
        QVERIFY(summary.overall.max() >= 200'000);
    }

    void deadPortIsAllErrors() {
        LatencyProbe probe;
        QSignalSpy samples(&probe, &LatencyProbe::sample);
        ProbeSettings settings;
        settings.baseUrl =
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(helmdeck::testing::free_port()));
        settings.rateHz = 20;
        settings.durationMs = 500;
        settings.timeoutMs = 2000;
        const auto summary = runProbe(probe, settings);
        QCOMPARE(summary.scheduled, 10u);
        QCOMPARE(summary.overall.count(), 0u);
        QCOMPARE(summary.overall.errors(), 10u);
        QCOMPARE(summary.statusCounts.value(QStringLiteral("ConnectionRefusedError")), 10u);
        QCOMPARE(samples.size(), 10);
        QVERIFY(!samples.first().at(0).value<ProbeSample>().ok);
        QCOMPARE(summary.overallStats().p95Ms, 0.0);
        QVERIFY(!summary.server.available);
        QVERIFY(summary.server.error.contains(QStringLiteral("/metrics")));
    }

    void silentServerTimesOut() {
        SilentServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        LatencyProbe probe;
        QSignalSpy samples(&probe, &LatencyProbe::sample);
        ProbeSettings settings;
        settings.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        settings.rateHz = 10;
        settings.durationMs = 300;
        settings.timeoutMs = 200;
        settings.chat = false;
        settings.scrapeMetrics = false;
        const auto summary = runProbe(probe, settings);
        QCOMPARE(summary.scheduled, 3u);
        QCOMPARE(summary.overall.errors(), 3u);
        QCOMPARE(summary.statusCounts.value(QStringLiteral("timeout")), 3u);
        for (const auto& args : samples)
            // Qt's transfer timer is coarse (±5 %), so allow it to fire a little early.
            QVERIFY(args.at(0).value<ProbeSample>().latencyUs >= 180'000);
    }

    void stopCancelsInFlight() {
        SilentServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        LatencyProbe probe;
        QSignalSpy finished(&probe, &LatencyProbe::finished);
        ProbeSettings settings;
        settings.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        settings.rateHz = 20;
        settings.durationMs = 0;  // until stop()
        settings.timeoutMs = 60000;
        settings.scrapeMetrics = false;
        probe.start(settings);
        QVERIFY(probe.isRunning());
        QTimer::singleShot(300, &probe, &LatencyProbe::stop);
        QVERIFY(finished.wait(5000));
        QVERIFY(!probe.isRunning());
        const auto summary = finished.first().at(0).value<ProbeSummary>();
        QVERIFY(summary.scheduled >= 3);
        QCOMPARE(summary.cancelled, summary.scheduled);
        QCOMPARE(summary.overall.errors(), 0u);
        QCOMPARE(summary.overall.count(), 0u);
        QCOMPARE(finished.size(), 1);  // the aborted replies' callbacks emit nothing more
    }

    void onDemandScrape() {
        LatencyProbe probe;
        QSignalSpy scraped(&probe, &LatencyProbe::metricsScraped);
        probe.scrapeMetrics(QUrl(backend_.base_url()));
        QVERIFY(scraped.wait(10000));
        QCOMPARE(scraped.first().at(0).toBool(), true);
        const auto exposition = scraped.first().at(1).value<prometheus::Exposition>();
        QVERIFY(exposition.errors.isEmpty());
        QCOMPARE(exposition.types.value(QStringLiteral("todo_http_request_duration_seconds")),
                 QStringLiteral("histogram"));
    }

private:
    BackendProcess backend_;
};

QTEST_GUILESS_MAIN(TestLatencyProbe)
#include "test_latency_probe.moc"
