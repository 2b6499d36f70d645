#include "ui/finding_card.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/ops/action_gate.hpp"
#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {

QColor severityColour(ops::Severity severity) {
    switch (severity) {
        case ops::Severity::Error: return theme::failed();
        case ops::Severity::Warning: return theme::warning();
        case ops::Severity::Info: break;
    }
    return theme::accent();
}

QLabel* commandLabel(const QString& command, QWidget* parent) {
    auto* label = new QLabel(command, parent);
    label->setObjectName(QStringLiteral("command"));
    // One line per command or log line, as a terminal shows it: wrapping a monospace line in a
    // nested layout also leaves Qt guessing the card's height.
    label->setWordWrap(false);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("font-family: \"DejaVu Sans Mono\", monospace; font-size: 8pt;"));
    return label;
}

QLabel* wrapped(const QString& text, QWidget* parent, const char* objectName = nullptr) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (objectName) label->setObjectName(QLatin1String(objectName));
    return label;
}

}  // namespace

FindingCard::FindingCard(const ops::Finding& finding, const ops::ActionContext& context,
                         QWidget* parent)
    : QFrame(parent), finding_(finding) {
    setObjectName(QStringLiteral("card"));
    const QColor colour = severityColour(finding.severity);
    setStyleSheet(QStringLiteral("QFrame#card { border-left: 4px solid %1; }").arg(colour.name()));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(4);
    auto* title = new QLabel(QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>&nbsp; <b>%3</b>")
                                 .arg(colour.name(), ops::nameOf(finding.severity).toUpper(),
                                      finding.object.text().toHtmlEscaped()),
                             this);
    title->setTextFormat(Qt::RichText);
    layout->addWidget(title);
    layout->addWidget(wrapped(finding.cause, this));
    if (!finding.evidence.isEmpty()) {
        toggle_ = new QToolButton(this);
        toggle_->setCheckable(true);
        toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        toggle_->setArrowType(Qt::RightArrow);
        toggle_->setText(tr("Evidence (%1)").arg(finding.evidence.size()));
        toggle_->setAutoRaise(true);
        evidence_ = commandLabel(finding.evidence.join(QLatin1Char('\n')), this);
        evidence_->setVisible(false);
        connect(toggle_, &QToolButton::toggled, this, [this](bool shown) {
            evidence_->setVisible(shown);
            toggle_->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        });
        layout->addWidget(toggle_, 0, Qt::AlignLeft);
        layout->addWidget(evidence_);
    }
    if (!finding.fixHint.isEmpty()) layout->addWidget(wrapped(tr("Fix: %1").arg(finding.fixHint), this, "muted"));
    if (finding.fix) {
        const ops::Action action = *finding.fix;
        auto* row = new QHBoxLayout;
        fix_ = new QPushButton(ops::describe(action), this);
        const bool mutating = ops::isMutating(action);
        fix_->setObjectName(mutating ? QStringLiteral("primary") : QString());
        fix_->setToolTip(mutating ? tr("Shows this command and asks before it runs")
                                  : tr("Reads only: runs at once"));
        row->addWidget(fix_);
        row->addWidget(commandLabel(ops::commandText(action, context), this), 1);
        layout->addLayout(row);
        connect(fix_, &QPushButton::clicked, this, [this, action] { Q_EMIT fixRequested(action); });
    }
}

bool FindingCard::evidenceShown() const {
    return evidence_ && !evidence_->isHidden();
}

ConfirmCard::ConfirmCard(const ops::Action& action, const QString& command, QWidget* parent)
    : QFrame(parent), action_(action), command_(command) {
    setObjectName(QStringLiteral("card"));
    setStyleSheet(QStringLiteral("QFrame#card { border: 1px solid %1; }").arg(theme::warning().name()));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(6);
    auto* title = new QLabel(tr("<b>This changes the cluster:</b> %1").arg(ops::describe(action).toHtmlEscaped()), this);
    title->setTextFormat(Qt::RichText);
    layout->addWidget(title);
    layout->addWidget(commandLabel(command, this));
    auto* buttons = new QHBoxLayout;
    run_ = new QPushButton(tr("Run it"), this);
    run_->setObjectName(QStringLiteral("danger"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    outcome_ = wrapped(QString(), this, "muted");
    outcome_->setVisible(false);
    layout->addWidget(outcome_);
    connect(run_, &QPushButton::clicked, this, [this] { Q_EMIT answered(true); });
    connect(cancel_, &QPushButton::clicked, this, [this] { Q_EMIT answered(false); });
}

void ConfirmCard::settle(const QString& outcome) {
    run_->setVisible(false);
    cancel_->setVisible(false);
    outcome_->setText(outcome);
    outcome_->setVisible(true);
}

bool ConfirmCard::isSettled() const {
    return outcome_->isVisible() || !outcome_->text().isEmpty();
}

}  // namespace helmdeck::ui
