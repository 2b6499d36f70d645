#include "core/steps/status_step.hpp"

#include "core/steps/rollback_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kQueryTimeoutMs = 60000;
constexpr int kLogLinesPerPod = 5;
}  // namespace

void StatusStep::start(RunContext& context) {
    context_ = &context;
    runner().setEmitStdoutLines(false);
    QStringList arguments{QStringLiteral("status"), context.profile.release.name,
                          QStringLiteral("-o"), QStringLiteral("json")};
    arguments << helmReleaseArgs(context);
    Q_EMIT progress(0.1, tr("helm status"));
    runTool(QStringLiteral("helm"), arguments, kQueryTimeoutMs, [this](const ToolResult& result) {
        if (!result.ok()) {
            failWith(result, tr("deploy it first: helmdeck-cli deploy --target cluster"));
            return;
        }
        QString error;
        context_->release = parseHelmStatus(result.stdoutData, &error);
        if (!context_->release) {
            finish(StepResult::failed(tr("cannot read helm status: %1").arg(error)));
            return;
        }
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
    QStringList arguments{QStringLiteral("history"), context_->profile.release.name,
                          QStringLiteral("-o"), QStringLiteral("json")};
    arguments << helmReleaseArgs(*context_);
    runTool(QStringLiteral("helm"), arguments, kQueryTimeoutMs, [this](const ToolResult& result) {
        if (!result.ok()) {
            failWith(result);
            return;
        }
        QString error;
        const auto history = parseHelmHistory(result.stdoutData, &error);
        if (!history) {
            finish(StepResult::failed(tr("cannot read helm history: %1").arg(error)));
            return;
        }
        context_->revisions = *history;
        for (const HelmRevision& revision : *history)
            Q_EMIT logLine(QStringLiteral("revision %1  %2  %3  %4")
                               .arg(revision.revision)
                               .arg(revision.status, revision.chart, revision.description));
        readPods();
    });
}

void StatusStep::readPods() {
    Q_EMIT progress(0.7, tr("pods"));
    QStringList arguments{QStringLiteral("get"),         QStringLiteral("pods"),
                          QStringLiteral("--namespace"), context_->profile.release.namespace_,
                          QStringLiteral("-l"),          releaseSelector(*context_),
                          QStringLiteral("-o"),          QStringLiteral("json")};
    arguments << kubectlContextArgs(*context_);
    runTool(QStringLiteral("kubectl"), arguments, kQueryTimeoutMs,
            [this](const ToolResult& result) {
                if (!result.ok()) {
                    failWith(result);
                    return;
                }
                QString error;
                const auto pods = parseKubectlPods(result.stdoutData, &error);
                if (!pods) {
                    finish(StepResult::failed(tr("cannot read the pods: %1").arg(error)));
                    return;
                }
                context_->pods = *pods;
                for (const PodInfo& pod : *pods)
                    Q_EMIT logLine(QStringLiteral("pod %1  %2  %3  restarts %4  age %5  node %6")
                                       .arg(pod.name, pod.readyText(), pod.status)
                                       .arg(pod.restarts)
                                       .arg(pod.age(), pod.node));
                const QString text = tr("%1 revision %2 %3, %n pod(s)", nullptr, int(pods->size()))
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
    QStringList arguments{QStringLiteral("logs"),
                          QStringLiteral("--namespace"),
                          context_->profile.release.namespace_,
                          QStringLiteral("-l"),
                          releaseSelector(*context_),
                          QStringLiteral("--tail"),
                          QString::number(kLogLinesPerPod),
                          QStringLiteral("--prefix"),
                          QStringLiteral("--max-log-requests"),
                          QStringLiteral("20")};
    arguments << kubectlContextArgs(*context_);
    runTool(QStringLiteral("kubectl"), arguments, kQueryTimeoutMs,
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
