#pragma once
// The Cluster page: the Helm release, its revisions (roll back to one after a confirmation),
// the pods, a streaming log of the selected pod (`kubectl logs -f`), and uninstall.

#include <QWidget>

#include "core/pipeline.hpp"
#include "core/parsers/kubectl_event_parser.hpp"
#include "core/tools/kube_scope.hpp"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

class QTabWidget;
class QTimer;
class QTreeWidget;

namespace helmdeck::core {
class PodLogStream;
class PodResourceMonitor;
class RevisionComparer;
class ToolSession;
}

namespace helmdeck::ui {

class DiffView;

class ClusterPage : public QWidget {
    Q_OBJECT

public:
    explicit ClusterPage(QWidget* parent = nullptr);
    ~ClusterPage() override;

    /// Shows what a Run/Status/Rollback pipeline found (release, revisions, pods, context).
    void showContext(const core::RunContext& context);
    void setKubeContext(const QString& context);
    /// Buttons that start pipelines are disabled while one runs.
    void setBusy(bool busy);

    int podCount() const;
    int revisionCount() const;
    /// Compares two revisions of the release (helm get manifest/values of each) in the diff tab.
    void compareRevisions(int from, int to);
    DiffView* revisionDiff() const { return revisionDiff_; }
    /// Reads the namespace's events now (also every few seconds while a pipeline runs).
    void refreshEvents();
    QTreeWidget* eventsTree() const { return eventsTree_; }
    /// The "Last event" cell of pod `row`.
    QString podEventReason(int row) const;
    /// The "Memory" and "CPU" cells of pod `row` ("3.9 MiB / 128 MiB"), empty until measured.
    QString podMemoryText(int row) const;
    QString podCpuText(int row) const;
    /// Where the figures come from, or why there are none (with the fix).
    QString resourcesCaption() const;
    core::PodResourceMonitor* resourceMonitor() const { return resources_; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

Q_SIGNALS:
    void refreshRequested();
    void rollbackRequested(int revision);
    void uninstallRequested();

private:
    void followLogs(int podRow);
    void stopLogs();
    void confirmRollback();
    void confirmUninstall();
    QList<int> selectedRevisions() const;
    void showEvents(const QList<core::EventInfo>& events);
    void watchResources();
    void showResources();

    QList<core::PodInfo> pods_;
    core::KubeScope scope_;  ///< the run's context and namespace: logs come from there
    QLabel* context_ = nullptr;
    QLabel* release_ = nullptr;
    QTableWidget* revisions_ = nullptr;
    QTableWidget* podsTable_ = nullptr;
    QPlainTextEdit* logs_ = nullptr;
    QPushButton* refresh_ = nullptr;
    QPushButton* rollback_ = nullptr;
    QPushButton* compare_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DiffView* revisionDiff_ = nullptr;
    core::RevisionComparer* comparer_ = nullptr;
    QString releaseName_;
    QTreeWidget* eventsTree_ = nullptr;
    core::ToolSession* eventsSession_ = nullptr;
    QTimer* eventsTimer_ = nullptr;
    bool scopeKnown_ = false;
    QPushButton* uninstall_ = nullptr;
    core::PodLogStream* logStream_ = nullptr;
    core::PodResourceMonitor* resources_ = nullptr;
    QLabel* resourcesCaption_ = nullptr;
};

}  // namespace helmdeck::ui
