#include "ui/chat_input.hpp"

#include <QKeyEvent>

namespace helmdeck::ui {

ChatInput::ChatInput(QWidget* parent) : QPlainTextEdit(parent) {
    setTabChangesFocus(true);
    setPlaceholderText(tr("Message the assistant — Enter sends, Shift+Enter adds a line"));
}

QSize ChatInput::sizeHint() const {
    return {400, fontMetrics().height() * 3 + 16};
}

void ChatInput::keyPressEvent(QKeyEvent* event) {
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT sendRequested();  // plain Enter and Ctrl+Enter
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

}  // namespace helmdeck::ui
