#include "core/steps/status_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kLogLinesPerPod = 5;
}  // namespace

void StatusStep::start(RunContext& context) {
    context_ = &context;
    setLogStdout(false);
    Q_EMIT progress(0.1, tr("helm status"));
    call(helm(context).status(context.profile.release.name),
         [this](const ToolReply<HelmRelease>& reply) {
             if (!reply.ok()) {
                 failWith(reply, tr("deploy it first: helmdeck-cli deploy --target cluster"));
                 return;
             }
             context_->release = reply.value;
             const HelmRelease& release = *context_->release;
             Q_EMIT logLine(tr("release %1 in %2: revision %3, %4, chart %5, app %6")
                                .arg(release.name, release.namespace_)
                                .arg(release.revision)
                                .arg(release.status, release.chart(), release.appVersion));
             readHistory();
         });
}

void StatusStep::readHistory() {
    Q_EMIT progress(0.4, tr("helm history"));
    call(helm(*context_).history(context_->profile.release.name),
         [this](const ToolReply<QList<HelmRevision>>& reply) {
             if (!reply.ok()) {
                 failWith(reply);
                 return;
             }
             context_->revisions = *reply.value;
             for (const HelmRevision& revision : context_->revisions)
                 Q_EMIT logLine(QStringLiteral("revision %1  %2  %3  %4")
                                    .arg(revision.revision)
                                    .arg(revision.status, revision.chart, revision.description));
             readPods();
         });
}

void StatusStep::readPods() {
    Q_EMIT progress(0.7, tr("pods"));
    call(kubectl(*context_).pods(releaseSelector(*context_)),
         [this](const ToolReply<QList<PodInfo>>& reply) {
             if (!reply.ok()) {
                 failWith(reply);
                 return;
             }
             context_->pods = *reply.value;
             for (const PodInfo& pod : context_->pods)
                 Q_EMIT logLine(QStringLiteral("pod %1  %2  %3  restarts %4  age %5  node %6")
                                    .arg(pod.name, pod.readyText(), pod.status)
                                    .arg(pod.restarts)
                                    .arg(pod.age(), pod.node));
             const QString text =
                 tr("%1 revision %2 %3, %n pod(s)", nullptr, int(context_->pods.size()))
                     .arg(context_->release->name)
                     .arg(context_->release->revision)
                     .arg(context_->release->status);
             readLogs(text);
         });
}

void StatusStep::readLogs(const QString& summary) {
    if (context_->pods.isEmpty()) {
        Q_EMIT progress(1.0, summary);
        finish(StepResult::ok(summary));
        return;
    }
    Q_EMIT progress(0.9, tr("pod logs"));
    runTool(kubectl(*context_).logs(releaseSelector(*context_), kLogLinesPerPod),
            [this, summary](const ToolResult& result) {
                // Logs are a courtesy: a cluster that cannot serve them still has a status.
                if (result.ok()) {
                    for (const QByteArray& line : result.stdoutData.split('\n'))
                        if (!line.trimmed().isEmpty())
                            Q_EMIT logLine(QStringLiteral("log ") + QString::fromUtf8(line));
                } else {
                    Q_EMIT logLine(tr("no pod logs: %1").arg(result.reason));
                }
                Q_EMIT progress(1.0, summary);
                finish(StepResult::ok(summary));
            });
}

}  // namespace helmdeck::core
