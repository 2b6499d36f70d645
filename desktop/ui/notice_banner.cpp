#include "ui/notice_banner.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace helmdeck::ui {

NoticeBanner::NoticeBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("banner"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 10, 10, 10);
    layout->setSpacing(12);
    auto* icon = new QLabel(QStringLiteral("⚠"), this);
    icon->setStyleSheet(QStringLiteral("color: #bf8700; font-size: 16pt;"));
    layout->addWidget(icon, 0, Qt::AlignTop);
    auto* texts = new QVBoxLayout;
    texts->setSpacing(4);
    title_ = new QLabel(this);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    body_ = new QLabel(this);
    body_->setWordWrap(true);
    body_->setTextFormat(Qt::RichText);
    body_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(title_);
    texts->addWidget(body_);
    layout->addLayout(texts, 1);
    action_ = new QPushButton(this);
    action_->setVisible(false);
    layout->addWidget(action_, 0, Qt::AlignVCenter);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(action_, &QPushButton::clicked, this, &NoticeBanner::actionTriggered);
    setVisible(false);
}

void NoticeBanner::showPreflight(const QString& targetName,
                                 const QList<core::PreflightItem>& problems) {
    preflight_ = true;
    action_->setVisible(false);
    if (problems.isEmpty()) {
        setVisible(false);
        return;
    }
    title_->setText(
        tr("The %1 target needs tools that are missing or not working").arg(targetName));
    QStringList lines;
    for (const core::PreflightItem& item : problems) {
        QString line = QStringLiteral("<b>%1</b>: %2")
                           .arg(item.tool.toHtmlEscaped(), item.problem.toHtmlEscaped());
        if (!item.fixHint.isEmpty()) line += QStringLiteral(" — ") + item.fixHint.toHtmlEscaped();
        lines.append(line);
    }
    lines.append(tr("<i>The Local target always works.</i>"));
    body_->setText(lines.join(QStringLiteral("<br>")));
    body_->setVisible(true);
    setVisible(true);
}

void NoticeBanner::showMessage(const QString& message, const QString& actionText) {
    preflight_ = false;
    title_->setText(message);
    body_->clear();
    body_->setVisible(false);
    action_->setText(actionText);
    action_->setVisible(!actionText.isEmpty());
    setVisible(true);
}

QString NoticeBanner::text() const {
    return title_->text() + QLatin1Char('\n') + body_->text();
}

}  // namespace helmdeck::ui
