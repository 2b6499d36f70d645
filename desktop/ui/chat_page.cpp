#include "ui/chat_page.hpp"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/chat_bubble.hpp"
#include "ui/chat_input.hpp"
#include "ui/ops_pane.hpp"
#include "ui/voice_bar.hpp"
#include "ui/page_frame.hpp"

namespace helmdeck::ui {

ChatPage::ChatPage(QWidget* parent) : QWidget(parent) {
    const PageFrame frame = makePageFrame(this, tr("Chat"), QString());
    auto* layout = frame.layout;
    auto* header = frame.header;
    endpointLabel_ = frame.subtitle;
    // Todo bot | Ops: one segmented switch, the todo bot first (the demo's face).
    todoSwitch_ = new QPushButton(tr("Todo bot"), this);
    opsSwitch_ = new QPushButton(tr("Ops"), this);
    opsSwitch_->setToolTip(tr("Diagnose and operate the release in plain English"));
    auto* modes = new QButtonGroup(this);
    for (QPushButton* button : {todoSwitch_, opsSwitch_}) {
        button->setCheckable(true);
        button->setObjectName(QStringLiteral("segment"));
        modes->addButton(button);
        header->addWidget(button, 0, Qt::AlignVCenter);
    }
    todoSwitch_->setChecked(true);
    header->addSpacing(12);
    fresh_ = new QPushButton(tr("New conversation"), this);
    header->addWidget(fresh_, 0, Qt::AlignVCenter);

    views_ = new QStackedWidget(this);
    auto* card = new QFrame(this);
    card->setObjectName(QStringLiteral("card"));
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(1, 1, 1, 1);
    scroll_ = new QScrollArea(card);
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    thread_ = new QWidget;
    thread_->setObjectName(QStringLiteral("thread"));
    thread_->setStyleSheet(QStringLiteral("QWidget#thread { background: transparent; }"));
    threadLayout_ = new QVBoxLayout(thread_);
    threadLayout_->setContentsMargins(16, 16, 16, 16);
    threadLayout_->setSpacing(10);
    empty_ = new QLabel(tr("Ask the assistant to manage your tasks, for example\n"
                           "“add a task to buy milk” or “show my tasks”."),
                        thread_);
    empty_->setObjectName(QStringLiteral("muted"));
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setMinimumHeight(120);
    threadLayout_->addWidget(empty_);
    threadLayout_->addStretch(1);
    typing_ = new QLabel(tr("Assistant is thinking…"), thread_);
    typing_->setObjectName(QStringLiteral("muted"));
    typing_->setVisible(false);
    threadLayout_->addWidget(typing_);
    scroll_->setWidget(thread_);
    cardLayout->addWidget(scroll_);
    chatView_ = card;
    views_->addWidget(card);
    auto* opsCard = new QFrame(this);
    opsCard->setObjectName(QStringLiteral("card"));
    auto* opsLayout = new QVBoxLayout(opsCard);
    opsLayout->setContentsMargins(12, 8, 1, 1);
    ops_ = new OpsPane(opsCard);
    opsLayout->addWidget(ops_);
    views_->addWidget(opsCard);
    layout->addWidget(views_, 1);

    auto* composer = new QHBoxLayout;
    composer->setSpacing(10);
    input_ = new ChatInput(this);
    input_->setMaximumHeight(input_->sizeHint().height());
    send_ = new QPushButton(tr("Send"), this);
    send_->setObjectName(QStringLiteral("primary"));
    send_->setToolTip(tr("Send (Enter or Ctrl+Enter)"));
    composer->addWidget(input_, 1);
    composer->addWidget(send_, 0, Qt::AlignBottom);
    layout->addLayout(composer);
    voice_ = new VoiceBar(this);
    voice_->watchShortcut(this);
    voice_->watchShortcut(input_);
    layout->addWidget(voice_);

    connect(fresh_, &QPushButton::clicked, this, &ChatPage::newConversation);
    connect(todoSwitch_, &QPushButton::clicked, this, [this] { setMode(Mode::TodoBot); });
    connect(opsSwitch_, &QPushButton::clicked, this, [this] { setMode(Mode::Ops); });
    connect(ops_, &OpsPane::busyChanged, this, &ChatPage::updateState);
    connect(send_, &QPushButton::clicked, this, &ChatPage::sendTyped);
    connect(input_, &ChatInput::sendRequested, this, &ChatPage::sendTyped);
    connect(&client_, &core::ChatClient::replied, this, &ChatPage::onReplied);
    connect(voice_, &VoiceBar::transcribed, this, &ChatPage::onTranscribed);
    // New bubbles grow the range: keep the newest message in view.
    connect(scroll_->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            [this](int, int max) { scroll_->verticalScrollBar()->setValue(max); });
    setEndpoint({});
}

void ChatPage::setEndpoint(const QUrl& url) {
    endpoint_ = url;
    client_.setBaseUrl(url);
    endpointLabel_->setText(url.isValid()
                                ? tr("Talking to %1").arg(url.toString())
                                : tr("No backend yet: press Build & Deploy (Ctrl+D) first."));
    updateState();
}

void ChatPage::setMode(Mode mode) {
    mode_ = mode;
    todoSwitch_->setChecked(mode == Mode::TodoBot);
    opsSwitch_->setChecked(mode == Mode::Ops);
    views_->setCurrentWidget(mode == Mode::Ops ? static_cast<QWidget*>(ops_->parentWidget()) : chatView_);
    fresh_->setText(mode == Mode::Ops ? tr("Clear") : tr("New conversation"));
    input_->setPlaceholderText(mode == Mode::Ops ? tr("Ask about the release: “is everything healthy?”")
                                                 : QString());
    updateState();
}

void ChatPage::updateState() {
    // Ops reads the cluster itself: it needs no backend endpoint.
    const bool ready = mode_ == Mode::Ops || endpoint_.isValid();
    const bool busy = mode_ == Mode::Ops ? ops_->isBusy() : waiting_;
    send_->setEnabled(ready && !busy);
    input_->setEnabled(ready);
    typing_->setVisible(waiting_);
}

QList<ChatBubble*> ChatPage::bubbles() const {
    return thread_->findChildren<ChatBubble*>();
}

ChatBubble* ChatPage::addBubble(int role, const QString& text) {
    empty_->setVisible(false);
    auto* bubble = new ChatBubble(ChatBubble::Role(role), text, thread_);
    // Before the trailing stretch and the typing line.
    threadLayout_->insertWidget(threadLayout_->count() - 2, bubble);
    return bubble;
}

void ChatPage::sendTyped() {
    const QString message = input_->toPlainText().trimmed();
    if (message.isEmpty()) return;
    if (mode_ == Mode::Ops ? ops_->isBusy() : (!endpoint_.isValid() || waiting_)) return;
    input_->clear();
    send(message);
}

void ChatPage::send(const QString& message) {
    if (mode_ == Mode::Ops) {
        ops_->ask(message);
        return;
    }
    if (!endpoint_.isValid()) return;
    addBubble(int(ChatBubble::Role::User), message);
    waiting_ = true;
    updateState();
    client_.send(message);
}

void ChatPage::onReplied(const core::ChatReply& reply) {
    waiting_ = false;
    if (reply.ok) {
        if (!reply.conversationId.isEmpty()) client_.setConversationId(reply.conversationId);
        addBubble(int(ChatBubble::Role::Assistant), reply.response)->setReply(reply);
        voice_->onReply(reply);
    } else {
        addBubble(int(ChatBubble::Role::Error),
                  tr("Could not reach the assistant: %1").arg(reply.error));
    }
    updateState();
    input_->setFocus();
    Q_EMIT replied(reply);
}

void ChatPage::onTranscribed(const QString& text) {
    input_->setPlainText(text);
    input_->moveCursor(QTextCursor::End);
    input_->setFocus();
    if (voice_->autoSend()) sendTyped();
}

void ChatPage::newConversation() {
    if (mode_ == Mode::Ops) {
        ops_->clear();
        return;
    }
    client_.setConversationId({});
    for (ChatBubble* bubble : bubbles()) bubble->deleteLater();
    empty_->setVisible(true);
}

}  // namespace helmdeck::ui
