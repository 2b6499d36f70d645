#pragma once
// One Ops finding as a card: a stripe in the severity's colour, the object and the cause, the
// evidence folded away, and the proposed fix as a button that shows its exact command.

#include <QFrame>

#include "core/ops/action.hpp"
#include "core/ops/finding.hpp"

class QLabel;
class QPushButton;
class QToolButton;

namespace helmdeck::ui {

class FindingCard : public QFrame {
    Q_OBJECT

public:
    FindingCard(const ops::Finding& finding, const ops::ActionContext& context,
                QWidget* parent = nullptr);

    const ops::Finding& finding() const { return finding_; }
    /// The fix button (null when the finding has no action).
    QPushButton* fixButton() const { return fix_; }
    QToolButton* evidenceToggle() const { return toggle_; }
    bool evidenceShown() const;

Q_SIGNALS:
    /// The user pressed the fix: the pane gates it (and asks before a mutating one).
    void fixRequested(const helmdeck::ops::Action& action);

private:
    ops::Finding finding_;
    QLabel* evidence_ = nullptr;
    QToolButton* toggle_ = nullptr;
    QPushButton* fix_ = nullptr;
};

/// A mutating action waiting for the user's yes: what it does, its exact command, Run / Cancel.
class ConfirmCard : public QFrame {
    Q_OBJECT

public:
    ConfirmCard(const ops::Action& action, const QString& command, QWidget* parent = nullptr);

    const ops::Action& action() const { return action_; }
    QString command() const { return command_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* cancelButton() const { return cancel_; }
    /// After an answer: the buttons go, a line says what happened.
    void settle(const QString& outcome);
    bool isSettled() const;

Q_SIGNALS:
    void answered(bool yes);

private:
    ops::Action action_;
    QString command_;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QLabel* outcome_ = nullptr;
};

}  // namespace helmdeck::ui
