#include "ui/diff_dialog.hpp"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/diff_view.hpp"

namespace helmdeck::ui {

QString DiffDialog::question(const core::ReleaseDiff& diff) {
    if (diff.deployedRevision == 0)
        return tr("First install of %1: %n object(s) will be created. Deploy?", nullptr,
                  int(diff.objects.size()))
            .arg(diff.release);
    return tr("%1. Deploy?").arg(diff.headline());
}

DiffDialog::DiffDialog(const core::ReleaseDiff& diff, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Deploy these changes?"));
    setWindowModality(Qt::WindowModal);
    resize(1100, 700);
    auto* layout = new QVBoxLayout(this);
    auto* question = new QLabel(DiffDialog::question(diff), this);
    question->setWordWrap(true);
    layout->addWidget(question);
    view_ = new DiffView(this);
    view_->setDiff(diff);
    layout->addWidget(view_, 1);
    auto* buttons = new QDialogButtonBox(this);
    deploy_ = buttons->addButton(tr("Deploy"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::finished, this,
            [this](int result) { Q_EMIT answered(result == QDialog::Accepted); });
}

}  // namespace helmdeck::ui
