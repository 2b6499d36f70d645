#pragma once
// Asks before Deploy: the diff of what the upgrade changes, then Deploy or Cancel. Opened with
// open() (window-modal, no nested event loop); answered() carries the choice.

#include <QDialog>

#include "core/diff/manifest_diff.hpp"

class QPushButton;

namespace helmdeck::ui {

class DiffView;

class DiffDialog : public QDialog {
    Q_OBJECT

public:
    explicit DiffDialog(const core::ReleaseDiff& diff, QWidget* parent = nullptr);

    DiffView* view() const { return view_; }
    QPushButton* deployButton() const { return deploy_; }
    /// "3 objects change: …. Deploy?" — the question asked.
    static QString question(const core::ReleaseDiff& diff);

Q_SIGNALS:
    void answered(bool deploy);

private:
    DiffView* view_ = nullptr;
    QPushButton* deploy_ = nullptr;
};

}  // namespace helmdeck::ui
