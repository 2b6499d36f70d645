#pragma once
// The local target's backend: todo-chatbot as a child process on a free loopback port, with
// SQLite in the app's data directory.

#include <QProcess>
#include <memory>

#include "core/readiness_poller.hpp"
#include "core/running_service.hpp"

namespace helmdeck::core {

class LocalBackend : public RunningService {
    Q_OBJECT

public:
    explicit LocalBackend(QObject* parent = nullptr);
    ~LocalBackend() override;

    /// Starts `program` with --host 127.0.0.1 --port 0 and DATABASE_URL=sqlite:`databasePath`;
    /// emits up() once /api/ready answers, or failed().
    void start(const QString& program, const QString& databasePath, int readyDeadlineMs = 20000);

    Kind kind() const override { return Kind::LocalProcess; }
    QUrl url() const override { return url_; }
    QString description() const override;
    bool isRunning() const override;
    /// SIGTERM (the backend drains), SIGKILL to its process group after 3 s; waits.
    void stop() override;
    qint64 processId() const;

Q_SIGNALS:
    void up(const QUrl& url);
    void failed(const QString& reason);

private:
    void onLine(const QString& line);
    void onFinished(int exitCode, QProcess::ExitStatus status);

    std::unique_ptr<QProcess> process_;
    ReadinessPoller poller_;
    QByteArray stdoutBuffer_;
    QByteArray stderrBuffer_;
    QString lastLine_;
    QUrl url_;
    int readyDeadlineMs_ = 20000;
    bool isUp_ = false;
    bool stopping_ = false;
};

}  // namespace helmdeck::core
