#include "ui/step_rail.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include "ui/state_icons.hpp"

namespace helmdeck::ui {

using core::StepState;

StepRow::StepRow(const QString& title, QWidget* parent) : QFrame(parent) {
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setHorizontalSpacing(8);
    layout->setVerticalSpacing(3);
    icon_ = new QLabel(this);
    icon_->setFixedSize(18, 18);
    title_ = new QLabel(title, this);
    duration_ = new QLabel(this);
    duration_->setObjectName(QStringLiteral("muted"));
    duration_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    progress_->setVisible(false);
    layout->addWidget(icon_, 0, 0);
    layout->addWidget(title_, 0, 1);
    layout->addWidget(duration_, 0, 2);
    layout->addWidget(progress_, 1, 1, 1, 2);
    layout->setColumnStretch(1, 1);
    setState(StepState::Idle);
}

void StepRow::setState(StepState state) {
    state_ = state;
    icon_->setPixmap(stateIcon(state, 18, devicePixelRatioF()));
    icon_->setToolTip(core::nameOf(state));
    progress_->setVisible(state == StepState::Running);
    QFont font = title_->font();
    font.setBold(state == StepState::Running);
    title_->setFont(font);
    title_->setEnabled(state != StepState::Skipped);
}

void StepRow::setProgress(double fraction, const QString& text) {
    progress_->setValue(int(qBound(0.0, fraction, 1.0) * 1000));
    progress_->setToolTip(text);
}

void StepRow::setDuration(qint64 ms) {
    duration_->setText(ms > 0 ? StepRail::formatDuration(ms) : QString());
}

StepRail::StepRail(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    rowsLayout_ = new QVBoxLayout;
    rowsLayout_->setSpacing(2);
    empty_ = new QLabel(tr("Press Build & Deploy to start"), this);
    empty_->setObjectName(QStringLiteral("muted"));
    empty_->setWordWrap(true);
    empty_->setContentsMargins(10, 4, 10, 4);
    layout->addWidget(empty_);
    layout->addLayout(rowsLayout_);
    ticker_.setInterval(250);
    connect(&ticker_, &QTimer::timeout, this, &StepRail::tick);
}

QString StepRail::formatDuration(qint64 ms) {
    if (ms < 1000) return tr("%1 ms").arg(ms);
    if (ms < 60000) return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

StepState StepRail::stateAt(int index) const {
    return index >= 0 && index < rows_.size() ? rows_.at(index)->state() : StepState::Idle;
}

void StepRail::attach(core::Pipeline* pipeline) {
    if (pipeline_) pipeline_->disconnect(this);
    qDeleteAll(rows_);
    rows_.clear();
    pipeline_ = pipeline;
    empty_->setVisible(!pipeline);
    if (!pipeline) return;
    for (core::Step* step : pipeline->steps()) {
        auto* row = new StepRow(step->title(), this);
        rows_.append(row);
        rowsLayout_->addWidget(row);
    }
    connect(pipeline, &core::Pipeline::stepStarted, this, [this](int index) {
        if (index < rows_.size()) rows_[index]->setState(StepState::Running);
        ticker_.start();
    });
    connect(pipeline, &core::Pipeline::stepProgress, this,
            [this](int index, double fraction, const QString& text) {
                if (index < rows_.size()) rows_[index]->setProgress(fraction, text);
            });
    connect(pipeline, &core::Pipeline::stepFinished, this,
            [this](int index, const core::StepResult& result) {
                if (index >= rows_.size()) return;
                rows_[index]->setState(result.state);
                rows_[index]->setDuration(pipeline_->steps().at(index)->durationMs());
            });
    connect(pipeline, &core::Pipeline::finished, this, [this] {
        ticker_.stop();
        tick();
    });
}

void StepRail::tick() {
    if (!pipeline_) return;
    const auto& steps = pipeline_->steps();
    for (int i = 0; i < rows_.size() && i < steps.size(); ++i) {
        rows_[i]->setState(steps.at(i)->state());
        rows_[i]->setDuration(steps.at(i)->durationMs());
    }
}

}  // namespace helmdeck::ui
