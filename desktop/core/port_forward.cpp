#include "core/port_forward.hpp"

#include <QRegularExpression>

namespace helmdeck::core {

namespace {
constexpr int kRestartDelayMs = 1000;
constexpr int kMaxQuickFailures = 5;
constexpr qint64 kStableMs = 30000;  // up this long resets the failure count
}  // namespace

PortForward::PortForward(QObject* parent) : RunningService(parent) {
    restartTimer_.setSingleShot(true);
    restartTimer_.setInterval(kRestartDelayMs);
    connect(&restartTimer_, &QTimer::timeout, this, &PortForward::launch);
}

PortForward::~PortForward() {
    stop();
}

QString PortForward::description() const {
    return tr("kubectl port-forward %1 on %2").arg(resource_, url_.authority());
}

void PortForward::start(const Kubectl& kubectl, const QString& resource, int remotePort) {
    stop();
    resource_ = resource;
    remotePort_ = remotePort;
    kubectl_ = kubectl;
    localPort_ = 0;
    quickFailures_ = 0;
    restarts_ = 0;
    everUp_ = false;
    launch();
}

void PortForward::launch() {
    isUp_ = false;
    runner_ = std::make_unique<ToolRunner>();
    connect(runner_.get(), &ToolRunner::stdoutLine, this, &PortForward::onLine);
    connect(runner_.get(), &ToolRunner::stderrLine, this, &PortForward::onLine);
    connect(runner_.get(), &ToolRunner::finished, this, &PortForward::onFinished);
    const ToolCommand command = kubectl_.portForward(resource_, localPort_, remotePort_);
    Q_EMIT logLine(QStringLiteral("$ ") + command.display());
    startCommand(*runner_, command);
}

void PortForward::onLine(const QString& line) {
    if (line.trimmed().isEmpty()) return;
    Q_EMIT logLine(line);
    static const QRegularExpression forwarding(
        QStringLiteral("Forwarding from 127\\.0\\.0\\.1:(\\d+)"));
    const auto match = forwarding.match(line);
    if (!match.hasMatch()) {
        if (line.contains(QLatin1String("error"), Qt::CaseInsensitive)) lastError_ = line.trimmed();
        return;
    }
    if (isUp_) return;
    isUp_ = true;
    upSince_.start();
    const int port = match.captured(1).toInt();
    const QUrl previous = url_;
    localPort_ = port;
    url_ = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    if (!everUp_) {
        everUp_ = true;
        Q_EMIT up(url_);
    } else if (url_ != previous) {
        Q_EMIT urlChanged(url_);
    }
}

void PortForward::onFinished(const ToolResult& result) {
    // Called from the runner's own signal: keep it alive until the event loop deletes it.
    if (runner_) runner_.release()->deleteLater();
    const bool wasStable = isUp_ && upSince_.isValid() && upSince_.elapsed() >= kStableMs;
    isUp_ = false;
    if (result.status == ToolResult::Cancelled) return;
    const QString why = lastError_.isEmpty() ? result.reason : lastError_;
    if (result.status == ToolResult::NotFound) {
        Q_EMIT failed(result.reason);
        return;
    }
    quickFailures_ = wasStable ? 1 : quickFailures_ + 1;
    if (quickFailures_ > kMaxQuickFailures) {
        const QString reason = tr("kubectl port-forward keeps dropping: %1").arg(why);
        if (everUp_)
            Q_EMIT lost(reason);
        else
            Q_EMIT failed(reason);
        return;
    }
    ++restarts_;
    Q_EMIT logLine(tr("port-forward dropped (%1); restarting").arg(why));
    restartTimer_.start();
}

void PortForward::stop() {
    restartTimer_.stop();
    if (runner_) {
        runner_->disconnect(this);
        runner_.reset();  // the destructor kills kubectl's process group and reaps it
    }
    isUp_ = false;
}

}  // namespace helmdeck::core
