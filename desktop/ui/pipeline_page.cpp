#include "ui/pipeline_page.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTextDocument>
#include <algorithm>
#include <QVBoxLayout>

#include "core/profile.hpp"
#include "ui/log_console.hpp"
#include "ui/ops_pane.hpp"
#include "ui/state_icons.hpp"
#include "ui/step_rail.hpp"

namespace helmdeck::ui {

using core::StepState;

namespace {
constexpr int kColumns = 4;

QString stateText(StepState state) {
    switch (state) {
        case StepState::Idle:
            return PipelinePage::tr("Waiting");
        case StepState::Running:
            return PipelinePage::tr("Running");
        case StepState::Ok:
            return PipelinePage::tr("Done");
        case StepState::Failed:
            return PipelinePage::tr("Failed");
        case StepState::Cancelled:
            return PipelinePage::tr("Cancelled");
        case StepState::Skipped:
            return PipelinePage::tr("Skipped");
    }
    return {};
}
}  // namespace

StepCard::StepCard(int index, const QString& title, QWidget* parent)
    : QWidget(parent), index_(index) {
    auto* frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("card"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(frame);
    auto* layout = new QGridLayout(frame);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setHorizontalSpacing(10);
    layout->setVerticalSpacing(6);
    icon_ = new QLabel(frame);
    icon_->setFixedSize(22, 22);
    auto* name = new QLabel(title, frame);
    name->setObjectName(QStringLiteral("sectionTitle"));
    duration_ = new QLabel(frame);
    duration_->setObjectName(QStringLiteral("muted"));
    status_ = new QLabel(frame);
    status_->setObjectName(QStringLiteral("muted"));
    status_->setWordWrap(true);
    status_->setMinimumHeight(status_->fontMetrics().height() * 2);
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    progress_ = new QProgressBar(frame);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    layout->addWidget(icon_, 0, 0);
    layout->addWidget(name, 0, 1);
    layout->addWidget(duration_, 0, 2, Qt::AlignRight);
    layout->addWidget(progress_, 1, 0, 1, 3);
    layout->addWidget(status_, 2, 0, 1, 3);
    rollout_ = new QLabel(frame);
    rollout_->setTextFormat(Qt::RichText);
    rollout_->setVisible(false);
    layout->addWidget(rollout_, 3, 0, 1, 3);
    layout->setColumnStretch(1, 1);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Show this step's log"));
    setState(StepState::Idle);
}

void StepCard::setState(StepState state, const QString& detail) {
    state_ = state;
    icon_->setPixmap(stateIcon(state, 22, devicePixelRatioF()));
    status_->setText(detail.isEmpty() ? stateText(state) : detail);
    if (state == StepState::Ok || state == StepState::Failed) progress_->setValue(1000);
    // The chunk takes the state's colour so a glance at the cards tells the story.
    progress_->setStyleSheet(
        QStringLiteral("QProgressBar::chunk { background: %1; }").arg(colorOf(state).name()));
    if (state == StepState::Skipped || state == StepState::Idle) progress_->setValue(0);
}

void StepCard::setProgress(double fraction, const QString& text) {
    progress_->setValue(int(qBound(0.0, fraction, 1.0) * 1000));
    if (!text.isEmpty()) status_->setText(text);
}

void StepCard::setDetail(const QVariantMap& detail) {
    if (detail.value(QStringLiteral("kind")).toString() != QLatin1String("rollout")) return;
    // One square per pod: filled for a ready pod of the new ReplicaSet, hollow for one still
    // starting, grey for the old ReplicaSets' pods that are yet to go.
    const auto squares = [](int count, const QString& glyph, const QColor& colour) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>")
            .arg(colour.name(), glyph.repeated(std::min(count, 12)));
    };
    QStringList rows;
    for (const QVariant& value : detail.value(QStringLiteral("deployments")).toList()) {
        const QVariantMap row = value.toMap();
        const int desired = row.value(QStringLiteral("desired")).toInt();
        const int ready = std::min(row.value(QStringLiteral("ready")).toInt(), desired);
        const int old = row.value(QStringLiteral("old")).toInt();
        QString text = QStringLiteral("<b>%1</b> rev %2&nbsp; %3%4 %5/%6 new")
                           .arg(row.value(QStringLiteral("name")).toString().toHtmlEscaped())
                           .arg(row.value(QStringLiteral("revision")).toInt())
                           .arg(squares(ready, QStringLiteral("■"), colorOf(StepState::Ok)),
                                squares(desired - ready, QStringLiteral("□"), colorOf(StepState::Running)))
                           .arg(ready)
                           .arg(desired);
        if (old > 0)
            text += QStringLiteral(" · %1 %2 old").arg(squares(old, QStringLiteral("■"), colorOf(StepState::Idle))).arg(old);
        rows << text;
    }
    rollout_->setText(rows.join(QStringLiteral("<br>")));
    rollout_->setVisible(!rows.isEmpty());
}

QString StepCard::rolloutText() const {
    QTextDocument document;
    document.setHtml(rollout_->text());
    return document.toPlainText();
}

void StepCard::setDuration(qint64 ms) {
    duration_->setText(ms > 0 ? StepRail::formatDuration(ms) : QString());
}

void StepCard::mousePressEvent(QMouseEvent* event) {
    Q_EMIT activated(index_);
    QWidget::mousePressEvent(event);
}

PipelinePage::PipelinePage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("page"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(14);
    auto* title = new QLabel(tr("Pipeline"), this);
    title->setObjectName(QStringLiteral("pageTitle"));
    subtitle_ = new QLabel(tr("Build & Deploy runs every step for the selected target."), this);
    subtitle_->setObjectName(QStringLiteral("muted"));
    layout->addWidget(title);
    layout->addWidget(subtitle_);

    failure_ = new QFrame(this);
    failure_->setObjectName(QStringLiteral("failure"));
    auto* failureLayout = new QVBoxLayout(failure_);
    failureLayout->setContentsMargins(14, 10, 14, 10);
    failureReason_ = new QLabel(failure_);
    failureReason_->setWordWrap(true);
    failureReason_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = failureReason_->font();
    bold.setBold(true);
    failureReason_->setFont(bold);
    failureHint_ = new QLabel(failure_);
    failureHint_->setWordWrap(true);
    failureHint_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    failureLayout->addWidget(failureReason_);
    failureLayout->addWidget(failureHint_);
    diagnose_ = new QPushButton(tr("Diagnose"), failure_);
    diagnose_->setObjectName(QStringLiteral("primary"));
    diagnose_->setToolTip(tr("Read the release's pods, events and Helm state and say what is wrong"));
    diagnose_->setVisible(false);
    failureLayout->addWidget(diagnose_, 0, Qt::AlignLeft);
    diagnosis_ = new OpsPane(failure_);
    diagnosis_->setMinimumHeight(260);
    diagnosis_->setVisible(false);
    failureLayout->addWidget(diagnosis_);
    connect(diagnose_, &QPushButton::clicked, this, &PipelinePage::runDiagnosis);
    failure_->setVisible(false);
    layout->addWidget(failure_);

    grid_ = new QGridLayout;
    grid_->setSpacing(12);
    layout->addLayout(grid_);

    auto* logTitle = new QLabel(tr("Log"), this);
    logTitle->setObjectName(QStringLiteral("sectionTitle"));
    layout->addWidget(logTitle);
    console_ = new LogConsole(this);
    layout->addWidget(console_, 1);
}

void PipelinePage::attach(core::Pipeline* pipeline) {
    if (pipeline_) pipeline_->disconnect(this);
    qDeleteAll(cards_);
    cards_.clear();
    failure_->setVisible(false);
    diagnose_->setVisible(false);
    diagnosis_->setVisible(false);
    pipeline_ = pipeline;
    QStringList sources;
    for (int i = 0; i < pipeline->steps().size(); ++i) {
        core::Step* step = pipeline->steps().at(i);
        sources.append(step->title());
        auto* card = new StepCard(i, step->title(), this);
        connect(card, &StepCard::activated, console_, &LogConsole::showSource);
        grid_->addWidget(card, i / kColumns, i % kColumns);
        cards_.append(card);
    }
    for (int column = 0; column < kColumns; ++column) grid_->setColumnStretch(column, 1);
    sources.append(tr("Backend"));
    serviceSource_ = int(sources.size()) - 1;
    console_->setSources(sources);
    console_->setQuietSource(serviceSource_);  // request logs: pick "Backend" to see them
    subtitle_->setText(
        tr("Running on the %1 target…").arg(core::nameOf(pipeline->context().target)));

    connect(pipeline, &core::Pipeline::stepStarted, this, [this](int index) {
        if (index < cards_.size()) cards_[index]->setState(StepState::Running);
    });
    connect(pipeline, &core::Pipeline::stepProgress, this,
            [this](int index, double fraction, const QString& text) {
                if (index < cards_.size()) cards_[index]->setProgress(fraction, text);
            });
    connect(pipeline, &core::Pipeline::stepDetail, this,
            [this](int index, const QVariantMap& detail) {
                if (index < cards_.size()) cards_[index]->setDetail(detail);
            });
    connect(pipeline, &core::Pipeline::stepLog, this,
            [this](int index, const QString& line) { console_->appendLine(index, line); });
    connect(pipeline, &core::Pipeline::stepFinished, this,
            [this](int index, const core::StepResult& result) {
                if (index >= cards_.size()) return;
                cards_[index]->setState(result.state, result.reason);
                cards_[index]->setDuration(pipeline_->steps().at(index)->durationMs());
            });
    connect(pipeline, &core::Pipeline::finished, this, &PipelinePage::onFinished);
}

void PipelinePage::appendServiceLine(const QString& line) {
    console_->appendLine(serviceSource_, line);
}

void PipelinePage::onFinished() {
    if (!pipeline_) return;
    const auto& steps = pipeline_->steps();
    for (int i = 0; i < cards_.size() && i < steps.size(); ++i) {
        if (steps.at(i)->state() == StepState::Skipped)
            cards_[i]->setState(StepState::Skipped, steps.at(i)->result().reason);
    }
    using Outcome = core::Pipeline::Outcome;
    const Outcome outcome = pipeline_->outcome();
    const QString target = core::nameOf(pipeline_->context().target);
    switch (outcome) {
        case Outcome::Pass:
            subtitle_->setText(
                tr("Finished on the %1 target: %2").arg(target, pipeline_->outcomeReason()));
            break;
        case Outcome::Cancelled:
            subtitle_->setText(tr("Cancelled; nothing was left running."));
            break;
        case Outcome::SloBreach:
        case Outcome::StepFailed:
            subtitle_->setText(outcome == Outcome::SloBreach ? tr("The run missed its SLO.")
                                                             : tr("A step failed."));
            failureReason_->setText(pipeline_->outcomeReason());
            failureHint_->setText(pipeline_->outcomeFixHint().isEmpty()
                                      ? QString()
                                      : tr("How to fix it: %1").arg(pipeline_->outcomeFixHint()));
            failureHint_->setVisible(!pipeline_->outcomeFixHint().isEmpty());
            diagnose_->setVisible(pipeline_->releaseStepFailed());
            failure_->setVisible(true);
            break;
    }
}

void PipelinePage::setOpsSettings(const ops::OpsSettings& settings) {
    diagnosis_->setSettings(settings);
}

void PipelinePage::runDiagnosis() {
    diagnosis_->clear();
    diagnosis_->setVisible(true);
    diagnosis_->diagnose();
}

bool PipelinePage::failureVisible() const {
    return !failure_->isHidden();
}

QString PipelinePage::failureText() const {
    return failureReason_->text() + QLatin1Char('\n') + failureHint_->text();
}

}  // namespace helmdeck::ui
