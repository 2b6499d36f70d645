#include "ui/cluster_page.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/tool_runner.hpp"

namespace helmdeck::ui {

namespace {
QTableWidget* table(const QStringList& headers, QWidget* parent) {
    auto* widget = new QTableWidget(0, int(headers.size()), parent);
    widget->setHorizontalHeaderLabels(headers);
    widget->verticalHeader()->setVisible(false);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->setSelectionMode(QAbstractItemView::SingleSelection);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->setShowGrid(false);
    widget->setAlternatingRowColors(true);
    return widget;
}

QWidget* card(const QString& title, QWidget* content, QWidget* parent, QWidget* extra = nullptr) {
    auto* frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("card"));
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(14, 12, 14, 12);
    auto* header = new QHBoxLayout;
    auto* label = new QLabel(title, frame);
    label->setObjectName(QStringLiteral("sectionTitle"));
    header->addWidget(label, 1);
    if (extra) header->addWidget(extra);
    layout->addLayout(header);
    layout->addWidget(content, 1);
    return frame;
}
}  // namespace

ClusterPage::ClusterPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("page"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(14);

    auto* header = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    auto* title = new QLabel(tr("Cluster"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    context_ = new QLabel(tr("Kube context: unknown"), this);
    context_->setObjectName(QStringLiteral("muted"));
    titles->addWidget(title);
    titles->addWidget(context_);
    header->addLayout(titles, 1);
    refresh_ = new QPushButton(tr("Refresh status"), this);
    uninstall_ = new QPushButton(tr("Uninstall…"), this);
    uninstall_->setObjectName(QStringLiteral("danger"));
    header->addWidget(refresh_, 0, Qt::AlignVCenter);
    header->addWidget(uninstall_, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    release_ = new QLabel(
        tr("No release information yet. Deploy to the Cluster target or refresh."), this);
    release_->setWordWrap(true);
    release_->setTextFormat(Qt::RichText);
    layout->addWidget(card(tr("Release"), release_, this));

    auto* grid = new QGridLayout;
    grid->setSpacing(12);
    revisions_ = table(
        {tr("Revision"), tr("Updated"), tr("Status"), tr("Chart"), tr("App"), tr("Description")},
        this);
    rollback_ = new QPushButton(tr("Roll back to selected…"), this);
    rollback_->setEnabled(false);
    grid->addWidget(card(tr("Revision history"), revisions_, this, rollback_), 0, 0);
    podsTable_ =
        table({tr("Pod"), tr("Status"), tr("Ready"), tr("Restarts"), tr("Age"), tr("Node")}, this);
    grid->addWidget(card(tr("Pods"), podsTable_, this), 0, 1);
    logs_ = new QPlainTextEdit(this);
    logs_->setObjectName(QStringLiteral("console"));
    logs_->setReadOnly(true);
    logs_->setMaximumBlockCount(5000);
    logs_->setPlaceholderText(tr("Select a pod to stream its logs."));
    grid->addWidget(card(tr("Pod logs"), logs_, this), 1, 0, 1, 2);
    grid->setRowStretch(0, 2);
    grid->setRowStretch(1, 3);
    layout->addLayout(grid, 1);

    connect(refresh_, &QPushButton::clicked, this, &ClusterPage::refreshRequested);
    connect(uninstall_, &QPushButton::clicked, this, &ClusterPage::confirmUninstall);
    connect(rollback_, &QPushButton::clicked, this, &ClusterPage::confirmRollback);
    connect(revisions_, &QTableWidget::itemSelectionChanged, this, [this] {
        rollback_->setEnabled(revisions_->currentRow() >= 0 && refresh_->isEnabled());
    });
    connect(podsTable_, &QTableWidget::itemSelectionChanged, this,
            [this] { followLogs(podsTable_->currentRow()); });
}

ClusterPage::~ClusterPage() {
    stopLogs();
}

void ClusterPage::setKubeContext(const QString& context) {
    context_->setText(context.isEmpty() ? tr("Kube context: none (kubectl has no current context)")
                                        : tr("Kube context: %1").arg(context));
}

void ClusterPage::setBusy(bool busy) {
    refresh_->setEnabled(!busy);
    uninstall_->setEnabled(!busy);
    rollback_->setEnabled(!busy && revisions_->currentRow() >= 0);
}

int ClusterPage::podCount() const {
    return podsTable_->rowCount();
}
int ClusterPage::revisionCount() const {
    return revisions_->rowCount();
}

void ClusterPage::showContext(const core::RunContext& context) {
    if (!context.kubeContext.isEmpty()) setKubeContext(context.kubeContext);
    namespace_ = context.profile.release.namespace_;
    if (context.release) {
        const core::HelmRelease& r = *context.release;
        release_->setText(
            tr("<b>%1</b> in namespace <b>%2</b> — revision <b>%3</b>, status <b>%4</b><br>"
               "chart %5, app %6, last deployed %7")
                .arg(r.name.toHtmlEscaped(), r.namespace_.toHtmlEscaped())
                .arg(r.revision)
                .arg(r.status.toHtmlEscaped(), r.chart().toHtmlEscaped(),
                     r.appVersion.toHtmlEscaped(),
                     QLocale().toString(r.lastDeployed.toLocalTime(), QLocale::ShortFormat)));
        namespace_ = r.namespace_;
    }
    if (!context.revisions.isEmpty()) {
        revisions_->setRowCount(0);
        for (auto it = context.revisions.crbegin(); it != context.revisions.crend(); ++it) {
            const int row = revisions_->rowCount();
            revisions_->insertRow(row);
            const QStringList cells{
                QString::number(it->revision),
                QLocale().toString(it->updated.toLocalTime(), QLocale::ShortFormat),
                it->status,
                it->chart,
                it->appVersion,
                it->description};
            for (int column = 0; column < cells.size(); ++column)
                revisions_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            revisions_->item(row, 0)->setData(Qt::UserRole, it->revision);
        }
    }
    if (!context.pods.isEmpty()) {
        pods_ = context.pods;
        const QSignalBlocker blocker(podsTable_);
        podsTable_->setRowCount(0);
        for (const auto& pod : pods_) {
            const int row = podsTable_->rowCount();
            podsTable_->insertRow(row);
            const QStringList cells{pod.name,        pod.status,
                                    pod.readyText(), QString::number(pod.restarts),
                                    pod.age(),       pod.node};
            for (int column = 0; column < cells.size(); ++column)
                podsTable_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
    }
}

void ClusterPage::stopLogs() {
    if (!logRunner_) return;
    logRunner_->disconnect(this);
    logRunner_->cancel();
    logRunner_.reset();  // its destructor kills a child that is still there
}

void ClusterPage::followLogs(int podRow) {
    stopLogs();
    logs_->clear();
    if (podRow < 0 || podRow >= pods_.size()) return;
    const core::PodInfo& pod = pods_.at(podRow);
    logRunner_ = std::make_unique<core::ToolRunner>();
    connect(logRunner_.get(), &core::ToolRunner::stdoutLine, logs_,
            &QPlainTextEdit::appendPlainText);
    connect(logRunner_.get(), &core::ToolRunner::stderrLine, logs_,
            &QPlainTextEdit::appendPlainText);
    connect(logRunner_.get(), &core::ToolRunner::finished, this,
            [this](const core::ToolResult& result) {
                if (!result.ok() && result.status != core::ToolResult::Cancelled)
                    logs_->appendPlainText(tr("— log stream ended: %1").arg(result.reason));
            });
    const QString ns = pod.namespace_.isEmpty() ? namespace_ : pod.namespace_;
    logRunner_->start(QStringLiteral("kubectl"),
                      {QStringLiteral("logs"), QStringLiteral("-f"), QStringLiteral("--tail=200"),
                       QStringLiteral("-n"), ns, pod.name});
}

void ClusterPage::confirmRollback() {
    const int row = revisions_->currentRow();
    if (row < 0) return;
    const int revision = revisions_->item(row, 0)->data(Qt::UserRole).toInt();
    const auto answer = QMessageBox::question(
        this, tr("Roll back the release?"),
        tr("Roll the release back to revision %1? Helm creates a new revision with its manifest.")
            .arg(revision));
    if (answer == QMessageBox::Yes) Q_EMIT rollbackRequested(revision);
}

void ClusterPage::confirmUninstall() {
    const auto answer = QMessageBox::warning(
        this, tr("Uninstall the release?"),
        tr("Uninstall the Helm release and delete its pods? Its data in the cluster is lost."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes) Q_EMIT uninstallRequested();
}

}  // namespace helmdeck::ui
