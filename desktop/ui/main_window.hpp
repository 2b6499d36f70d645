#pragma once
// The dashboard window: toolbar (profile, target, Build & Deploy, Stop, Rollback), the left
// rail (pages and pipeline steps), the pages, the notice banner and the status bar.

#include <QMainWindow>
#include <optional>

#include "core/pipeline.hpp"
#include "core/preflight.hpp"
#include "core/profile.hpp"

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace helmdeck::ui {

class ChatPage;
class ClusterPage;
class DeploySession;
class HealthPage;
class ImagesPage;
class LiveLatencySeries;
class LiveMonitor;
class NoticeBanner;
class PipelinePage;
class StepRail;

struct MainWindowOptions {
    QString profilePath;  ///< empty: the last one, else the workspace's helmdeck.yaml
    std::optional<core::Target> target;  ///< empty: the last one, else the profile's
    bool persistSettings = true;         ///< false for screenshots and tests
    bool preflightOnStart = true;
};

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum class Page { Pipeline, Health, Images, Cluster, Chat };
    /// "pipeline", "health", … → Page; false when unknown.
    static bool pageFromName(const QString& name, Page* page);

    explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    void setTarget(core::Target target);
    core::Target target() const;

    DeploySession* session() const { return session_; }
    StepRail* rail() const { return rail_; }
    PipelinePage* pipelinePage() const { return pipelinePage_; }
    HealthPage* healthPage() const { return healthPage_; }
    ImagesPage* imagesPage() const { return imagesPage_; }
    ClusterPage* clusterPage() const { return clusterPage_; }
    ChatPage* chatPage() const { return chatPage_; }
    NoticeBanner* banner() const { return banner_; }
    QPushButton* deployButton() const { return deploy_; }
    QPushButton* stopButton() const { return stop_; }
    /// "pass", "fail" or "unknown": what the SLO badge shows.
    QString sloStatus() const { return sloStatus_; }
    std::optional<core::PreflightReport> preflightReport() const { return preflight_; }

public Q_SLOTS:
    void buildAndDeploy();  ///< Ctrl+D: the whole path for the target, with probe and verdict
    void buildImages();     ///< Ctrl+B: build and measure the images
    void rollback();        ///< Ctrl+R: after a confirmation, roll the cluster release back
    void restartBackend();  ///< brings the endpoint up again (after the backend was lost)
    void cancel();
    void runPreflight();

Q_SIGNALS:
    void runFinished(helmdeck::core::Pipeline* pipeline);
    void preflightFinished(const helmdeck::core::PreflightReport& report);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildToolbar();
    QWidget* buildRail();
    void buildStatusBar();
    void loadProfile(const QString& path);
    void chooseProfile();
    void onTargetChanged();
    void onPipelineCreated(core::Pipeline* pipeline);
    void onPipelineFinished(core::Pipeline* pipeline);
    void onEndpointChanged(const QUrl& url);
    void updateBanner();
    void updateActions();
    void setSlo(core::CheckStatus status, const QString& reason);
    void reloadHistory();
    bool startKind(core::PipelineKind kind, std::optional<int> revision = {});

    MainWindowOptions options_;
    DeploySession* session_ = nullptr;
    LiveLatencySeries* series_ = nullptr;
    LiveMonitor* monitor_ = nullptr;
    std::optional<core::PreflightReport> preflight_;
    core::Preflight* preflightRunner_ = nullptr;
    bool measuredLocalImages_ = false;
    QString sloStatus_ = QStringLiteral("unknown");

    QToolButton* profile_ = nullptr;
    QComboBox* target_ = nullptr;
    QPushButton* deploy_ = nullptr;
    QPushButton* stop_ = nullptr;
    QPushButton* rollback_ = nullptr;
    QButtonGroup* nav_ = nullptr;
    StepRail* rail_ = nullptr;
    NoticeBanner* banner_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    PipelinePage* pipelinePage_ = nullptr;
    HealthPage* healthPage_ = nullptr;
    ImagesPage* imagesPage_ = nullptr;
    ClusterPage* clusterPage_ = nullptr;
    ChatPage* chatPage_ = nullptr;
    QLabel* contextLabel_ = nullptr;
    QLabel* releaseLabel_ = nullptr;
    QLabel* sloBadge_ = nullptr;
};

}  // namespace helmdeck::ui
