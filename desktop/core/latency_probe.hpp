#pragma once
// An open-model HTTP latency probe: fixed send rate, latency counted from the intended send time.

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <optional>

#include "core/latency_histogram.hpp"
#include "core/prometheus_text.hpp"

class QNetworkAccessManager;
class QNetworkReply;

namespace helmdeck::core {

struct ProbeSettings {
    QUrl baseUrl;               ///< e.g. http://127.0.0.1:8080 (a path prefix is kept)
    double rateHz = 20;         ///< requests per second over all targets
    qint64 durationMs = 10000;  ///< 0 runs until stop()
    int timeoutMs = 5000;       ///< per request; a timeout counts as an error
    QStringList paths = {QStringLiteral("/api/health")};  ///< GET targets
    bool chat = true;  ///< also POST {base}/api/{chatUser}/chat, in rotation with `paths`
    QString chatUser = QStringLiteral("helmdeck-probe");
    QString chatMessage = QStringLiteral("what's pending?");
    QByteArray bearerToken;     ///< sent as "Authorization: Bearer …" when not empty
    bool scrapeMetrics = true;  ///< scrape {base}/metrics before and after the run
};

/// One answered (or failed) request, for the live chart.
struct ProbeSample {
    qint64 intendedMs = 0;  ///< intended send time since the probe started
    qint64 latencyUs = 0;   ///< from the intended send time to the end of the reply
    QString path;           ///< the target, e.g. "/api/health" or "POST /api/helmdeck-probe/chat"
    int status = 0;         ///< HTTP status, 0 on a network error or timeout
    bool ok = false;        ///< a 2xx answer within the timeout
};

struct LatencyStats {
    double p50Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0, meanMs = 0;
    quint64 count = 0;   ///< successful requests
    quint64 errors = 0;  ///< failed requests (network error, timeout, non-2xx)
    static LatencyStats from(const LatencyHistogram& histogram);
};

/// The backend's own view of one probed route, from the /metrics delta over the run.
struct ServerRouteStats {
    QString method;
    QString route;                              ///< route template, e.g. "/api/{user_id}/chat"
    QMap<int, quint64> byStatus;                ///< requests answered per status during the run
    std::optional<double> p50Ms, p95Ms, p99Ms;  ///< histogram_quantile estimates
};

struct ServerSideSummary {
    bool available = false;  ///< false when /metrics could not be scraped twice
    QString error;
    QList<ServerRouteStats> routes;
    std::optional<double> p50Ms, p95Ms, p99Ms;  ///< over every probed route
};

struct ProbeSummary {
    QUrl baseUrl;
    double rateHz = 0;
    qint64 durationMs = 0;  ///< from the first intended send to the last reply
    quint64 scheduled = 0;  ///< requests sent (open model: independent of the answers)
    quint64 cancelled = 0;  ///< in flight when stop() was called; in neither count nor errors
    LatencyHistogram overall;
    /// How late the probe itself sent each request after its intended time (its own overhead).
    LatencyHistogram sendLag;
    QMap<QString, LatencyHistogram> perPath;  ///< keyed like ProbeSample::path
    QMap<QString, quint64> statusCounts;      ///< "200", "503", "timeout", "connection refused" …
    ServerSideSummary server;

    LatencyStats overallStats() const { return LatencyStats::from(overall); }
};

class LatencyProbe : public QObject {
    Q_OBJECT
public:
    explicit LatencyProbe(QObject* parent = nullptr);
    ~LatencyProbe() override;

    bool isRunning() const { return phase_ != Phase::Idle; }
    /// Starts a run (scraping /metrics first when asked). Ignored while running.
    void start(const ProbeSettings& settings);
    /// Stops sending, aborts requests in flight (counted as cancelled) and finishes.
    void stop();
    /// Scrapes {base}/metrics now; emits metricsScraped. Independent of a run.
    void scrapeMetrics(const QUrl& baseUrl, int timeoutMs = 5000);

    /// The targets a run rotates through, in order (GET paths, then the chat POST).
    static QStringList targets(const ProbeSettings& settings);
    /// Requests a finite run sends: ceil(rate × duration).
    static quint64 plannedRequests(const ProbeSettings& settings);
    /// The backend's view of the probed routes between two scrapes.
    static ServerSideSummary serverSide(const prometheus::Exposition& before,
                                        const prometheus::Exposition& after,
                                        const ProbeSettings& settings);

signals:
    void sample(const helmdeck::core::ProbeSample& sample);
    void progress(double fraction);
    void finished(const helmdeck::core::ProbeSummary& summary);
    /// ok is false with `error` set when the scrape failed.
    void metricsScraped(bool ok, const helmdeck::core::prometheus::Exposition& exposition,
                        const QString& error);

private:
    struct InFlight {
        qint64 intendedNs = 0;
        QString target;
    };
    void beginSending();
    void sendDue();
    void send(qint64 intendedNs);
    void onReply(QNetworkReply* reply);
    void maybeFinish();
    void finalScrape(int attemptsLeft);
    void emitFinished();
    QNetworkReply* getMetrics(const QUrl& baseUrl, int timeoutMs);
    qint64 intendedNs(quint64 index) const;

    QNetworkAccessManager* network_ = nullptr;
    QTimer timer_;
    QElapsedTimer clock_;
    ProbeSettings settings_;
    QStringList targets_;
    ProbeSummary summary_;
    QMap<QNetworkReply*, InFlight> inFlight_;
    std::optional<prometheus::Exposition> before_;
    quint64 next_ = 0;
    quint64 planned_ = 0;  // 0 when open-ended
    qint64 lastReplyNs_ = 0;
    QNetworkReply* scrapeReply_ = nullptr;  // the run's baseline or final scrape
    quint64 runId_ = 0;                     // ignores late callbacks from an earlier run
    enum class Phase { Idle, Baseline, Sending, Draining, FinalScrape };
    Phase phase_ = Phase::Idle;
};

}  // namespace helmdeck::core

Q_DECLARE_METATYPE(helmdeck::core::ProbeSample)
Q_DECLARE_METATYPE(helmdeck::core::ProbeSummary)
Q_DECLARE_METATYPE(helmdeck::core::prometheus::Exposition)
