#include "core/steps/rollback_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kHelmQueryTimeoutMs = 60000;
constexpr int kHelmWaitSeconds = 300;
}  // namespace

QStringList helmReleaseArgs(const RunContext& context) {
    QStringList arguments{QStringLiteral("--namespace"), context.profile.release.namespace_};
    if (!context.profile.cluster.context.isEmpty())
        arguments << QStringLiteral("--kube-context") << context.profile.cluster.context;
    return arguments;
}

RollbackStep::RollbackStep(bool onlyOnBreach, std::optional<int> revision, QObject* parent)
    : ToolStep(parent), onlyOnBreach_(onlyOnBreach), revision_(revision) {}

void RollbackStep::start(RunContext& context) {
    context_ = &context;
    runner().setEmitStdoutLines(false);
    if (onlyOnBreach_ && (!context.verdict || context.verdict->overall != CheckStatus::Fail)) {
        finish(StepResult::skipped(tr("the verdict did not fail")));
        return;
    }
    const QString release = context.profile.release.name;
    Q_EMIT progress(0.1, tr("reading the history of %1").arg(release));
    QStringList arguments{QStringLiteral("history"), release, QStringLiteral("-o"),
                          QStringLiteral("json")};
    arguments << helmReleaseArgs(context);
    runTool(QStringLiteral("helm"), arguments, kHelmQueryTimeoutMs,
            [this](const ToolResult& result) {
                if (!result.ok()) {
                    failWith(result, tr("is the release installed? helmdeck-cli status"));
                    return;
                }
                QString error;
                const auto history = parseHelmHistory(result.stdoutData, &error);
                if (!history) {
                    finish(StepResult::failed(tr("cannot read helm history: %1").arg(error)));
                    return;
                }
                context_->revisions = *history;
                const std::optional<int> target = revision_ ? revision_ : rollbackTarget(*history);
                if (!target) {
                    finish(StepResult::failed(tr("no earlier deployed revision to roll back to"),
                                              tr("uninstall instead: helmdeck-cli uninstall")));
                    return;
                }
                rollBackTo(*target);
            });
}

void RollbackStep::rollBackTo(int revision) {
    Q_EMIT progress(0.3, tr("rolling back to revision %1").arg(revision));
    QStringList arguments{QStringLiteral("rollback"),  context_->profile.release.name,
                          QString::number(revision),   QStringLiteral("--wait"),
                          QStringLiteral("--timeout"), QStringLiteral("%1s").arg(kHelmWaitSeconds)};
    arguments << helmReleaseArgs(*context_);
    runner().setEmitStdoutLines(true);
    runTool(QStringLiteral("helm"), arguments, (kHelmWaitSeconds + 60) * 1000,
            [this, revision](const ToolResult& result) {
                if (!result.ok()) {
                    failWith(result, tr("see helmdeck-cli status"));
                    return;
                }
                context_->rolledBackTo = revision;
                readBack();
            });
}

void RollbackStep::readBack() {
    runner().setEmitStdoutLines(false);
    QStringList arguments{QStringLiteral("status"), context_->profile.release.name,
                          QStringLiteral("-o"), QStringLiteral("json")};
    arguments << helmReleaseArgs(*context_);
    runTool(
        QStringLiteral("helm"), arguments, kHelmQueryTimeoutMs, [this](const ToolResult& status) {
            if (status.ok()) context_->release = parseHelmStatus(status.stdoutData);
            QStringList historyArguments{QStringLiteral("history"), context_->profile.release.name,
                                         QStringLiteral("-o"), QStringLiteral("json")};
            historyArguments << helmReleaseArgs(*context_);
            runTool(QStringLiteral("helm"), historyArguments, kHelmQueryTimeoutMs,
                    [this](const ToolResult& history) {
                        if (history.ok())
                            if (const auto revisions = parseHelmHistory(history.stdoutData))
                                context_->revisions = *revisions;
                        const QString text =
                            context_->release
                                ? tr("rolled back to revision %1 (now revision %2, %3)")
                                      .arg(*context_->rolledBackTo)
                                      .arg(context_->release->revision)
                                      .arg(context_->release->status)
                                : tr("rolled back to revision %1").arg(*context_->rolledBackTo);
                        Q_EMIT logLine(text);
                        Q_EMIT progress(1.0, text);
                        finish(StepResult::ok(text));
                    });
        });
}

}  // namespace helmdeck::core
