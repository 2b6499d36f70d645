#pragma once
// Shows a ReleaseDiff: the headline, the changed values, one row per object (added, changed,
// removed, or only Helm's own noise) and the selected object's unified diff, coloured.

#include <QWidget>

#include "core/diff/manifest_diff.hpp"

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace helmdeck::ui {

class DiffView : public QWidget {
    Q_OBJECT

public:
    explicit DiffView(QWidget* parent = nullptr);

    void setDiff(const core::ReleaseDiff& diff);
    /// Shows a one-line state instead of a diff ("Comparing…", an error).
    void setMessage(const QString& message);
    const core::ReleaseDiff& diff() const { return diff_; }

    int objectCount() const;
    void selectObject(int row);
    QString headlineText() const;
    /// The unified diff shown for the selected object.
    QString unifiedText() const;
    /// "changed  Deployment/todo-chatbot  image tag, 1 env var" for row `row`.
    QString rowText(int row) const;

private:
    void showObject(int row);

    core::ReleaseDiff diff_;
    QLabel* headline_ = nullptr;
    QLabel* values_ = nullptr;
    QListWidget* objects_ = nullptr;
    QPlainTextEdit* unified_ = nullptr;
};

}  // namespace helmdeck::ui
