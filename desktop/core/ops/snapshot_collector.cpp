#include "core/ops/snapshot_collector.hpp"

#include "core/ops/k8s_json.hpp"

namespace helmdeck::ops {

namespace {

QStringList kubectlScope(const ActionContext& context, bool namespaced = true) {
    QStringList arguments{QStringLiteral("kubectl")};
    if (!context.kubeContext.isEmpty()) arguments << QStringLiteral("--context") << context.kubeContext;
    if (namespaced) arguments << QStringLiteral("--namespace") << context.namespace_;
    return arguments;
}

QStringList helmScope(const ActionContext& context) {
    QStringList arguments;
    if (!context.kubeContext.isEmpty()) arguments << QStringLiteral("--kube-context") << context.kubeContext;
    arguments << QStringLiteral("--namespace") << context.namespace_;
    return arguments;
}

QString failure(const QString& what, const core::ToolResult& result) {
    return QStringLiteral("%1 failed: %2").arg(what, result.reason.isEmpty() ? core::nameOf(result.status) : result.reason);
}

}  // namespace

SnapshotCollector::SnapshotCollector(ActionContext context, QObject* parent)
    : QObject(parent), context_(std::move(context)) {}

SnapshotCollector::~SnapshotCollector() = default;

QString SnapshotCollector::namespacedKinds() {
    return QStringLiteral("pods,events,deployments,replicasets,services,endpoints,persistentvolumeclaims");
}

void SnapshotCollector::collect() {
    snapshot_ = {};
    logsQueued_ = false;
    steps_.clear();
    steps_ << Step{kubectlScope(context_) << QStringLiteral("get") << namespacedKinds()
                                          << QStringLiteral("--output") << QStringLiteral("json"),
                   [this](const core::ToolResult& result) {
                       if (!result.ok()) return failure(QStringLiteral("kubectl get"), result);
                       QString error;
                       return snapshot_.addKubectlJson(result.stdoutData, &error) ? QString() : error;
                   }};
    // Nodes are cluster-scoped; a user without the right to list them still gets a diagnosis.
    steps_ << Step{kubectlScope(context_, false) << QStringLiteral("get") << QStringLiteral("nodes")
                                                 << QStringLiteral("--output") << QStringLiteral("json"),
                   [this](const core::ToolResult& result) {
                       if (result.ok()) snapshot_.addKubectlJson(result.stdoutData);
                       return QString();
                   }};
    steps_ << Step{QStringList{QStringLiteral("helm"), QStringLiteral("status"), context_.release,
                               QStringLiteral("--output"), QStringLiteral("json")} << helmScope(context_),
                   [this](const core::ToolResult& result) {
                       if (result.ok()) snapshot_.setHelmStatus(result.stdoutData);
                       return QString();  // "release: not found" leaves the status empty
                   }};
    steps_ << Step{QStringList{QStringLiteral("helm"), QStringLiteral("history"), context_.release,
                               QStringLiteral("--output"), QStringLiteral("json")} << helmScope(context_),
                   [this](const core::ToolResult& result) {
                       if (result.ok()) snapshot_.setHelmHistory(result.stdoutData);
                       return QString();
                   }};
    next();
}

// After the objects are in: the last 20 lines of each crashing container, and its previous log.
void SnapshotCollector::queueLogs() {
    logsQueued_ = true;
    for (const QJsonObject& pod : snapshot_.pods) {
        const QString name = nameOfObject(pod);
        for (const QJsonValue& value : arrayAt(pod, {"status", "containerStatuses"})) {
            const QJsonObject status = value.toObject();
            if (status.value(QStringLiteral("restartCount")).toInt() == 0 &&
                textAt(status, {"state", "waiting", "reason"}) != QLatin1String("CrashLoopBackOff"))
                continue;
            const QString container = status.value(QStringLiteral("name")).toString();
            const QString key = ClusterSnapshot::logKey(name, container);
            for (const bool previous : {false, true}) {
                QStringList command = kubectlScope(context_)
                                      << QStringLiteral("logs") << QStringLiteral("pod/") + name
                                      << QStringLiteral("--container") << container << QStringLiteral("--tail=20");
                if (previous) command << QStringLiteral("--previous");
                steps_ << Step{command, [this, key, previous](const core::ToolResult& result) {
                                   if (result.ok())
                                       (previous ? snapshot_.previousLogs : snapshot_.logs)
                                           .insert(key, QString::fromUtf8(result.stdoutData));
                                   return QString();
                               }};
            }
        }
    }
}

void SnapshotCollector::next() {
    if (steps_.isEmpty()) {
        if (!logsQueued_) queueLogs();
        if (steps_.isEmpty()) {
            Q_EMIT finished(snapshot_, QString());
            return;
        }
    }
    const Step step = steps_.takeFirst();
    runner_ = std::make_unique<core::ToolRunner>();
    runner_->setCaptureStdout(true);
    runner_->setEmitStdoutLines(false);
    connect(runner_.get(), &core::ToolRunner::finished, this, [this, step](const core::ToolResult& result) {
        const QString error = step.take(result);
        if (!error.isEmpty()) {
            steps_.clear();
            Q_EMIT finished(snapshot_, error);
            return;
        }
        QMetaObject::invokeMethod(this, &SnapshotCollector::next, Qt::QueuedConnection);
    });
    runner_->start(step.command.first(), step.command.mid(1), {}, timeoutMs_);
}

}  // namespace helmdeck::ops
