#pragma once
// A Step that runs external tools one after another through a ToolRunner.

#include <QMap>
#include <QStringList>
#include <functional>

#include "core/pipeline.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::core {

class ToolStep : public Step {
    Q_OBJECT

public:
    explicit ToolStep(QObject* parent = nullptr);

public Q_SLOTS:
    void cancel() override;

protected:
    using Next = std::function<void(const ToolResult&)>;
    /// Runs one tool, logging its command and lines. `next` sees every result except a
    /// cancellation, which finishes the step as Cancelled.
    void runTool(const QString& program, const QStringList& arguments, int timeoutMs, Next next,
                 const QMap<QString, QString>& environment = {}, const QString& workingDir = {});
    /// Finishes Failed with the tool's reason and `fixHint`.
    void failWith(const ToolResult& result, const QString& fixHint = {});
    /// Whether cancel() was asked (for steps that wait on timers between tools).
    bool cancelRequested() const { return cancelRequested_; }
    ToolRunner& runner() { return runner_; }

    /// `--kube-context X` for helm, `--context X` for kubectl (empty when the current one).
    static QStringList helmContextArgs(const RunContext& context);
    static QStringList kubectlContextArgs(const RunContext& context);
    /// The label selector of the release's backend pods.
    static QString releaseSelector(const RunContext& context);

private:
    ToolRunner runner_;
    Next next_;
    bool cancelRequested_ = false;
};

}  // namespace helmdeck::core
