#pragma once
// The left rail's list of pipeline steps: state icon, title, a thin progress bar, duration.

#include <QFrame>
#include <QList>
#include <QPointer>
#include <QTimer>

#include "core/pipeline.hpp"

class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace helmdeck::ui {

class StepRow : public QFrame {
    Q_OBJECT

public:
    explicit StepRow(const QString& title, QWidget* parent = nullptr);

    void setState(core::StepState state);
    core::StepState state() const { return state_; }
    void setProgress(double fraction, const QString& text);
    void setDuration(qint64 ms);

private:
    core::StepState state_ = core::StepState::Idle;
    QLabel* icon_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* duration_ = nullptr;
    QProgressBar* progress_ = nullptr;
};

class StepRail : public QWidget {
    Q_OBJECT

public:
    explicit StepRail(QWidget* parent = nullptr);

    /// Shows `pipeline`'s steps and follows its signals until the next attach().
    void attach(core::Pipeline* pipeline);
    int rowCount() const { return int(rows_.size()); }
    core::StepState stateAt(int index) const;

    /// "2.4 s", "850 ms", "1 min 5 s".
    static QString formatDuration(qint64 ms);

private:
    void tick();

    QPointer<core::Pipeline> pipeline_;
    QList<StepRow*> rows_;
    QVBoxLayout* rowsLayout_ = nullptr;
    QLabel* empty_ = nullptr;
    QTimer ticker_;
};

}  // namespace helmdeck::ui
