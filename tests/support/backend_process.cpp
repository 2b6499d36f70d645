#include "support/backend_process.hpp"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <csignal>

namespace helmdeck::testing {

QString built_binary(const QString& name) { return QStringLiteral(HELMDECK_BIN_DIR "/") + name; }

quint16 free_port() {
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) return 0;
    return server.serverPort();
}

QByteArray HttpReply::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    return {};
}

HttpReply http_request(const QByteArray& method, const QString& url, const QByteArray& body,
                       const QList<QPair<QByteArray, QByteArray>>& headers, int timeout_ms) {
    QNetworkAccessManager manager;
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(timeout_ms);
    bool has_type = false;
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
        has_type = has_type || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !has_type) request.setRawHeader("Content-Type", "application/json");
    QNetworkReply* reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout_ms + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished()) loop.exec();
    HttpReply result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

BackendProcess::BackendProcess()
    : process_(std::make_unique<QProcess>()), env_(QProcessEnvironment::systemEnvironment()) {
    env_.insert(QStringLiteral("LOG_FORMAT"), QStringLiteral("json"));
    // A file, not a pipe: a test blocked in its own socket calls would stop reading a pipe, and
    // once 64 KiB of request logs filled it the server would hang on its next log line.
    log_file_.open();
    process_->setStandardOutputFile(log_file_.fileName(), QIODevice::Append);
    process_->setStandardErrorFile(log_file_.fileName(), QIODevice::Append);
}

BackendProcess::~BackendProcess() {
    if (process_->state() != QProcess::NotRunning) {
        process_->kill();
        process_->waitForFinished(5000);
    }
}

bool BackendProcess::start(const QStringList& extra_args, QString* why) {
    port_ = free_port();
    QStringList args = {QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                        QStringLiteral("--port"), QString::number(port_)};
    args += extra_args;
    process_->setProcessEnvironment(env_);
    process_->start(built_binary(QStringLiteral("todo-chatbot")), args);
    if (!process_->waitForStarted(5000)) {
        if (why) *why = QStringLiteral("cannot start todo-chatbot: ") + process_->errorString();
        return false;
    }
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (process_->state() == QProcess::NotRunning) break;
        if (http_request("GET", base_url() + QStringLiteral("/api/health"), {}, {}, 1000).status ==
            200)
            return true;
        process_->waitForFinished(100);  // wakes early if it exits; bounded by the deadline
    }
    if (why)
        *why = QStringLiteral("todo-chatbot did not become healthy; log:\n") +
               QString::fromUtf8(log());
    return false;
}

bool BackendProcess::wait_until_ready(QString* why, int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    while (!deadline.hasExpired() && process_->state() != QProcess::NotRunning) {
        if (http_request("GET", base_url() + QStringLiteral("/api/ready"), {}, {}, 1000).status == 200)
            return true;
        process_->waitForFinished(100);  // wakes early if it exits; bounded by the deadline
    }
    if (why)
        *why = QStringLiteral("todo-chatbot did not become ready; log:\n") + QString::fromUtf8(log());
    return false;
}

int BackendProcess::terminate(int timeout_ms) {
    if (process_->state() == QProcess::NotRunning)
        return process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -1;
    ::kill(static_cast<pid_t>(process_->processId()), SIGTERM);
    if (!process_->waitForFinished(timeout_ms)) {
        process_->kill();
        process_->waitForFinished(5000);
        return -1;
    }
    return process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -1;
}

void BackendProcess::kill() {
    process_->kill();
    process_->waitForFinished(5000);
}

QString BackendProcess::base_url() const {
    return QStringLiteral("http://127.0.0.1:") + QString::number(port_);
}

QByteArray BackendProcess::log() {
    QFile file(log_file_.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace helmdeck::testing
