// MainWindow's chrome: the toolbar, the left rail (views and pipeline steps), the status bar.

#include <QButtonGroup>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/profile.hpp"
#include "ui/main_window.hpp"
#include "ui/step_rail.hpp"
#include "ui/theme.hpp"

namespace helmdeck::ui {

using core::Target;

QWidget* MainWindow::buildToolbar() {
    auto* bar = new QToolBar(tr("Main"), this);
    bar->setMovable(false);
    bar->setFloatable(false);
    auto* brand = new QLabel(bar);
    brand->setPixmap(theme::appIcon().pixmap(26, 26));
    bar->addWidget(brand);
    auto* name = new QLabel(tr("Helmdeck"), bar);
    name->setStyleSheet(QStringLiteral(
        "font-size: 13pt; font-weight: 600; color: palette(text); padding-right: 14px;"));
    bar->addWidget(name);
    bar->addWidget(new QLabel(tr("Profile"), bar));
    profile_ = new QToolButton(bar);
    profile_->setToolTip(tr("Open another profile (helmdeck.yaml)"));
    profile_->setStyleSheet(QStringLiteral(
        "QToolButton { border: 1px solid palette(mid); border-radius: 6px; padding: 4px 10px; }"));
    connect(profile_, &QToolButton::clicked, this, &MainWindow::chooseProfile);
    bar->addWidget(profile_);
    bar->addWidget(new QLabel(tr("Target"), bar));
    target_ = new QComboBox(bar);
    target_->addItem(tr("Local"), int(Target::Local));
    target_->addItem(tr("Docker"), int(Target::Docker));
    target_->addItem(tr("Cluster"), int(Target::Cluster));
    target_->setMinimumWidth(190);
    connect(target_, &QComboBox::currentIndexChanged, this, &MainWindow::onTargetChanged);
    bar->addWidget(target_);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    rollback_ = new QPushButton(tr("Rollback"), bar);
    rollback_->setToolTip(
        tr("Roll the cluster release back to the previous good revision (Ctrl+R)"));
    stop_ = new QPushButton(tr("Stop"), bar);
    stop_->setToolTip(tr("Cancel the running pipeline"));
    deploy_ = new QPushButton(tr("Build && Deploy"), bar);
    deploy_->setObjectName(QStringLiteral("primary"));
    deploy_->setToolTip(
        tr("Build, deploy, probe and check the SLO on the selected target (Ctrl+D)"));
    deploy_->setMinimumWidth(140);
    connect(rollback_, &QPushButton::clicked, this, &MainWindow::rollback);
    connect(stop_, &QPushButton::clicked, this, &MainWindow::cancel);
    connect(deploy_, &QPushButton::clicked, this, &MainWindow::buildAndDeploy);
    bar->addWidget(rollback_);
    bar->addWidget(stop_);
    bar->addWidget(deploy_);
    return bar;
}

QWidget* MainWindow::buildRail() {
    auto* rail = new QFrame(this);
    rail->setObjectName(QStringLiteral("rail"));
    rail->setFixedWidth(232);
    auto* layout = new QVBoxLayout(rail);
    layout->setContentsMargins(10, 16, 10, 12);
    layout->setSpacing(2);
    auto caption = [rail](const QString& text) {
        auto* label = new QLabel(text, rail);
        label->setObjectName(QStringLiteral("railCaption"));
        label->setContentsMargins(10, 8, 0, 4);
        return label;
    };
    layout->addWidget(caption(tr("VIEWS")));
    nav_ = new QButtonGroup(this);
    const QStringList titles{tr("Pipeline"), tr("Health"), tr("Images"), tr("Cluster"), tr("Chat")};
    for (int i = 0; i < titles.size(); ++i) {
        auto* button = new QPushButton(titles.at(i), rail);
        button->setObjectName(QStringLiteral("navButton"));
        button->setCheckable(true);
        nav_->addButton(button, i);
        layout->addWidget(button);
    }
    connect(nav_, &QButtonGroup::idClicked, this, [this](int id) { showPage(Page(id)); });
    layout->addSpacing(14);
    layout->addWidget(caption(tr("PIPELINE STEPS")));
    rail_ = new StepRail(rail);
    layout->addWidget(rail_);
    layout->addStretch(1);
    return rail;
}

void MainWindow::buildStatusBar() {
    contextLabel_ = new QLabel(this);
    releaseLabel_ = new QLabel(tr("No release"), this);
    sloBadge_ = new QLabel(this);
    sloBadge_->setObjectName(QStringLiteral("badge"));
    statusBar()->addWidget(contextLabel_, 1);
    statusBar()->addPermanentWidget(releaseLabel_);
    statusBar()->addPermanentWidget(sloBadge_);
    statusBar()->setSizeGripEnabled(false);
    setSlo(core::CheckStatus::Unknown, tr("No verdict yet"));
}

}  // namespace helmdeck::ui
