#pragma once
// The docker target's backend: the built image run read-only on a loopback port.

#include <QStringList>

#include "core/readiness_poller.hpp"
#include "core/running_service.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::core {

class DockerContainer : public RunningService {
    Q_OBJECT

public:
    explicit DockerContainer(QObject* parent = nullptr);
    ~DockerContainer() override;

    /// `docker run -d --rm --read-only --tmpfs /data:uid=10001 -p 127.0.0.1::8080 IMAGE`, then
    /// `docker port` for the host port; emits up() once /api/ready answers, or failed().
    void start(const QString& imageReference, int readyDeadlineMs = 60000);
    /// The `docker run` arguments (after "run"), for the log and for tests.
    static QStringList runArguments(const QString& imageReference, const QString& name);

    Kind kind() const override { return Kind::Container; }
    QUrl url() const override { return url_; }
    QString description() const override;
    bool isRunning() const override { return !containerId_.isEmpty(); }
    QString containerName() const { return name_; }
    /// `docker rm -f` (blocking, bounded); also stops a `docker run` still starting.
    void stop() override;
    QString containerId() const { return containerId_; }

public Q_SLOTS:
    /// Stops a start in progress (the container, if created, is removed by stop()).
    void cancelStart();

Q_SIGNALS:
    void up(const QUrl& url);
    void failed(const QString& reason);

private:
    void onRun(const ToolResult& result);
    void onPort(const ToolResult& result);
    void dumpLogsThenFail(const QString& reason);

    ToolRunner runner_;
    ReadinessPoller poller_;
    QString image_;
    QString name_;
    QString containerId_;
    QUrl url_;
    int readyDeadlineMs_ = 60000;
};

}  // namespace helmdeck::core
