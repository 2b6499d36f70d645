#pragma once
// Preflight: which external tools are there, their versions, and whether what they talk to
// (the Docker daemon, the kube context's API server) answers. Each problem has a fix hint.

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>

#include "core/profile.hpp"

namespace helmdeck::core {

class ToolRunner;
struct ToolResult;

struct PreflightItem {
    QString tool;  ///< docker, helm, kubectl, minikube, kind, kubectl-ai
    bool found = false;
    QString path;
    QString version;
    bool reachable = false;  ///< daemon/cluster answers; for helm, minikube, kind: works
    QString detail;          ///< e.g. "engine 20.10.24", "context minikube, server v1.30.0"
    QString problem;         ///< empty when all is well
    QString fixHint;         ///< what to do about the problem

    bool ok() const { return problem.isEmpty(); }
};

struct PreflightReport {
    QList<PreflightItem> items;
    QString kubeContext;  ///< kubectl's current context, when it has one

    /// The item for `tool`, or nullptr when it was not checked.
    const PreflightItem* item(const QString& tool) const;
    /// Tools a target needs: local none; docker {docker}; cluster {docker, helm, kubectl},
    /// plus minikube or kind when the image loader needs them (auto picks by context name).
    static QStringList toolsFor(Target target, ImageLoader loader = ImageLoader::Auto,
                                const QString& kubeContext = {});
    /// Items with a problem among the tools `target` needs (an unchecked tool counts).
    QList<PreflightItem> problemsFor(Target target, ImageLoader loader = ImageLoader::Auto) const;
};

/// Runs the checks asynchronously (all tools in parallel, each command bounded by a timeout).
class Preflight : public QObject {
    Q_OBJECT

public:
    explicit Preflight(QObject* parent = nullptr);
    ~Preflight() override;

    /// docker, helm, kubectl, minikube, kind, and kubectl-ai (optional, for the Ops assistant)
    static QStringList allTools();

    /// Per-command timeout; default 5000 ms.
    void setTimeoutMs(int ms) { timeoutMs_ = ms; }
    bool isRunning() const { return !pending_.isEmpty(); }

    /// Checks `tools` (unknown names are reported as such). Emits itemReady per tool as it
    /// completes, then finished with the items in the order asked.
    void run(const QStringList& tools = allTools());

Q_SIGNALS:
    void itemReady(const helmdeck::core::PreflightItem& item);
    void finished(const helmdeck::core::PreflightReport& report);

private:
    using Next = std::function<void(const ToolResult&)>;
    void runCommand(const QString& program, const QStringList& arguments, Next next);
    void checkDocker();
    void checkHelm();
    void checkKubectl();
    /// Runs `tool arguments`, parses its version; `vet` may then name a problem (a wrong major).
    void checkSimple(const QString& tool, const QStringList& arguments,
                     QString (*parse)(const QString&),
                     std::function<void(PreflightItem&)> vet = {});
    void missing(PreflightItem& item, const ToolResult& result);
    void complete(const PreflightItem& item);

    QStringList order_;
    QSet<QString> pending_;
    QList<PreflightItem> done_;
    QString kubeContext_;
    // A hang guard, not a speed check: on a cold page cache a throttled disk can take seconds
    // to page in a 90 MB Go binary that only prints its version.
    int timeoutMs_ = 30000;
};

}  // namespace helmdeck::core

Q_DECLARE_METATYPE(helmdeck::core::PreflightItem)
Q_DECLARE_METATYPE(helmdeck::core::PreflightReport)
