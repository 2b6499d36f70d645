#pragma once
// The Pipeline page: one card per step with a progress bar, the failure reason and fix hint,
// and the live log console.

#include <QList>
#include <QPointer>
#include <QWidget>

#include "core/pipeline.hpp"

class QGridLayout;
class QLabel;
class QProgressBar;
class QFrame;

namespace helmdeck::ui {

class LogConsole;

class StepCard : public QWidget {
    Q_OBJECT

public:
    StepCard(int index, const QString& title, QWidget* parent = nullptr);

    void setState(core::StepState state, const QString& detail = {});
    void setProgress(double fraction, const QString& text);
    void setDuration(qint64 ms);
    core::StepState state() const { return state_; }

Q_SIGNALS:
    void activated(int index);

protected:
    void mousePressEvent(class QMouseEvent* event) override;

private:
    int index_;
    core::StepState state_ = core::StepState::Idle;
    QLabel* icon_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* duration_ = nullptr;
    QProgressBar* progress_ = nullptr;
};

class PipelinePage : public QWidget {
    Q_OBJECT

public:
    explicit PipelinePage(QWidget* parent = nullptr);

    void attach(core::Pipeline* pipeline);
    /// Lines the running backend logs after its step finished.
    void appendServiceLine(const QString& line);

    LogConsole* console() const { return console_; }
    int cardCount() const { return int(cards_.size()); }
    bool failureVisible() const;
    QString failureText() const;

private:
    void onFinished();

    QPointer<core::Pipeline> pipeline_;
    QList<StepCard*> cards_;
    QLabel* subtitle_ = nullptr;
    QFrame* failure_ = nullptr;
    QLabel* failureReason_ = nullptr;
    QLabel* failureHint_ = nullptr;
    QGridLayout* grid_ = nullptr;
    LogConsole* console_ = nullptr;
    int serviceSource_ = -1;
};

}  // namespace helmdeck::ui
