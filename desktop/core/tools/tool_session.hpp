#pragma once
// Runs typed tool calls one after another on one ToolRunner: logs each command line, hands each
// result (parsed, for a ToolCall) to its continuation, and cancels what runs.

#include <QObject>
#include <functional>

#include "core/tools/tool_command.hpp"

namespace helmdeck::core {

class ToolSession : public QObject {
    Q_OBJECT

public:
    explicit ToolSession(QObject* parent = nullptr);

    using Done = std::function<void(const ToolResult&)>;
    /// Runs `command`; `done` sees every end, a cancellation included. One call at a time:
    /// start the next one from `done`.
    void run(const ToolCommand& command, Done done);
    /// `done(const ToolReply<T>&)` sees the parsed reply.
    template <typename T, typename Done>
    void call(const ToolCall<T>& call, Done done) {
        run(call.command, [call, done = std::move(done)](const ToolResult& result) {
            done(call.reply(result));
        });
    }

    /// Whether stdout lines go to logLine too (off: JSON outputs stay out of the log).
    void setLogStdout(bool log) { logStdout_ = log; }
    bool isRunning() const { return runner_.isRunning() || pending_ != nullptr; }
    ToolRunner& runner() { return runner_; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    /// "$ helm status …" before each command, then its output lines.
    void logLine(const QString& line);

private:
    ToolRunner runner_;
    Done pending_;
    bool logStdout_ = false;
};

}  // namespace helmdeck::core
