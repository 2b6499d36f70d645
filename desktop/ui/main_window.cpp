#include "ui/main_window.hpp"

#include <QApplication>
#include <QButtonGroup>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/paths.hpp"
#include "core/run_history.hpp"
#include "ui/chat_page.hpp"
#include "ui/ops_pane.hpp"
#include "ui/cluster_page.hpp"
#include "ui/deploy_session.hpp"
#include "ui/diff_dialog.hpp"
#include "ui/health_page.hpp"
#include "ui/images_page.hpp"
#include "ui/live_latency_series.hpp"
#include "ui/live_monitor.hpp"
#include "ui/notice_banner.hpp"
#include "ui/pipeline_page.hpp"
#include "ui/step_rail.hpp"
#include "ui/theme.hpp"

namespace helmdeck::ui {

using core::PipelineKind;
using core::Target;

namespace {
const QStringList kPageNames{QStringLiteral("pipeline"), QStringLiteral("health"),
                             QStringLiteral("images"), QStringLiteral("cluster"),
                             QStringLiteral("chat")};

const QString kOrganization = QStringLiteral("Helmdeck");
const QString kApplication = QStringLiteral("helmdeck");
}  // namespace

bool MainWindow::pageFromName(const QString& name, Page* page) {
    const int index = int(kPageNames.indexOf(name.toLower()));
    if (index < 0) return false;
    *page = Page(index);
    return true;
}

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent)
    : QMainWindow(parent), options_(options) {
    setWindowTitle(tr("Helmdeck"));
    setWindowIcon(theme::appIcon());
    session_ = new DeploySession(this);
    series_ = new LiveLatencySeries(300);
    monitor_ = new LiveMonitor(series_, this);

    addToolBar(Qt::TopToolBarArea, qobject_cast<QToolBar*>(buildToolbar()));
    auto* central = new QWidget(this);
    auto* row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(buildRail());
    auto* column = new QVBoxLayout;
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    banner_ = new NoticeBanner(central);
    auto* bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(24, 14, 24, 0);
    bannerBox->addWidget(banner_);
    column->addLayout(bannerBox);
    pages_ = new QStackedWidget(central);
    pipelinePage_ = new PipelinePage(pages_);
    healthPage_ = new HealthPage(series_, pages_);
    imagesPage_ = new ImagesPage(pages_);
    clusterPage_ = new ClusterPage(pages_);
    chatPage_ = new ChatPage(pages_);
    for (QWidget* page : {static_cast<QWidget*>(pipelinePage_), static_cast<QWidget*>(healthPage_),
                          static_cast<QWidget*>(imagesPage_), static_cast<QWidget*>(clusterPage_),
                          static_cast<QWidget*>(chatPage_)})
        pages_->addWidget(page);
    column->addWidget(pages_, 1);
    row->addLayout(column, 1);
    setCentralWidget(central);
    buildStatusBar();

    session_->setDiffConfirmation(
        [this](const core::ReleaseDiff& diff, std::function<void(bool)> answer) {
            auto* dialog = new DiffDialog(diff, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &DiffDialog::answered, this, [answer](bool yes) { answer(yes); });
            dialog->open();
        });
    connect(session_, &DeploySession::pipelineCreated, this, &MainWindow::onPipelineCreated);
    connect(session_, &DeploySession::pipelineFinished, this, &MainWindow::onPipelineFinished);
    connect(session_, &DeploySession::endpointChanged, this, &MainWindow::onEndpointChanged);
    connect(session_, &DeploySession::serviceLog, pipelinePage_, &PipelinePage::appendServiceLine);
    connect(session_, &DeploySession::serviceLost, this, [this](const QString& reason) {
        banner_->showMessage(tr("The backend stopped: %1").arg(reason), tr("Restart backend"));
        contextLabel_->setText(tr("%1 · backend stopped").arg(core::nameOf(target())));
    });
    connect(banner_, &NoticeBanner::actionTriggered, this, &MainWindow::restartBackend);
    connect(
        monitor_, &LiveMonitor::serverSide, healthPage_,
        [this](const core::ServerSideSummary& summary) { healthPage_->setServerSide(summary); });
    connect(healthPage_, &HealthPage::probeRateChanged, this, [this](double rate) {
        monitor_->setRateHz(rate);
        if (options_.persistSettings)
            QSettings(kOrganization, kApplication).setValue(QStringLiteral("probeRate"), rate);
    });
    connect(clusterPage_, &ClusterPage::refreshRequested, this,
            [this] { startKind(PipelineKind::Status); });
    connect(clusterPage_, &ClusterPage::rollbackRequested, this,
            [this](int revision) { startKind(PipelineKind::Rollback, revision); });
    connect(clusterPage_, &ClusterPage::uninstallRequested, this,
            [this] { startKind(PipelineKind::Uninstall); });

    auto shortcut = [this](const QKeySequence& keys, void (MainWindow::*slot)()) {
        connect(new QShortcut(keys, this), &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_B), &MainWindow::buildImages);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_D), &MainWindow::buildAndDeploy);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_R), &MainWindow::rollback);

    const QSettings stored(kOrganization, kApplication);
    QString profilePath = options_.profilePath;
    if (profilePath.isEmpty() && options_.persistSettings)
        profilePath = stored.value(QStringLiteral("profile")).toString();
    if (profilePath.isEmpty() || !QFileInfo::exists(profilePath)) {
        const QString root = core::findWorkspaceRoot();
        profilePath =
            root.isEmpty() ? QString() : QDir(root).filePath(QStringLiteral("helmdeck.yaml"));
    }
    loadProfile(profilePath);
    Target initial = session_->profile().target;
    if (options_.target)
        initial = *options_.target;
    else if (options_.persistSettings)
        core::parseTarget(stored.value(QStringLiteral("target")).toString(), &initial);
    setTarget(initial);
    const double rate =
        options_.persistSettings
            ? stored.value(QStringLiteral("probeRate"), session_->profile().probe.rateHz).toDouble()
            : session_->profile().probe.rateHz;
    monitor_->setRateHz(rate);
    healthPage_->setProbeRate(monitor_->rateHz());
    if (options_.persistSettings)
        restoreGeometry(stored.value(QStringLiteral("geometry")).toByteArray());
    if (!options_.persistSettings || !stored.contains(QStringLiteral("geometry")))
        resize(1280, 820);

    reloadHistory();
    showPage(Page::Pipeline);
    updateActions();
    if (options_.preflightOnStart)
        QTimer::singleShot(0, this, &MainWindow::runPreflight);  // after first paint
}

MainWindow::~MainWindow() {
    monitor_->stop();
    delete series_;
}

void MainWindow::loadProfile(const QString& path) {
    core::Profile profile = core::defaultProfile();
    if (!path.isEmpty()) {
        try {
            profile = core::loadProfile(path);
        } catch (const core::ProfileError& error) {
            banner_->showMessage(
                tr("Profile error, using the built-in profile: %1").arg(error.toString()));
        }
    }
    session_->setProfile(profile);
    // Ops reads and operates the profile's release, in its context and read-only mode.
    const ops::OpsSettings ops = ops::settingsFor(profile, false);
    chatPage_->opsPane()->setSettings(ops);
    pipelinePage_->setOpsSettings(ops);
    profile_->setText(profile.sourcePath.isEmpty() ? tr("built-in")
                                                   : QFileInfo(profile.sourcePath).fileName());
    setWindowTitle(profile.sourcePath.isEmpty()
                       ? tr("Helmdeck")
                       : tr("%1 — Helmdeck").arg(QDir::toNativeSeparators(profile.sourcePath)));
    profile_->setToolTip(profile.sourcePath.isEmpty() ? tr("No helmdeck.yaml found")
                                                      : profile.sourcePath);
    healthPage_->setSloMs(profile.slo.latencyP95Ms);
    imagesPage_->setBudgetMb(profile.slo.imageSizeMb);
    monitor_->setProbeSpec(profile.probe);
    if (options_.persistSettings && !profile.sourcePath.isEmpty())
        QSettings(kOrganization, kApplication)
            .setValue(QStringLiteral("profile"), profile.sourcePath);
}

void MainWindow::chooseProfile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a Helmdeck profile"), QString(), tr("Helmdeck profiles (*.yaml *.yml)"));
    if (!path.isEmpty()) loadProfile(path);
}

void MainWindow::onTargetChanged() {
    session_->setTarget(target());
    if (options_.persistSettings)
        QSettings(kOrganization, kApplication)
            .setValue(QStringLiteral("target"), core::nameOf(target()));
    updateBanner();
    updateActions();
}

void MainWindow::showPage(Page page) {
    pages_->setCurrentIndex(int(page));
    if (auto* button = nav_->button(int(page))) button->setChecked(true);
}

MainWindow::Page MainWindow::currentPage() const {
    return Page(pages_->currentIndex());
}

void MainWindow::setTarget(Target target) {
    target_->setCurrentIndex(target_->findData(int(target)));
}

Target MainWindow::target() const {
    return Target(target_->currentData().toInt());
}

bool MainWindow::startKind(PipelineKind kind, std::optional<int> revision) {
    if (!session_->start(kind, revision)) return false;
    updateActions();
    return true;
}

void MainWindow::buildAndDeploy() {
    if (startKind(PipelineKind::Run)) showPage(Page::Pipeline);
}

void MainWindow::buildImages() {
    if (startKind(PipelineKind::Build)) showPage(Page::Pipeline);
}

void MainWindow::restartBackend() {
    banner_->hide();
    startKind(PipelineKind::Endpoint);
}

void MainWindow::cancel() {
    session_->cancel();
}

void MainWindow::rollback() {
    if (session_->isRunning()) return;
    const auto answer = QMessageBox::question(
        this, tr("Roll back the release?"),
        tr("Roll the Helm release back to its previous good revision on the cluster?"));
    if (answer == QMessageBox::Yes) startKind(PipelineKind::Rollback);
}

void MainWindow::runPreflight() {
    if (!preflightRunner_) {
        preflightRunner_ = new core::Preflight(this);
        connect(preflightRunner_, &core::Preflight::finished, this,
                [this](const core::PreflightReport& report) {
                    preflight_ = report;
                    const QString context =
                        report.kubeContext.isEmpty() ? tr("no context") : report.kubeContext;
                    target_->setItemText(target_->findData(int(Target::Cluster)),
                                         tr("Cluster (%1)").arg(context));
                    clusterPage_->setKubeContext(report.kubeContext);
                    updateBanner();
                    // Real sizes for the Images page even on the local target: the newest local
                    // builds.
                    const core::PreflightItem* docker = report.item(QStringLiteral("docker"));
                    if (!measuredLocalImages_ && docker && docker->ok()) {
                        measuredLocalImages_ = true;
                        for (const auto& image : session_->profile().images)
                            imagesPage_->measureLocal(image.name);
                    }
                    Q_EMIT preflightFinished(report);
                });
    }
    if (!preflightRunner_->isRunning()) preflightRunner_->run();
}

void MainWindow::updateBanner() {
    if (!preflight_ || (banner_->isVisible() && !banner_->isPreflight())) return;
    const auto problems =
        preflight_->problemsFor(target(), session_->profile().cluster.imageLoader);
    banner_->showPreflight(target_->currentText(), problems);
}

void MainWindow::updateActions() {
    const bool running = session_->isRunning();
    deploy_->setEnabled(!running);
    stop_->setEnabled(running);
    rollback_->setEnabled(!running && target() == Target::Cluster);
    target_->setEnabled(!running);
    profile_->setEnabled(!running);
    clusterPage_->setBusy(running);
    if (!session_->endpoint().isValid())
        contextLabel_->setText(tr("%1 target · no backend running").arg(target_->currentText()));
}

void MainWindow::onPipelineCreated(core::Pipeline* pipeline) {
    rail_->attach(pipeline);
    pipelinePage_->attach(pipeline);
    const PipelineKind kind = session_->kind();
    if (kind == PipelineKind::Run || kind == PipelineKind::Probe) {
        series_->clear();
        setSlo(core::CheckStatus::Unknown, tr("Run in progress"));
    }
    connect(pipeline, &core::Pipeline::probeSample, this,
            [this](const core::ProbeSample& sample) { series_->add(sample); });
    if (banner_->isVisible() && !banner_->isPreflight()) banner_->hide();
    updateActions();
}

void MainWindow::onPipelineFinished(core::Pipeline* pipeline) {
    const core::RunContext& context = pipeline->context();
    if (context.probe)
        healthPage_->setServerSide(context.probe->server, tr("the deploy's probe run"));
    if (context.verdict)
        setSlo(context.verdict->overall, context.verdict->reason);
    else if (pipeline->outcome() == core::Pipeline::Outcome::StepFailed &&
             (session_->kind() == PipelineKind::Run || session_->kind() == PipelineKind::Probe))
        setSlo(core::CheckStatus::Unknown, pipeline->outcomeReason());
    imagesPage_->addImages(context.images);
    if (context.release)
        releaseLabel_->setText(tr("Release %1 · revision %2")
                                   .arg(context.release->name)
                                   .arg(context.release->revision));
    if (context.target == Target::Cluster) clusterPage_->showContext(context);
    reloadHistory();
    updateActions();
    Q_EMIT runFinished(pipeline);
}

void MainWindow::onEndpointChanged(const QUrl& url) {
    chatPage_->setEndpoint(url);
    healthPage_->setEndpoint(url);
    if (url.isValid()) {
        monitor_->start(url);
        const auto service = session_->service();
        contextLabel_->setText(
            tr("%1 target · %2")
                .arg(target_->currentText(), service ? service->description() : url.toString()));
    } else {
        monitor_->stop();
    }
    updateActions();
}

void MainWindow::setSlo(core::CheckStatus status, const QString& reason) {
    sloStatus_ = core::checkStatusName(status);
    const QColor color = status == core::CheckStatus::Pass   ? theme::ok()
                         : status == core::CheckStatus::Fail ? theme::failed()
                                                             : theme::idle();
    sloBadge_->setText(status == core::CheckStatus::Pass   ? tr("SLO PASS")
                       : status == core::CheckStatus::Fail ? tr("SLO FAIL")
                                                           : tr("SLO —"));
    sloBadge_->setStyleSheet(QStringLiteral("background: %1;").arg(color.name()));
    sloBadge_->setToolTip(reason);
}

void MainWindow::reloadHistory() {
    const auto loaded = core::RunHistory(core::appDataDir()).load();
    imagesPage_->setHistory(loaded.runs);
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::ApplicationPaletteChange) {
        const QString css = theme::styleSheet(theme::isDark());
        if (qApp->styleSheet() != css) qApp->setStyleSheet(css);
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (options_.persistSettings)
        QSettings(kOrganization, kApplication).setValue(QStringLiteral("geometry"), saveGeometry());
    session_->cancel();
    monitor_->stop();
    session_->stopService();
    QMainWindow::closeEvent(event);
}

}  // namespace helmdeck::ui
