#pragma once
// One chat message: a bubble with the text, its latency, and a chip per tool call that
// expands to the call's result.

#include <QWidget>

#include "core/chat_client.hpp"

class QLabel;

namespace helmdeck::ui {

class ChatBubble : public QWidget {
    Q_OBJECT

public:
    enum class Role { User, Assistant, Error };

    ChatBubble(Role role, const QString& text, QWidget* parent = nullptr);

    /// Adds the latency line and the tool-call chips of an assistant reply.
    void setReply(const core::ChatReply& reply);
    Role role() const { return role_; }
    QString text() const;
    QStringList toolNames() const { return toolNames_; }

    /// "add_task(title: \"buy milk\")": a tool call in one line.
    static QString callSignature(const core::ChatToolCall& call);

private:
    Role role_;
    QLabel* text_ = nullptr;
    QLabel* meta_ = nullptr;
    QWidget* chips_ = nullptr;
    QStringList toolNames_;
};

}  // namespace helmdeck::ui
