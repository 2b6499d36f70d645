#include "ui/ops_pane.hpp"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include "core/ops/action_gate.hpp"
#include "ui/chat_bubble.hpp"
#include "ui/finding_card.hpp"

namespace helmdeck::ui {

ops::Confirmation CardConfirmer::confirm(const ops::Action&, const QString& command) {
    const bool yes = !approved_.isEmpty() && approved_ == command;
    approved_.clear();
    if (yes) return {true, QStringLiteral("gui"), {}};
    return {false, {}, QStringLiteral("not confirmed on its card")};
}

OpsPane::OpsPane(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    mode_ = new QLabel(this);
    mode_->setObjectName(QStringLiteral("muted"));
    mode_->setWordWrap(true);
    layout->addWidget(mode_);
    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setFrameShape(QFrame::NoFrame);
    thread_ = new QWidget;
    thread_->setObjectName(QStringLiteral("thread"));
    thread_->setStyleSheet(QStringLiteral("QWidget#thread { background: transparent; }"));
    threadLayout_ = new QVBoxLayout(thread_);
    threadLayout_->setContentsMargins(16, 12, 16, 12);
    threadLayout_->setSpacing(10);
    threadLayout_->addStretch(1);
    scroll_->setWidget(thread_);
    layout->addWidget(scroll_, 1);
    connect(scroll_->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            [this](int, int max) { scroll_->verticalScrollBar()->setValue(max); });
    setSettings(ops::OpsSettings{});
}

OpsPane::~OpsPane() = default;

void OpsPane::setSettings(ops::OpsSettings settings) {
    settings_ = std::move(settings);
    settings_.deferConfirmation = true;  // a card asks, never a blocking prompt
    assistant_ = std::make_unique<ops::OpsAssistant>(settings_, &confirmer_);
    connect(assistant_.get(), &ops::OpsAssistant::answered, this, &OpsPane::onAnswered);
    connect(assistant_.get(), &ops::OpsAssistant::actionDone, this, &OpsPane::onActionDone);
    running_ = nullptr;
    actionPending_ = false;
    setBusy(false);
    const QString where = tr("release %1 in namespace %2%3")
                              .arg(settings_.context.release, settings_.context.namespace_,
                                   settings_.context.kubeContext.isEmpty()
                                       ? QString()
                                       : tr(", context %1").arg(settings_.context.kubeContext));
    mode_->setText(settings_.readOnly == ops::ReadOnlySource::None
                       ? tr("Ops on %1. Ask “why is the backend failing?”, “scale the backend to 3”, "
                            "“roll back to revision 2”. Anything that changes the cluster asks first.")
                             .arg(where)
                       : tr("Ops on %1, read-only (%2): actions that change the cluster are refused.")
                             .arg(where, settings_.readOnly == ops::ReadOnlySource::Profile
                                             ? QStringLiteral("ops.readOnly in the profile")
                                             : QStringLiteral("--read-only")));
}

void OpsPane::setBusy(bool busy) {
    if (busy_ == busy) return;
    busy_ = busy;
    Q_EMIT busyChanged(busy);
}

void OpsPane::append(QWidget* widget) {
    // Never squeezed below what its text needs: a long answer scrolls instead.
    widget->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    threadLayout_->insertWidget(threadLayout_->count() - 1, widget);
}

void OpsPane::addBubble(int role, const QString& text) {
    append(new ChatBubble(ChatBubble::Role(role), text.trimmed(), thread_));
}

void OpsPane::addNote(const QString& text) {
    addBubble(int(ChatBubble::Role::Error), text);
}

void OpsPane::clear() {
    for (QWidget* child : thread_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
        child->deleteLater();
}

void OpsPane::ask(const QString& request) {
    if (busy_ || request.trimmed().isEmpty()) return;
    addBubble(int(ChatBubble::Role::User), request);
    setBusy(true);
    assistant_->ask(request);
}

void OpsPane::diagnose() {
    if (busy_) return;
    setBusy(true);
    assistant_->diagnose();
}

void OpsPane::onAnswered(const ops::OpsAnswer& answer) {
    setBusy(false);
    QString text = answer.text;
    if (!answer.findings.isEmpty() && ops::needsAttention(answer.findings))
        text = text.section(QLatin1Char('\n'), 0, 0);  // the cards below carry the rest
    addBubble(int(answer.error.isEmpty() ? ChatBubble::Role::Assistant : ChatBubble::Role::Error),
              answer.error.isEmpty() || text.contains(answer.error)
                  ? text
                  : text + QLatin1Char('\n') + answer.error);
    if (ops::needsAttention(answer.findings))
        for (const ops::Finding& finding : answer.findings) {
            if (finding.severity == ops::Severity::Info) continue;
            auto* card = new FindingCard(finding, settings_.context, thread_);
            connect(card, &FindingCard::fixRequested, this,
                    [this, request = answer.request](const ops::Action& action) { propose(action, request); });
            append(card);
        }
    for (const ops::Action& action : answer.proposed) propose(action, answer.request);
    Q_EMIT answered();
}

void OpsPane::propose(const ops::Action& action, const QString& request) {
    if (busy_) return;
    const ops::GateDecision decision = ops::gate(action, settings_.context, settings_.readOnly);
    if (decision.kind == ops::GateDecision::Refused) {
        addBubble(int(ChatBubble::Role::Error), decision.message);
        Q_EMIT answered();
        return;
    }
    if (decision.kind == ops::GateDecision::RunNow) {
        setBusy(true);
        actionPending_ = true;
        assistant_->runAction(action, request);
        return;
    }
    auto* card = new ConfirmCard(action, ops::commandText(action, settings_.context), thread_);
    connect(card, &ConfirmCard::answered, this,
            [this, card, request](bool yes) { answerCard(card, yes, request); });
    append(card);
}

void OpsPane::answerCard(ConfirmCard* card, bool yes, const QString& request) {
    if (!yes) {
        card->settle(tr("Not run: you cancelled it."));
        Q_EMIT answered();
        return;
    }
    if (busy_) return;
    card->settle(tr("Running…"));
    running_ = card;
    setBusy(true);
    actionPending_ = true;
    confirmer_.approve(card->command());
    assistant_->runAction(card->action(), request);
}

void OpsPane::onActionDone(bool ran, const ops::ActionOutcome& outcome, const QString& refusal) {
    // The assistant also reports actions it ran inside an answer; those come with answered().
    if (!actionPending_) return;
    actionPending_ = false;
    setBusy(false);
    QString text;
    if (!ran)
        text = refusal;
    else if (outcome.result.ok())
        text = QStringLiteral("$ %1\n%2").arg(outcome.command, outcome.output.trimmed());
    else
        text = QStringLiteral("$ %1\nfailed: %2").arg(outcome.command, outcome.result.reason);
    if (running_) {
        running_->settle(!ran ? refusal
                              : outcome.result.ok() ? tr("Done (exit 0), recorded in ops-audit.jsonl.")
                                                    : tr("Failed: %1").arg(outcome.result.reason));
        running_ = nullptr;
    }
    addBubble(int(ran && outcome.result.ok() ? ChatBubble::Role::Assistant : ChatBubble::Role::Error), text);
    Q_EMIT answered();
}

QList<FindingCard*> OpsPane::findingCards() const {
    return thread_->findChildren<FindingCard*>();
}

QList<ConfirmCard*> OpsPane::confirmCards() const {
    return thread_->findChildren<ConfirmCard*>();
}

QStringList OpsPane::answerTexts() const {
    QStringList texts;
    for (const ChatBubble* bubble : thread_->findChildren<ChatBubble*>())
        if (bubble->role() != ChatBubble::Role::User) texts << bubble->text();
    return texts;
}

}  // namespace helmdeck::ui
