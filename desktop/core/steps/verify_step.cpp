#include "core/steps/verify_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kPollIntervalMs = 1000;
constexpr int kKubectlTimeoutMs = 30000;
}  // namespace

VerifyStep::VerifyStep(int deadlineMs, QObject* parent)
    : ToolStep(parent), deadlineMs_(deadlineMs) {
    pollTimer_.setSingleShot(true);
    pollTimer_.setInterval(kPollIntervalMs);
    connect(&pollTimer_, &QTimer::timeout, this, &VerifyStep::poll);
}

void VerifyStep::start(RunContext& context) {
    context_ = &context;
    runner().setEmitStdoutLines(false);
    deadline_.setRemainingTime(deadlineMs_);
    lastState_.clear();
    poll();
}

void VerifyStep::cancel() {
    if (!isRunning()) return;
    if (pollTimer_.isActive()) {
        pollTimer_.stop();
        finish(StepResult::cancelled());
        return;
    }
    ToolStep::cancel();
}

void VerifyStep::retryOrFail(const QString& why) {
    if (why != lastState_) {
        Q_EMIT logLine(why);
        lastState_ = why;
    }
    if (deadline_.hasExpired()) {
        finish(StepResult::failed(
            tr("rollout not ready after %1 s: %2").arg(deadlineMs_ / 1000).arg(why),
            tr("look at the pods: helmdeck-cli status; kubectl describe pods -n %1")
                .arg(context_->profile.release.namespace_)));
        return;
    }
    pollTimer_.start();
}

void VerifyStep::poll() {
    const QString ns = context_->profile.release.namespace_;
    QStringList arguments{QStringLiteral("get"),         QStringLiteral("deployment"),
                          QStringLiteral("--namespace"), ns,
                          QStringLiteral("-l"),          releaseSelector(*context_),
                          QStringLiteral("-o"),          QStringLiteral("json")};
    arguments << kubectlContextArgs(*context_);
    runTool(
        QStringLiteral("kubectl"), arguments, kKubectlTimeoutMs, [this, ns](const ToolResult& got) {
            if (got.status == ToolResult::NotFound) {
                failWith(got);
                return;
            }
            if (!got.ok()) {
                retryOrFail(got.reason);
                return;
            }
            const auto deployments = parseKubectlDeployments(got.stdoutData);
            if (!deployments || deployments->isEmpty()) {
                retryOrFail(tr("no deployment labelled %1 yet").arg(releaseSelector(*context_)));
                return;
            }
            int desired = 0;
            int ready = 0;
            bool rolledOut = true;
            for (const DeploymentStatus& deployment : *deployments) {
                desired += deployment.desiredReplicas;
                ready += qMin(deployment.readyReplicas, deployment.desiredReplicas);
                rolledOut = rolledOut && deployment.rolledOut();
                if (deployment.progressDeadlineExceeded) {
                    finish(StepResult::failed(
                        tr("deployment %1 exceeded its progress deadline: %2")
                            .arg(deployment.name, deployment.message),
                        tr("helmdeck-cli status shows the pods; helmdeck-cli rollback returns to "
                           "the last good revision")));
                    return;
                }
            }
            Q_EMIT progress(desired > 0 ? 0.9 * double(ready) / double(desired) : 0.5,
                            tr("%1/%2 replicas ready").arg(ready).arg(desired));
            QStringList podArguments{QStringLiteral("get"),         QStringLiteral("pods"),
                                     QStringLiteral("--namespace"), ns,
                                     QStringLiteral("-l"),          releaseSelector(*context_),
                                     QStringLiteral("-o"),          QStringLiteral("json")};
            podArguments << kubectlContextArgs(*context_);
            runTool(QStringLiteral("kubectl"), podArguments, kKubectlTimeoutMs,
                    [this, desired, rolledOut](const ToolResult& podsResult) {
                        if (!podsResult.ok()) {
                            retryOrFail(podsResult.reason);
                            return;
                        }
                        const auto pods = parseKubectlPods(podsResult.stdoutData);
                        if (!pods) {
                            retryOrFail(tr("cannot read the pods"));
                            return;
                        }
                        context_->pods = *pods;
                        int live = 0;
                        int readyPods = 0;
                        QStringList notReady;
                        for (const PodInfo& pod : *pods) {
                            if (pod.terminating) continue;
                            ++live;
                            if (pod.ready)
                                ++readyPods;
                            else
                                notReady << QStringLiteral("%1 %2").arg(pod.name, pod.status);
                        }
                        const QString state = tr("%1/%2 pods ready").arg(readyPods).arg(desired);
                        if (rolledOut && readyPods >= desired && live == readyPods) {
                            Q_EMIT logLine(state);
                            Q_EMIT progress(1.0, state);
                            finish(StepResult::ok(state));
                            return;
                        }
                        retryOrFail(notReady.isEmpty() ? state
                                                       : state + QStringLiteral(" (") +
                                                             notReady.join(QStringLiteral(", ")) +
                                                             QLatin1Char(')'));
                    });
        });
}

}  // namespace helmdeck::core
