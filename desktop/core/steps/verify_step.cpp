#include "core/steps/verify_step.hpp"

namespace helmdeck::core {

namespace {
constexpr int kPollIntervalMs = 1000;
}  // namespace

VerifyStep::VerifyStep(int deadlineMs, QObject* parent)
    : ToolStep(parent), deadlineMs_(deadlineMs) {
    pollTimer_.setSingleShot(true);
    pollTimer_.setInterval(kPollIntervalMs);
    connect(&pollTimer_, &QTimer::timeout, this, &VerifyStep::poll);
}

void VerifyStep::start(RunContext& context) {
    context_ = &context;
    setLogStdout(false);
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
    const Kubectl tool = kubectl(*context_);
    call(tool.deployments(releaseSelector(*context_)),
         [this, tool](const ToolReply<QList<DeploymentStatus>>& got) {
             if (got.result.status == ToolResult::NotFound) {
                 failWith(got);
                 return;
             }
             if (!got.result.ok()) {
                 retryOrFail(got.error);
                 return;
             }
             if (!got.ok() || got.value->isEmpty()) {
                 retryOrFail(tr("no deployment labelled %1 yet").arg(releaseSelector(*context_)));
                 return;
             }
             int desired = 0;
             int ready = 0;
             bool rolledOut = true;
             for (const DeploymentStatus& deployment : *got.value) {
                 desired += deployment.desiredReplicas;
                 ready += qMin(deployment.readyReplicas, deployment.desiredReplicas);
                 rolledOut = rolledOut && deployment.rolledOut();
                 if (deployment.progressDeadlineExceeded) {
                     finish(StepResult::failed(
                         tr("deployment %1 exceeded its progress deadline: %2")
                             .arg(deployment.name, deployment.message),
                         tr("helmdeck-cli status shows the pods; helmdeck-cli rollback returns "
                            "to the last good revision")));
                     return;
                 }
             }
             Q_EMIT progress(desired > 0 ? 0.9 * double(ready) / double(desired) : 0.5,
                             tr("%1/%2 replicas ready").arg(ready).arg(desired));
             call(tool.pods(releaseSelector(*context_)),
                  [this, desired, rolledOut](const ToolReply<QList<PodInfo>>& pods) {
                      if (!pods.ok()) {
                          retryOrFail(pods.result.ok() ? tr("cannot read the pods") : pods.error);
                          return;
                      }
                      checkPods(*pods.value, desired, rolledOut);
                  });
         });
}

void VerifyStep::checkPods(const QList<PodInfo>& pods, int desired, bool rolledOut) {
    context_->pods = pods;
    int live = 0;
    int readyPods = 0;
    QStringList notReady;
    for (const PodInfo& pod : pods) {
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
    retryOrFail(notReady.isEmpty()
                    ? state
                    : state + QStringLiteral(" (") + notReady.join(QStringLiteral(", ")) +
                          QLatin1Char(')'));
}

}  // namespace helmdeck::core
