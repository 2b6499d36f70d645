#pragma once
// A Step that runs typed tool calls (Docker, Helm, Kubectl) one after another.

#include <functional>

#include "core/pipeline.hpp"
#include "core/tools/docker.hpp"
#include "core/tools/helm.hpp"
#include "core/tools/kubectl.hpp"
#include "core/tools/tool_session.hpp"

namespace helmdeck::core {

class ToolStep : public Step {
    Q_OBJECT

public:
    explicit ToolStep(QObject* parent = nullptr);

public Q_SLOTS:
    void cancel() override;

protected:
    using Next = std::function<void(const ToolResult&)>;
    /// Runs one command, logging it and its lines. `next` sees every result except a
    /// cancellation, which finishes the step as Cancelled.
    void runTool(const ToolCommand& command, Next next);
    /// Runs one parsed call; `next` sees the reply (cancellation as in runTool).
    template <typename T, typename Next>
    void call(const ToolCall<T>& toolCall, Next next) {
        runTool(toolCall.command, [toolCall, next = std::move(next)](const ToolResult& result) {
            next(toolCall.reply(result));
        });
    }
    /// Finishes Failed with the tool's reason and `fixHint`.
    void failWith(const ToolResult& result, const QString& fixHint = {});
    /// Finishes Failed with a reply's error (tool or parser) and `fixHint`.
    template <typename T>
    void failWith(const ToolReply<T>& reply, const QString& fixHint = {}) {
        if (!reply.result.ok()) return failWith(reply.result, fixHint);
        finish(StepResult::failed(reply.error, fixHint));
    }
    /// Whether cancel() was asked (for steps that wait on timers between tools).
    bool cancelRequested() const { return cancelRequested_; }
    ToolRunner& runner() { return session_.runner(); }
    /// Whether stdout lines go to the step's log (off for JSON outputs). Default on.
    void setLogStdout(bool log) { session_.setLogStdout(log); }

    /// The typed tools for this run's context and namespace.
    static Helm helm(const RunContext& context);
    static Kubectl kubectl(const RunContext& context);
    /// The label selector of the release's backend pods.
    static QString releaseSelector(const RunContext& context);

private:
    ToolSession session_;
    bool waiting_ = false;  ///< a command runs and its continuation is pending
    bool cancelRequested_ = false;
};

}  // namespace helmdeck::core
