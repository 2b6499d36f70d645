#include "core/latency_probe.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <algorithm>
#include <cmath>
#include <set>

namespace helmdeck::core {
namespace {

const QString kRequestsTotal = QStringLiteral("todo_http_requests_total");
const QString kRequestDuration = QStringLiteral("todo_http_request_duration_seconds");
const QString kPostPrefix = QStringLiteral("POST ");
constexpr int kSettleAttempts = 25;  // the backend counts a request just after writing it
constexpr int kSettleIntervalMs = 20;

QUrl joinUrl(const QUrl& base, const QString& path) {
    return QUrl(base.toString(QUrl::StripTrailingSlash) + path);
}

QString chatPath(const ProbeSettings& settings) {
    return QStringLiteral("/api/%1/chat")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(settings.chatUser)));
}

/// "200", "timeout", "ConnectionRefusedError", … for ProbeSummary::statusCounts.
QString outcomeKey(int status, QNetworkReply::NetworkError error) {
    if (status > 0) return QString::number(status);
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
        return QStringLiteral("timeout");  // a transfer timeout aborts the reply
    return QString::fromLatin1(
        QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(error));
}

std::optional<double> quantileMs(double q, const QList<prometheus::BucketCount>& buckets) {
    const auto seconds = prometheus::histogramQuantile(q, buckets);
    if (!seconds) return std::nullopt;
    return *seconds * 1000.0;
}

QList<prometheus::BucketCount> addBuckets(const QList<prometheus::BucketCount>& a,
                                          const QList<prometheus::BucketCount>& b) {
    QMap<double, double> byBound;
    for (const auto& bucket : a) byBound[bucket.upperBound] += bucket.count;
    for (const auto& bucket : b) byBound[bucket.upperBound] += bucket.count;
    QList<prometheus::BucketCount> out;
    for (auto it = byBound.cbegin(); it != byBound.cend(); ++it) out.append({it.key(), it.value()});
    return out;
}

}  // namespace

LatencyStats LatencyStats::from(const LatencyHistogram& histogram) {
    LatencyStats stats;
    stats.p50Ms = double(histogram.p50()) / 1000.0;
    stats.p95Ms = double(histogram.p95()) / 1000.0;
    stats.p99Ms = double(histogram.p99()) / 1000.0;
    stats.maxMs = double(histogram.max()) / 1000.0;
    stats.meanMs = histogram.mean() / 1000.0;
    stats.count = histogram.count();
    stats.errors = histogram.errors();
    return stats;
}

LatencyProbe::LatencyProbe(QObject* parent)
    : QObject(parent), network_(new QNetworkAccessManager(this)) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &LatencyProbe::sendDue);
}

LatencyProbe::~LatencyProbe() {
    phase_ = Phase::Idle;  // aborting replies below must not emit anything
    const auto replies = inFlight_.keys();
    inFlight_.clear();
    for (auto* reply : replies) reply->abort();
}

QStringList LatencyProbe::targets(const ProbeSettings& settings) {
    QStringList out = settings.paths;
    if (settings.chat) out.append(kPostPrefix + chatPath(settings));
    return out;
}

quint64 LatencyProbe::plannedRequests(const ProbeSettings& settings) {
    if (settings.durationMs <= 0 || settings.rateHz <= 0) return 0;
    // Intended times i / rate that fall inside [0, duration).
    return quint64(std::ceil(settings.rateHz * double(settings.durationMs) / 1000.0 - 1e-9));
}

qint64 LatencyProbe::intendedNs(quint64 index) const {
    return qint64(double(index) * 1e9 / settings_.rateHz);
}

void LatencyProbe::start(const ProbeSettings& settings) {
    if (isRunning()) return;
    ++runId_;
    settings_ = settings;
    targets_ = targets(settings);
    planned_ = plannedRequests(settings);
    summary_ = ProbeSummary{};
    summary_.baseUrl = settings.baseUrl;
    summary_.rateHz = settings.rateHz;
    before_.reset();
    next_ = 0;
    lastReplyNs_ = 0;
    if (settings.rateHz <= 0 || targets_.isEmpty()) {
        phase_ = Phase::Draining;
        summary_.server.error = tr("nothing to probe: the rate is 0 or there are no targets");
        QTimer::singleShot(0, this, &LatencyProbe::emitFinished);
        return;
    }
    if (!settings.scrapeMetrics) return beginSending();

    phase_ = Phase::Baseline;
    scrapeReply_ = getMetrics(settings.baseUrl, settings.timeoutMs);
    connect(scrapeReply_, &QNetworkReply::finished, this, [this, run = runId_] {
        auto* reply = scrapeReply_;
        if (run != runId_ || phase_ != Phase::Baseline || !reply) return;
        scrapeReply_ = nullptr;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200)
            before_ = prometheus::parse(reply->readAll());
        else
            summary_.server.error =
                tr("baseline scrape of /metrics failed: %1").arg(reply->errorString());
        beginSending();
    });
}

void LatencyProbe::beginSending() {
    phase_ = Phase::Sending;
    clock_.start();
    sendDue();
}

void LatencyProbe::sendDue() {
    if (phase_ != Phase::Sending) return;
    const qint64 now = clock_.nsecsElapsed();
    // Catch up on every slot that is due: a late timer must not thin out the schedule.
    while ((planned_ == 0 || next_ < planned_) && intendedNs(next_) <= now) {
        send(intendedNs(next_));
        ++next_;
    }
    if (planned_ > 0) emit progress(double(next_) / double(planned_));
    if (planned_ > 0 && next_ >= planned_) {
        phase_ = Phase::Draining;
        return maybeFinish();
    }
    // Rounding down: Qt wakes a timer up to ~1 ms late, and sending late inflates every
    // latency, so an early wake re-arms with 0 ms (replies still get through) until due.
    const qint64 waitNs = intendedNs(next_) - clock_.nsecsElapsed();
    timer_.start(int(std::max<qint64>(0, waitNs / 1'000'000)));
}

void LatencyProbe::send(qint64 intended) {
    summary_.sendLag.record((clock_.nsecsElapsed() - intended) / 1000);
    const QString target = targets_.at(qsizetype(next_ % quint64(targets_.size())));
    const bool post = target.startsWith(kPostPrefix);
    QNetworkRequest request(
        joinUrl(settings_.baseUrl, post ? target.mid(kPostPrefix.size()) : target));
    request.setTransferTimeout(settings_.timeoutMs);
    if (!settings_.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + settings_.bearerToken);
    QNetworkReply* reply = nullptr;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        const QJsonObject body{{QStringLiteral("message"), settings_.chatMessage}};
        reply = network_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    } else {
        reply = network_->get(request);
    }
    ++summary_.scheduled;
    inFlight_.insert(reply, {intended, target});
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void LatencyProbe::onReply(QNetworkReply* reply) {
    reply->deleteLater();
    const auto it = inFlight_.constFind(reply);
    if (it == inFlight_.cend()) return;  // cancelled by stop()
    const InFlight request = *it;
    inFlight_.erase(it);

    const qint64 now = clock_.nsecsElapsed();
    lastReplyNs_ = std::max(lastReplyNs_, now);
    ProbeSample sample;
    sample.intendedMs = request.intendedNs / 1'000'000;
    sample.latencyUs = (now - request.intendedNs) / 1000;
    sample.path = request.target;
    sample.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    sample.ok =
        sample.status >= 200 && sample.status < 300 && reply->error() == QNetworkReply::NoError;
    ++summary_.statusCounts[outcomeKey(sample.status, reply->error())];
    auto& perPath = summary_.perPath[request.target];
    if (sample.ok) {
        summary_.overall.record(sample.latencyUs);
        perPath.record(sample.latencyUs);
    } else {
        summary_.overall.recordError();
        perPath.recordError();
    }
    emit this->sample(sample);
    maybeFinish();
}

void LatencyProbe::maybeFinish() {
    if (phase_ != Phase::Draining || !inFlight_.isEmpty()) return;
    summary_.durationMs = std::max(lastReplyNs_, clock_.nsecsElapsed()) / 1'000'000;
    if (!before_) return emitFinished();
    phase_ = Phase::FinalScrape;
    finalScrape(kSettleAttempts);
}

void LatencyProbe::finalScrape(int attemptsLeft) {
    if (phase_ != Phase::FinalScrape) return;
    scrapeReply_ = getMetrics(settings_.baseUrl, settings_.timeoutMs);
    connect(scrapeReply_, &QNetworkReply::finished, this, [this, attemptsLeft, run = runId_] {
        auto* reply = scrapeReply_;
        if (run != runId_ || phase_ != Phase::FinalScrape || !reply) return;
        scrapeReply_ = nullptr;
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            summary_.server = {};
            summary_.server.error =
                tr("final scrape of /metrics failed: %1").arg(reply->errorString());
            return emitFinished();
        }
        summary_.server = serverSide(*before_, prometheus::parse(reply->readAll()), settings_);
        quint64 answered = 0;  // replies that carried an HTTP status
        for (auto it = summary_.statusCounts.cbegin(); it != summary_.statusCounts.cend(); ++it)
            if (it.key().toInt() > 0) answered += it.value();
        quint64 counted = 0;
        for (const auto& route : summary_.server.routes)
            for (const auto count : route.byStatus) counted += count;
        if (counted < answered && attemptsLeft > 1) {
            // The server records a request after writing its reply; give it a moment.
            QTimer::singleShot(kSettleIntervalMs, this,
                               [this, attemptsLeft] { finalScrape(attemptsLeft - 1); });
            return;
        }
        emitFinished();
    });
}

void LatencyProbe::emitFinished() {
    phase_ = Phase::Idle;
    emit progress(1.0);
    emit finished(summary_);
}

void LatencyProbe::stop() {
    switch (phase_) {
        case Phase::Idle:
            return;
        case Phase::Baseline:
        case Phase::FinalScrape: {
            phase_ = Phase::Draining;  // the scrape's handler now ignores the reply
            if (auto* reply = std::exchange(scrapeReply_, nullptr)) {
                reply->abort();
                reply->deleteLater();
            }
            if (summary_.server.error.isEmpty()) summary_.server.error = tr("stopped");
            summary_.server.available = false;
            return emitFinished();
        }
        case Phase::Sending:
        case Phase::Draining:
            break;
    }
    timer_.stop();
    phase_ = Phase::Draining;
    const auto replies = inFlight_.keys();
    summary_.cancelled += quint64(replies.size());
    inFlight_.clear();
    for (auto* reply : replies) reply->abort();
    maybeFinish();
}

QNetworkReply* LatencyProbe::getMetrics(const QUrl& baseUrl, int timeoutMs) {
    QNetworkRequest request(joinUrl(baseUrl, QStringLiteral("/metrics")));
    request.setTransferTimeout(timeoutMs);
    return network_->get(request);
}

void LatencyProbe::scrapeMetrics(const QUrl& baseUrl, int timeoutMs) {
    auto* reply = getMetrics(baseUrl, timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200)
            emit metricsScraped(true, prometheus::parse(reply->readAll()), {});
        else
            emit metricsScraped(false, {}, reply->errorString());
    });
}

ServerSideSummary LatencyProbe::serverSide(const prometheus::Exposition& before,
                                           const prometheus::Exposition& after,
                                           const ProbeSettings& settings) {
    ServerSideSummary out;
    out.available = true;
    // The (method, route template) pairs the targets hit, as the backend labels them.
    std::set<std::pair<QString, QString>> routes;
    for (const auto& target : targets(settings)) {
        const bool post = target.startsWith(kPostPrefix);
        const QString method = post ? QStringLiteral("POST") : QStringLiteral("GET");
        const QString path = post ? target.mid(kPostPrefix.size()) : target;
        for (const auto& sample : after.samples) {
            if (sample.name != kRequestsTotal) continue;
            const QString route = sample.labels.value(QStringLiteral("route"));
            if (sample.labels.value(QStringLiteral("method")) == method &&
                prometheus::routeMatchesPath(route, path))
                routes.insert({method, route});
        }
    }
    QList<prometheus::BucketCount> all;
    for (const auto& [method, route] : routes) {
        ServerRouteStats stats{method, route, {}, {}, {}, {}};
        std::set<int> statuses;
        for (const auto& sample : after.samples)
            if (sample.name == kRequestsTotal &&
                sample.labels.value(QStringLiteral("method")) == method &&
                sample.labels.value(QStringLiteral("route")) == route)
                statuses.insert(sample.labels.value(QStringLiteral("status")).toInt());
        for (const int status : statuses) {
            const prometheus::LabelFilter filter{
                {QStringLiteral("method"), {method}},
                {QStringLiteral("route"), {route}},
                {QStringLiteral("status"), {QString::number(status)}}};
            const double delta = prometheus::sum(after.samples, kRequestsTotal, filter) -
                                 prometheus::sum(before.samples, kRequestsTotal, filter);
            if (delta > 0) stats.byStatus.insert(status, quint64(std::llround(delta)));
        }
        const prometheus::LabelFilter filter{{QStringLiteral("method"), {method}},
                                             {QStringLiteral("route"), {route}}};
        const auto window =
            prometheus::difference(prometheus::buckets(after.samples, kRequestDuration, filter),
                                   prometheus::buckets(before.samples, kRequestDuration, filter));
        stats.p50Ms = quantileMs(0.50, window);
        stats.p95Ms = quantileMs(0.95, window);
        stats.p99Ms = quantileMs(0.99, window);
        all = addBuckets(all, window);
        out.routes.append(stats);
    }
    out.p50Ms = quantileMs(0.50, all);
    out.p95Ms = quantileMs(0.95, all);
    out.p99Ms = quantileMs(0.99, all);
    return out;
}

}  // namespace helmdeck::core
