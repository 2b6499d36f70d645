#pragma once
// Gathers a ClusterSnapshot from the live cluster: one `kubectl get` of the namespace's kinds,
// the nodes, `helm status/history -o json`, then the logs of the containers that crash.

#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

#include "core/ops/action.hpp"
#include "core/ops/cluster_snapshot.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::ops {

class SnapshotCollector : public QObject {
    Q_OBJECT

public:
    explicit SnapshotCollector(ActionContext context, QObject* parent = nullptr);
    ~SnapshotCollector() override;

    /// The kinds read in one call, as kubectl spells them.
    static QString namespacedKinds();
    void setTimeoutMs(int ms) { timeoutMs_ = ms; }

    /// Starts collecting; finished() follows. `error` is set when the cluster cannot be read
    /// (the release missing is not an error: its status stays empty).
    void collect();

Q_SIGNALS:
    void finished(const helmdeck::ops::ClusterSnapshot& snapshot, const QString& error);

private:
    struct Step {
        QStringList command;
        std::function<QString(const core::ToolResult&)> take;  ///< returns an error to stop on
    };
    void queueLogs();
    void next();

    ActionContext context_;
    ClusterSnapshot snapshot_;
    QList<Step> steps_;
    std::unique_ptr<core::ToolRunner> runner_;
    int timeoutMs_ = 20000;
    bool logsQueued_ = false;
};

}  // namespace helmdeck::ops
