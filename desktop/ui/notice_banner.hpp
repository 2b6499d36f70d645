#pragma once
// A non-blocking banner above the pages: missing tools with how to install them (preflight),
// or a lost backend with a Restart action. Dismissable.

#include <QFrame>

#include "core/preflight.hpp"

class QLabel;
class QPushButton;

namespace helmdeck::ui {

class NoticeBanner : public QFrame {
    Q_OBJECT

public:
    explicit NoticeBanner(QWidget* parent = nullptr);

    /// Lists each problem with its fix hint; hides when `problems` is empty.
    void showPreflight(const QString& targetName, const QList<core::PreflightItem>& problems);
    /// A one-line message, with an action button when `actionText` is set.
    void showMessage(const QString& message, const QString& actionText = {});
    QString text() const;
    bool isPreflight() const { return preflight_; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel* title_ = nullptr;
    QLabel* body_ = nullptr;
    QPushButton* action_ = nullptr;
    bool preflight_ = false;
};

}  // namespace helmdeck::ui
