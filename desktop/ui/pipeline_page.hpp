#pragma once
// The Pipeline page: one card per step with a progress bar, the failure reason and fix hint
// (with Diagnose when a release step failed: the Ops analyzers' findings inline), and the live
// log console.

#include <QList>
#include <QPointer>
#include <QVariantMap>
#include <QWidget>

#include "core/ops/ops_assistant.hpp"
#include "core/pipeline.hpp"

class QGridLayout;
class QLabel;
class QProgressBar;
class QFrame;
class QPushButton;

namespace helmdeck::ui {

class LogConsole;
class OpsPane;

class StepCard : public QWidget {
    Q_OBJECT

public:
    StepCard(int index, const QString& title, QWidget* parent = nullptr);

    void setState(core::StepState state, const QString& detail = {});
    void setProgress(double fraction, const QString& text);
    void setDuration(qint64 ms);
    /// A step's structured update; a "rollout" detail draws each Deployment's ReplicaSets.
    void setDetail(const QVariantMap& detail);
    core::StepState state() const { return state_; }
    /// The rollout rows as shown ("todo-chatbot  ■■ 2/2 new · □ 1 old"), for tests.
    QString rolloutText() const;

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
    QLabel* rollout_ = nullptr;
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
    /// Where Diagnose reads the release (the profile's context, namespace, read-only mode).
    void setOpsSettings(const ops::OpsSettings& settings);
    /// Shown when a step that talks to the release failed.
    QPushButton* diagnoseButton() const { return diagnose_; }
    OpsPane* diagnosis() const { return diagnosis_; }

private:
    void runDiagnosis();
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
    QPushButton* diagnose_ = nullptr;
    OpsPane* diagnosis_ = nullptr;
};

}  // namespace helmdeck::ui
