#pragma once
// Polls GET {base}/api/ready until it answers 200 or a deadline passes.

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace helmdeck::core {

class ReadinessPoller : public QObject {
    Q_OBJECT

public:
    explicit ReadinessPoller(QObject* parent = nullptr);
    ~ReadinessPoller() override;

    /// Starts polling `baseUrl` + "/api/ready" every `intervalMs` until `deadlineMs` passes.
    void start(const QUrl& baseUrl, int deadlineMs, int intervalMs = 100);
    void stop();

Q_SIGNALS:
    void ready();
    /// The deadline passed; `lastError` is the last answer or network error.
    void timedOut(const QString& lastError);

private:
    void poll();

    QNetworkAccessManager* network_ = nullptr;
    QNetworkReply* reply_ = nullptr;
    QTimer timer_;
    QDeadlineTimer deadline_;
    QUrl url_;
    QString lastError_;
};

}  // namespace helmdeck::core
