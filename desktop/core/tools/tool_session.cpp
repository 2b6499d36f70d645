#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

ToolSession::ToolSession(QObject* parent) : QObject(parent) {
    runner_.setCaptureStdout(true);
    connect(&runner_, &ToolRunner::stdoutLine, this, [this](const QString& line) {
        if (logStdout_) Q_EMIT logLine(line);
    });
    connect(&runner_, &ToolRunner::stderrLine, this, &ToolSession::logLine);
    connect(&runner_, &ToolRunner::finished, this, [this](const ToolResult& result) {
        Done done = std::move(pending_);
        pending_ = nullptr;
        if (done) done(result);
    });
}

void ToolSession::run(const ToolCommand& command, Done done) {
    if (runner_.isRunning()) {
        qWarning("ToolSession::run: %s is still running", qPrintable(command.program));
        return;
    }
    Q_EMIT logLine(QStringLiteral("$ ") + command.display());
    pending_ = std::move(done);
    startCommand(runner_, command);
}

void ToolSession::cancel() {
    runner_.cancel();
}

}  // namespace helmdeck::core
