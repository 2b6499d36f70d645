#include "core/pod_log_stream.hpp"

namespace helmdeck::core {

PodLogStream::PodLogStream(QObject* parent) : QObject(parent) {}

PodLogStream::~PodLogStream() {
    stop();
}

bool PodLogStream::isRunning() const {
    return runner_ && runner_->isRunning();
}

void PodLogStream::follow(const Kubectl& kubectl, const QString& pod, int tail) {
    stop();
    runner_ = std::make_unique<ToolRunner>();
    connect(runner_.get(), &ToolRunner::stdoutLine, this, &PodLogStream::line);
    connect(runner_.get(), &ToolRunner::stderrLine, this, &PodLogStream::line);
    connect(runner_.get(), &ToolRunner::finished, this, [this](const ToolResult& result) {
        Q_EMIT ended(result.ok() ? QString() : result.reason);
    });
    startCommand(*runner_, kubectl.followLogs(pod, tail));
}

void PodLogStream::stop() {
    if (!runner_) return;
    runner_->disconnect(this);
    // The destructor kills kubectl's process group and reaps it; defer it when we are inside
    // the runner's own signal.
    runner_->cancel();
    runner_.release()->deleteLater();
}

}  // namespace helmdeck::core
