#include "core/steps/rollback_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kHelmWaitSeconds = 300;
}  // namespace

RollbackStep::RollbackStep(bool onlyOnBreach, std::optional<int> revision, QObject* parent)
    : ToolStep(parent), onlyOnBreach_(onlyOnBreach), revision_(revision) {}

void RollbackStep::start(RunContext& context) {
    context_ = &context;
    setLogStdout(false);
    if (onlyOnBreach_ && (!context.verdict || context.verdict->overall != CheckStatus::Fail)) {
        finish(StepResult::skipped(tr("the verdict did not fail")));
        return;
    }
    const QString release = context.profile.release.name;
    Q_EMIT progress(0.1, tr("reading the history of %1").arg(release));
    call(helm(context).history(release), [this](const ToolReply<QList<HelmRevision>>& reply) {
        if (!reply.ok()) {
            failWith(reply, tr("is the release installed? helmdeck-cli status"));
            return;
        }
        context_->revisions = *reply.value;
        const std::optional<int> target =
            revision_ ? revision_ : rollbackTarget(context_->revisions);
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
    setLogStdout(true);
    runTool(helm(*context_).rollback(context_->profile.release.name, revision, kHelmWaitSeconds),
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
    setLogStdout(false);
    const QString release = context_->profile.release.name;
    call(helm(*context_).status(release), [this, release](const ToolReply<HelmRelease>& status) {
        if (status.ok()) context_->release = status.value;
        call(helm(*context_).history(release),
             [this](const ToolReply<QList<HelmRevision>>& history) {
                 if (history.ok()) context_->revisions = *history.value;
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
