#pragma once
// The Chat page: talks to whatever endpoint the current target exposes, through core's
// ChatClient (bubbles, tool-call chips, per-message latency), or, switched to Ops, to the Ops
// assistant about the release itself. One composer (and push-to-talk) serves both.

#include <QUrl>
#include <QWidget>

#include "core/chat_client.hpp"

class QLabel;
class QPushButton;
class QStackedWidget;
class QScrollArea;
class QVBoxLayout;

namespace helmdeck::ui {

class ChatBubble;
class ChatInput;
class OpsPane;
class VoiceBar;

class ChatPage : public QWidget {
    Q_OBJECT

public:
    enum class Mode { TodoBot, Ops };

    explicit ChatPage(QWidget* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    OpsPane* opsPane() const { return ops_; }

    /// The backend to talk to; empty disables sending. The conversation id is kept, so a
    /// restarted backend (same store) continues it.
    void setEndpoint(const QUrl& url);
    /// Sends `message` as if typed (also what the Send button and Enter do): to the todo bot,
    /// or in Ops mode to the Ops assistant.
    void send(const QString& message);
    void newConversation();

    ChatInput* input() const { return input_; }
    VoiceBar* voiceBar() const { return voice_; }
    QList<ChatBubble*> bubbles() const;
    QString conversationId() const { return client_.conversationId(); }
    bool isWaiting() const { return waiting_; }

Q_SIGNALS:
    void replied(const helmdeck::core::ChatReply& reply);

private:
    void sendTyped();
    void onReplied(const core::ChatReply& reply);
    void onTranscribed(const QString& text);
    ChatBubble* addBubble(int role, const QString& text);
    void updateState();

    Mode mode_ = Mode::TodoBot;
    core::ChatClient client_;
    QUrl endpoint_;
    bool waiting_ = false;
    QLabel* endpointLabel_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QWidget* thread_ = nullptr;
    QVBoxLayout* threadLayout_ = nullptr;
    QLabel* empty_ = nullptr;
    QLabel* typing_ = nullptr;
    ChatInput* input_ = nullptr;
    QPushButton* send_ = nullptr;
    VoiceBar* voice_ = nullptr;
    QStackedWidget* views_ = nullptr;
    QWidget* chatView_ = nullptr;
    OpsPane* ops_ = nullptr;
    QPushButton* todoSwitch_ = nullptr;
    QPushButton* opsSwitch_ = nullptr;
    QPushButton* fresh_ = nullptr;
};

}  // namespace helmdeck::ui
