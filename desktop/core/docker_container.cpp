#include "core/docker_container.hpp"

#include <QCoreApplication>
#include <QProcess>

#include "core/tools/docker.hpp"

namespace helmdeck::core {

namespace {
constexpr auto kContainerPort = "8080/tcp";
}  // namespace

DockerContainer::DockerContainer(QObject* parent) : RunningService(parent) {
    runner_.setCaptureStdout(true);
    connect(&runner_, &ToolRunner::stderrLine, this, &RunningService::logLine);
    connect(&poller_, &ReadinessPoller::ready, this, [this] { Q_EMIT up(url_); });
    connect(&poller_, &ReadinessPoller::timedOut, this, [this](const QString& lastError) {
        dumpLogsThenFail(tr("the container did not become ready: %1").arg(lastError));
    });
}

DockerContainer::~DockerContainer() {
    stop();
}

QStringList DockerContainer::runArguments(const QString& imageReference, const QString& name) {
    return {QStringLiteral("-d"),
            QStringLiteral("--rm"),
            QStringLiteral("--name"),
            name,
            QStringLiteral("--read-only"),
            QStringLiteral("--tmpfs"),
            QStringLiteral("/data:uid=10001"),
            QStringLiteral("--label"),
            QStringLiteral("dev.helmdeck.run=1"),
            QStringLiteral("-p"),
            QStringLiteral("127.0.0.1::8080"),
            imageReference};
}

QString DockerContainer::description() const {
    if (containerId_.isEmpty()) return tr("container (stopped)");
    return tr("%1 (container %2) on %3").arg(image_, containerId_.left(12), url_.authority());
}

void DockerContainer::start(const QString& imageReference, int readyDeadlineMs) {
    stop();
    image_ = imageReference;
    readyDeadlineMs_ = readyDeadlineMs;
    // A known name, so stop() can remove the container even if `docker run` was cut short.
    static int serial = 0;
    name_ = QStringLiteral("helmdeck-%1-%2").arg(QCoreApplication::applicationPid()).arg(++serial);
    const ToolCommand command = Docker().run(runArguments(imageReference, name_));
    Q_EMIT logLine(QStringLiteral("$ ") + command.display());
    runner_.disconnect(this, nullptr);
    connect(&runner_, &ToolRunner::stderrLine, this, &RunningService::logLine);
    connect(&runner_, &ToolRunner::finished, this, &DockerContainer::onRun);
    startCommand(runner_, command);
}

void DockerContainer::cancelStart() {
    poller_.stop();
    runner_.cancel();
}

void DockerContainer::onRun(const ToolResult& result) {
    disconnect(&runner_, &ToolRunner::finished, this, &DockerContainer::onRun);
    if (!result.ok()) {
        Q_EMIT failed(result.reason);
        return;
    }
    containerId_ = QString::fromUtf8(result.stdoutData).trimmed().section(QLatin1Char('\n'), -1);
    Q_EMIT logLine(tr("container %1").arg(containerId_.left(12)));
    connect(&runner_, &ToolRunner::finished, this, &DockerContainer::onPort);
    startCommand(runner_, Docker().port(containerId_, QString::fromLatin1(kContainerPort)).command);
}

void DockerContainer::onPort(const ToolResult& result) {
    disconnect(&runner_, &ToolRunner::finished, this, &DockerContainer::onPort);
    if (!result.ok()) {
        Q_EMIT failed(result.reason);
        return;
    }
    // "127.0.0.1:49153" (one line per binding; IPv4 first).
    for (const QString& line : QString::fromUtf8(result.stdoutData).split(QLatin1Char('\n'))) {
        const QString binding = line.trimmed();
        const int port = binding.section(QLatin1Char(':'), -1).toInt();
        if (port > 0 && binding.startsWith(QLatin1String("127.0.0.1"))) {
            url_ = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
            break;
        }
    }
    if (url_.isEmpty()) {
        Q_EMIT failed(tr("docker port printed no 127.0.0.1 binding: %1")
                          .arg(QString::fromUtf8(result.stdoutData).trimmed()));
        return;
    }
    Q_EMIT logLine(tr("listening on %1").arg(url_.toString()));
    poller_.start(url_, readyDeadlineMs_, 200);
}

void DockerContainer::dumpLogsThenFail(const QString& reason) {
    if (containerId_.isEmpty()) {
        Q_EMIT failed(reason);
        return;
    }
    // The container's last words explain most failures; read them without blocking.
    runner_.disconnect(this, nullptr);
    connect(&runner_, &ToolRunner::stdoutLine, this, &RunningService::logLine);
    connect(&runner_, &ToolRunner::stderrLine, this, &RunningService::logLine);
    connect(&runner_, &ToolRunner::finished, this, [this, reason] {
        runner_.disconnect(this, nullptr);
        Q_EMIT failed(reason);
    });
    startCommand(runner_, Docker().logs(containerId_, 20));
}

void DockerContainer::stop() {
    poller_.stop();
    if (runner_.isRunning()) {
        runner_.disconnect(this);
        runner_.cancel();
    }
    if (name_.isEmpty()) return;
    const QString id = containerId_.isEmpty() ? name_ : containerId_;
    name_.clear();
    containerId_.clear();
    url_.clear();
    // Blocking on purpose: this also runs from destructors at exit, with no event loop.
    const ToolCommand command = Docker().removeForce(id);
    QProcess remove;
    remove.start(command.program, command.arguments);
    if (!remove.waitForFinished(command.timeoutMs)) remove.kill();
    Q_EMIT logLine(tr("removed container %1").arg(id.left(12)));
}

}  // namespace helmdeck::core
