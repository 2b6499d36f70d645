#pragma once
// The chat's message box: Enter or Ctrl+Enter sends, Shift+Enter inserts a newline.

#include <QPlainTextEdit>

namespace helmdeck::ui {

class ChatInput : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit ChatInput(QWidget* parent = nullptr);
    QSize sizeHint() const override;

Q_SIGNALS:
    void sendRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace helmdeck::ui
