#pragma once
// Runs the real build/bin/todo-chatbot on a free loopback port for tests.

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>
#include <memory>

namespace helmdeck::testing {

/// Path of an executable in build/bin.
QString built_binary(const QString& name);

/// A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
quint16 free_port();

struct HttpReply {
    int status = 0;  ///< 0 when the connection failed
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QByteArray header(const QByteArray& name) const;
};

/// Blocking HTTP/1.1 request over loopback with a deadline (QNetworkAccessManager + event loop).
HttpReply http_request(const QByteArray& method, const QString& url, const QByteArray& body = {},
                       const QList<QPair<QByteArray, QByteArray>>& headers = {},
                       int timeout_ms = 10000);

class BackendProcess {
public:
    BackendProcess();
    ~BackendProcess();

    /// Environment for the child (DATABASE_URL, AUTH_JWT_SECRET, …); applied at start().
    QProcessEnvironment& environment() { return env_; }
    /// Starts the binary with `--port PORT --host 127.0.0.1` plus `extra_args` and waits
    /// (with a deadline) until /api/health answers. Returns false with the log in `why`.
    bool start(const QStringList& extra_args = {}, QString* why = nullptr);
    /// Waits (with a deadline) until /api/ready answers 200: the server listens before its
    /// store has connected and migrated, so the first request may otherwise meet a 503.
    bool wait_until_ready(QString* why = nullptr, int timeout_ms = 20000);
    /// SIGTERM, then waits for exit. Returns the exit code (-1 on crash or timeout).
    int terminate(int timeout_ms = 15000);
    void kill();

    QString base_url() const;
    quint16 port() const { return port_; }
    QProcess& process() { return *process_; }
    /// Everything the process wrote (its log on stderr, and stdout) so far.
    QByteArray log();

private:
    std::unique_ptr<QProcess> process_;
    QProcessEnvironment env_;
    quint16 port_ = 0;
    QTemporaryFile log_file_;
};

}  // namespace helmdeck::testing
