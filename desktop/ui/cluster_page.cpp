#include "ui/cluster_page.hpp"

#include <QGridLayout>
#include <algorithm>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/parsers/k8s_quantity.hpp"
#include "core/pod_log_stream.hpp"
#include "core/pod_resource_monitor.hpp"
#include "core/revision_comparer.hpp"
#include "core/tools/tool_session.hpp"
#include "ui/diff_view.hpp"
#include "ui/theme.hpp"
#include "ui/usage_cell_delegate.hpp"
#include "ui/page_frame.hpp"
#include "core/tools/kubectl.hpp"

namespace helmdeck::ui {

namespace {
// Usage sits beside the pod's state, so it is in view without scrolling the table.
enum PodColumn {
    NameColumn, StatusColumn, ReadyColumn, RestartsColumn, CpuColumn, MemoryColumn, AgeColumn,
    NodeColumn, EventColumn
};
constexpr int kResourceIntervalMs = 5000;

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
    const PageFrame frame = makePageFrame(this, tr("Cluster"), tr("Kube context: unknown"));
    auto* layout = frame.layout;
    auto* header = frame.header;
    context_ = frame.subtitle;
    refresh_ = new QPushButton(tr("Refresh status"), this);
    uninstall_ = new QPushButton(tr("Uninstall…"), this);
    uninstall_->setObjectName(QStringLiteral("danger"));
    header->addWidget(refresh_, 0, Qt::AlignVCenter);
    header->addWidget(uninstall_, 0, Qt::AlignVCenter);

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
    revisions_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    rollback_ = new QPushButton(tr("Roll back to selected…"), this);
    rollback_->setEnabled(false);
    compare_ = new QPushButton(tr("Compare two"), this);
    compare_->setToolTip(tr("Select two revisions to see what changed between them"));
    compare_->setEnabled(false);
    auto* revisionButtons = new QWidget(this);
    auto* revisionRow = new QHBoxLayout(revisionButtons);
    revisionRow->setContentsMargins(0, 0, 0, 0);
    revisionRow->addWidget(compare_);
    revisionRow->addWidget(rollback_);
    grid->addWidget(card(tr("Revision history"), revisions_, this, revisionButtons), 0, 0);
    podsTable_ =
        table({tr("Pod"), tr("Status"), tr("Ready"), tr("Restarts"), tr("CPU"), tr("Memory"),
               tr("Age"), tr("Node"), tr("Last event")},
              this);
    auto* usageDelegate = new UsageCellDelegate(podsTable_);
    podsTable_->setItemDelegateForColumn(CpuColumn, usageDelegate);
    podsTable_->setItemDelegateForColumn(MemoryColumn, usageDelegate);
    resourcesCaption_ = new QLabel(this);
    resourcesCaption_->setObjectName(QStringLiteral("muted"));
    resourcesCaption_->setWordWrap(true);
    auto* podsBox = new QWidget(this);
    auto* podsLayout = new QVBoxLayout(podsBox);
    podsLayout->setContentsMargins(0, 0, 0, 0);
    podsLayout->addWidget(podsTable_, 1);
    podsLayout->addWidget(resourcesCaption_);
    grid->addWidget(card(tr("Pods"), podsBox, this), 0, 1);
    resources_ = new core::PodResourceMonitor(this);
    connect(resources_, &core::PodResourceMonitor::sampled, this, &ClusterPage::showResources);
    connect(resources_, &core::PodResourceMonitor::unavailable, resourcesCaption_, &QLabel::setText);
    logs_ = new QPlainTextEdit(this);
    logs_->setObjectName(QStringLiteral("console"));
    logs_->setReadOnly(true);
    logs_->setMaximumBlockCount(5000);
    logs_->setPlaceholderText(tr("Select a pod to stream its logs."));
    revisionDiff_ = new DiffView(this);
    revisionDiff_->setMessage(tr("Select two revisions and press Compare two."));
    tabs_ = new QTabWidget(this);
    tabs_->addTab(logs_, tr("Pod logs"));
    tabs_->addTab(revisionDiff_, tr("Revision diff"));
    eventsTree_ = new QTreeWidget(this);
    eventsTree_->setHeaderLabels({tr("Object / type"), tr("Reason"), tr("Count"), tr("Last seen"),
                                  tr("Message")});
    eventsTree_->setRootIsDecorated(true);
    eventsTree_->setAlternatingRowColors(true);
    tabs_->addTab(eventsTree_, tr("Events"));
    eventsSession_ = new core::ToolSession(this);
    eventsTimer_ = new QTimer(this);
    eventsTimer_->setInterval(3000);  // live while a rollout runs
    connect(eventsTimer_, &QTimer::timeout, this, &ClusterPage::refreshEvents);
    grid->addWidget(tabs_, 1, 0, 1, 2);
    grid->setRowStretch(0, 2);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);  // the pods table carries usage columns too
    grid->setRowStretch(1, 3);
    layout->addLayout(grid, 1);

    connect(refresh_, &QPushButton::clicked, this, &ClusterPage::refreshRequested);
    connect(uninstall_, &QPushButton::clicked, this, &ClusterPage::confirmUninstall);
    connect(rollback_, &QPushButton::clicked, this, &ClusterPage::confirmRollback);
    connect(revisions_, &QTableWidget::itemSelectionChanged, this, [this] {
        const qsizetype selected = selectedRevisions().size();
        rollback_->setEnabled(selected == 1 && refresh_->isEnabled());
        compare_->setEnabled(selected == 2);
    });
    comparer_ = new core::RevisionComparer(this);
    connect(comparer_, &core::RevisionComparer::compared, revisionDiff_, &DiffView::setDiff);
    connect(comparer_, &core::RevisionComparer::failed, this, [this](const QString& reason) {
        revisionDiff_->setMessage(tr("Could not compare: %1 (fix: is the release still "
                                     "installed? Refresh status)")
                                      .arg(reason));
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        const QList<int> picked = selectedRevisions();
        if (picked.size() == 2) compareRevisions(picked.first(), picked.last());
    });
    connect(podsTable_, &QTableWidget::itemSelectionChanged, this,
            [this] { followLogs(podsTable_->currentRow()); });
    logStream_ = new core::PodLogStream(this);
    connect(logStream_, &core::PodLogStream::line, logs_, &QPlainTextEdit::appendPlainText);
    connect(logStream_, &core::PodLogStream::ended, this, [this](const QString& reason) {
        if (!reason.isEmpty()) logs_->appendPlainText(tr("— log stream ended: %1").arg(reason));
    });
}

ClusterPage::~ClusterPage() {
    stopLogs();
}

void ClusterPage::setKubeContext(const QString& context) {
    context_->setText(context.isEmpty() ? tr("Kube context: none (kubectl has no current context)")
                                        : tr("Kube context: %1").arg(context));
}

void ClusterPage::setBusy(bool busy) {
    if (busy && scopeKnown_)
        eventsTimer_->start();
    else
        eventsTimer_->stop();
    refresh_->setEnabled(!busy);
    uninstall_->setEnabled(!busy);
    rollback_->setEnabled(!busy && selectedRevisions().size() == 1);
}

int ClusterPage::podCount() const {
    return podsTable_->rowCount();
}
int ClusterPage::revisionCount() const {
    return revisions_->rowCount();
}

void ClusterPage::showContext(const core::RunContext& context) {
    if (!context.kubeContext.isEmpty()) setKubeContext(context.kubeContext);
    scope_ = core::KubeScope::of(context.profile, context.kubeContext);
    releaseName_ = context.profile.release.name;
    scopeKnown_ = true;
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
        if (!r.namespace_.isEmpty()) scope_.namespace_ = r.namespace_;
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
            const QList<std::pair<int, QString>> cells{
                {NameColumn, pod.name},
                {StatusColumn, pod.status},
                {ReadyColumn, pod.readyText()},
                {RestartsColumn, QString::number(pod.restarts)},
                {AgeColumn, pod.age()},
                {NodeColumn, pod.node}};
            for (const auto& [column, text] : cells)
                podsTable_->setItem(row, column, new QTableWidgetItem(text));
        }
        watchResources();
    }
    refreshEvents();
}

void ClusterPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!pods_.isEmpty()) resources_->start(kResourceIntervalMs);
}

void ClusterPage::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    resources_->stop();  // nobody looks: no kubectl every few seconds
}

void ClusterPage::watchResources() {
    QStringList nodes;
    for (const core::PodInfo& pod : pods_) nodes << pod.node;
    resources_->watch(scope_, nodes);
    showResources();
    if (isVisible()) resources_->start(kResourceIntervalMs);
}

void ClusterPage::showResources() {
    if (resources_->source() != core::PodResourceMonitor::Source::None)
        resourcesCaption_->setText(tr("CPU and memory from the %1, against each pod's limit")
                                       .arg(core::PodResourceMonitor::nameOf(resources_->source())));
    const auto usageItem = [](const QString& used, double limit, const QString& limitText,
                              double peak, const QList<double>& values) {
        auto* item = new QTableWidgetItem(limit > 0 ? QStringLiteral("%1 / %2").arg(used, limitText)
                                                    : used);
        const double scale = limit > 0 ? limit : peak;
        QVariantList series;
        for (double value : values) series << (scale > 0 ? value / scale : 0.0);
        if (limit > 0 && !values.isEmpty()) item->setData(UsageCellDelegate::ShareRole, values.last() / limit);
        item->setData(UsageCellDelegate::SeriesRole, series);
        return item;
    };
    for (int row = 0; row < podsTable_->rowCount() && row < pods_.size(); ++row) {
        const core::PodInfo& pod = pods_.at(row);
        const auto series = resources_->series().constFind(pod.name);
        if (series == resources_->series().constEnd() || series->samples.isEmpty()) continue;
        QList<double> cpu;
        QList<double> memory;
        for (const core::PodUsageSample& sample : series->samples) {
            cpu << sample.cpuMillicores;
            memory << sample.memoryBytes;
        }
        const core::PodResources& limits = pod.resources;
        podsTable_->setItem(row, CpuColumn,
                            usageItem(core::cpuText(cpu.last()), limits.cpuLimitMillicores,
                                      core::cpuText(limits.cpuLimitMillicores),
                                      series->peakCpuMillicores, cpu));
        podsTable_->setItem(row, MemoryColumn,
                            usageItem(core::memoryText(memory.last()), limits.memoryLimitBytes,
                                      core::memoryText(limits.memoryLimitBytes),
                                      series->peakMemoryBytes, memory));
    }
}

QString ClusterPage::podMemoryText(int row) const {
    const QTableWidgetItem* item = podsTable_->item(row, MemoryColumn);
    return item ? item->text() : QString();
}

QString ClusterPage::podCpuText(int row) const {
    const QTableWidgetItem* item = podsTable_->item(row, CpuColumn);
    return item ? item->text() : QString();
}

QString ClusterPage::resourcesCaption() const {
    return resourcesCaption_->text();
}

void ClusterPage::refreshEvents() {
    if (!scopeKnown_ || eventsSession_->isRunning()) return;
    eventsSession_->call(core::Kubectl(scope_).events(),
                         [this](const core::ToolReply<QList<core::EventInfo>>& reply) {
                             if (reply.ok()) {
                                 showEvents(*reply.value);
                                 return;
                             }
                             eventsTree_->clear();
                             auto* item = new QTreeWidgetItem(eventsTree_);
                             item->setText(0, tr("No events: %1").arg(reply.error));
                         });
}

void ClusterPage::showEvents(const QList<core::EventInfo>& events) {
    eventsTree_->clear();
    for (const core::EventGroup& group : core::groupEventsByObject(events)) {
        auto* top = new QTreeWidgetItem(eventsTree_);
        const QString warnings = group.warnings == 1 ? tr("1 warning")
                                                     : tr("%1 warnings").arg(group.warnings);
        top->setText(0, group.warnings > 0
                            ? QStringLiteral("%1 (%2)").arg(group.object, warnings)
                            : group.object);
        top->setText(1, group.events.first().reason);
        top->setText(3, QLocale().toString(group.events.first().last.toLocalTime(),
                                           QLocale::ShortFormat));
        if (group.warnings > 0) top->setForeground(0, theme::failed());
        for (const core::EventInfo& event : group.events) {
            auto* row = new QTreeWidgetItem(top);
            row->setText(0, event.type);
            row->setText(1, event.reason);
            row->setText(2, QString::number(event.count));
            row->setText(3, QLocale().toString(event.last.toLocalTime(), QLocale::ShortFormat));
            row->setText(4, event.message);
            if (event.isWarning()) row->setForeground(0, theme::failed());
        }
        top->setExpanded(true);
    }
    for (int column = 0; column < 4; ++column) eventsTree_->resizeColumnToContents(column);
    // Each pod row says what last happened to it (why it is Pending, why it restarts).
    for (int row = 0; row < podsTable_->rowCount() && row < pods_.size(); ++row)
        podsTable_->setItem(row, EventColumn, new QTableWidgetItem(core::latestReason(
                                        events, QStringLiteral("Pod"), pods_.at(row).name)));
}

QString ClusterPage::podEventReason(int row) const {
    const QTableWidgetItem* item = podsTable_->item(row, EventColumn);
    return item ? item->text() : QString();
}

QList<int> ClusterPage::selectedRevisions() const {
    QList<int> revisions;
    for (const QModelIndex& index : revisions_->selectionModel()->selectedRows())
        revisions << revisions_->item(index.row(), 0)->data(Qt::UserRole).toInt();
    std::sort(revisions.begin(), revisions.end());
    return revisions;
}

void ClusterPage::compareRevisions(int from, int to) {
    tabs_->setCurrentWidget(revisionDiff_);
    revisionDiff_->setMessage(tr("Comparing revision %1 with %2…").arg(from).arg(to));
    comparer_->compare(core::Helm(scope_), releaseName_, from, to);
}

void ClusterPage::stopLogs() {
    logStream_->stop();
}

void ClusterPage::followLogs(int podRow) {
    stopLogs();
    logs_->clear();
    if (podRow < 0 || podRow >= pods_.size()) return;
    const core::PodInfo& pod = pods_.at(podRow);
    core::KubeScope scope = scope_;
    if (!pod.namespace_.isEmpty()) scope.namespace_ = pod.namespace_;
    logStream_->follow(core::Kubectl(scope), pod.name);
}

void ClusterPage::confirmRollback() {
    const QList<int> picked = selectedRevisions();
    if (picked.size() != 1) return;
    const int revision = picked.first();
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
