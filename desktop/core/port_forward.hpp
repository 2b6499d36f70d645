#pragma once
// `kubectl port-forward svc/NAME :PORT` on loopback, kept alive: restarted on the same local
// port when it drops, and given up (lost()) after repeated quick failures.

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>
#include <memory>

#include "core/running_service.hpp"
#include "core/tool_runner.hpp"
#include "core/tools/kubectl.hpp"

namespace helmdeck::core {

class PortForward : public RunningService {
    Q_OBJECT

public:
    explicit PortForward(QObject* parent = nullptr);
    ~PortForward() override;

    /// Forwards through `kubectl` (its context and namespace) to RESOURCE:remotePort.
    /// Emits up() once kubectl prints "Forwarding from 127.0.0.1:PORT", or failed().
    void start(const Kubectl& kubectl, const QString& resource, int remotePort);

    Kind kind() const override { return Kind::PortForward; }
    QUrl url() const override { return url_; }
    QString description() const override;
    bool isRunning() const override { return runner_ != nullptr && runner_->isRunning(); }
    void stop() override;
    int restarts() const { return restarts_; }

Q_SIGNALS:
    void up(const QUrl& url);
    void failed(const QString& reason);

private:
    void launch();
    void onLine(const QString& line);
    void onFinished(const ToolResult& result);

    std::unique_ptr<ToolRunner> runner_;
    QTimer restartTimer_;
    QElapsedTimer upSince_;
    QString resource_;
    Kubectl kubectl_{KubeScope{}};
    int remotePort_ = 0;
    int localPort_ = 0;  ///< 0 until the first forward picked one; then reused on restart
    int quickFailures_ = 0;
    int restarts_ = 0;
    bool isUp_ = false;
    bool everUp_ = false;
    QUrl url_;
    QString lastError_;
};

}  // namespace helmdeck::core
