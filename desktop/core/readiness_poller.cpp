#include "core/readiness_poller.hpp"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace helmdeck::core {

ReadinessPoller::ReadinessPoller(QObject* parent)
    : QObject(parent), network_(new QNetworkAccessManager(this)) {
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &ReadinessPoller::poll);
}

ReadinessPoller::~ReadinessPoller() {
    stop();
}

void ReadinessPoller::start(const QUrl& baseUrl, int deadlineMs, int intervalMs) {
    stop();
    url_ = baseUrl;
    url_.setPath(url_.path().remove(QRegularExpression(QStringLiteral("/+$"))) +
                 QStringLiteral("/api/ready"));
    deadline_.setRemainingTime(deadlineMs);
    timer_.setInterval(intervalMs);
    lastError_ = tr("no answer yet");
    poll();
}

void ReadinessPoller::stop() {
    timer_.stop();
    if (reply_) {
        QNetworkReply* reply = reply_;
        reply_ = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void ReadinessPoller::poll() {
    QNetworkRequest request(url_);
    request.setTransferTimeout(2000);
    reply_ = network_->get(request);
    connect(reply_, &QNetworkReply::finished, this, [this, reply = reply_] {
        reply->deleteLater();
        if (reply != reply_) return;
        reply_ = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status == 200) {
            Q_EMIT ready();
            return;
        }
        lastError_ = status > 0 ? tr("%1 answered %2").arg(url_.toString()).arg(status)
                                : tr("%1: %2").arg(url_.toString(), reply->errorString());
        if (deadline_.hasExpired()) {
            Q_EMIT timedOut(lastError_);
            return;
        }
        timer_.start();
    });
}

}  // namespace helmdeck::core
