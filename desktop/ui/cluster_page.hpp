#pragma once
// The Cluster page: the Helm release, its revisions (roll back to one after a confirmation),
// the pods, a streaming log of the selected pod (`kubectl logs -f`), and uninstall.

#include <QWidget>
#include <memory>

#include "core/pipeline.hpp"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace helmdeck::core {
class ToolRunner;
}

namespace helmdeck::ui {

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

Q_SIGNALS:
    void refreshRequested();
    void rollbackRequested(int revision);
    void uninstallRequested();

private:
    void followLogs(int podRow);
    void stopLogs();
    void confirmRollback();
    void confirmUninstall();

    QList<core::PodInfo> pods_;
    QString namespace_;
    QLabel* context_ = nullptr;
    QLabel* release_ = nullptr;
    QTableWidget* revisions_ = nullptr;
    QTableWidget* podsTable_ = nullptr;
    QPlainTextEdit* logs_ = nullptr;
    QPushButton* refresh_ = nullptr;
    QPushButton* rollback_ = nullptr;
    QPushButton* uninstall_ = nullptr;
    std::unique_ptr<core::ToolRunner> logRunner_;
};

}  // namespace helmdeck::ui
