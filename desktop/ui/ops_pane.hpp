#pragma once
// The Ops assistant's face: requests and answers as a thread, findings as cards, and every
// mutating action as a confirm card with its exact command. Nothing that changes the cluster
// runs until the user presses Run on its card; read-only mode refuses it and names the setting.

#include <QWidget>
#include <memory>

#include "core/ops/ops_assistant.hpp"

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace helmdeck::ui {

class ConfirmCard;
class FindingCard;

/// Says yes only to the one command the user confirmed on its card, once.
class CardConfirmer : public ops::Confirmer {
public:
    void approve(const QString& command) { approved_ = command; }
    ops::Confirmation confirm(const ops::Action& action, const QString& command) override;

private:
    QString approved_;
};

class OpsPane : public QWidget {
    Q_OBJECT

public:
    explicit OpsPane(QWidget* parent = nullptr);
    ~OpsPane() override;

    /// Which cluster, namespace and release, read-only mode, the audit log's folder. Starts a
    /// fresh assistant (an answer still on its way is dropped).
    void setSettings(ops::OpsSettings settings);
    const ops::OpsSettings& settings() const { return settings_; }

    /// Understands `request` offline and answers it.
    void ask(const QString& request);
    /// Runs the analyzers.
    void diagnose();
    /// Shows why a step failed before the diagnosis (the Pipeline page's Diagnose).
    void addNote(const QString& text);
    void clear();

    bool isBusy() const { return busy_; }
    QList<FindingCard*> findingCards() const;
    QList<ConfirmCard*> confirmCards() const;
    /// The text of every answer and outcome bubble, oldest first.
    QStringList answerTexts() const;

Q_SIGNALS:
    /// An answer, or an action's outcome or refusal, is on screen.
    void answered();
    void busyChanged(bool busy);

private:
    void onAnswered(const ops::OpsAnswer& answer);
    void onActionDone(bool ran, const ops::ActionOutcome& outcome, const QString& refusal);
    /// A fix button or a proposed action: run a read-only one, ask for a mutating one.
    void propose(const ops::Action& action, const QString& request);
    void answerCard(ConfirmCard* card, bool yes, const QString& request);
    void addBubble(int role, const QString& text);
    void append(QWidget* widget);
    void setBusy(bool busy);

    ops::OpsSettings settings_;
    CardConfirmer confirmer_;
    std::unique_ptr<ops::OpsAssistant> assistant_;
    bool busy_ = false;
    ConfirmCard* running_ = nullptr;  ///< the card whose action runs now
    bool actionPending_ = false;      ///< a runAction of ours awaits actionDone
    QLabel* mode_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QWidget* thread_ = nullptr;
    QVBoxLayout* threadLayout_ = nullptr;
};

}  // namespace helmdeck::ui
