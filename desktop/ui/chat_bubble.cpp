#include "ui/chat_bubble.hpp"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {
QString compact(const QJsonValue& value) {
    if (value.isString()) return QStringLiteral("\"%1\"").arg(value.toString());
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}
QString pretty(const QJsonValue& value) {
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented))
            .trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented))
            .trimmed();
    return compact(value);
}
}  // namespace

QString ChatBubble::callSignature(const core::ChatToolCall& call) {
    QStringList arguments;
    const QJsonObject object = call.arguments.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        arguments.append(QStringLiteral("%1: %2").arg(it.key(), compact(it.value())));
    QString text = QStringLiteral("%1(%2)").arg(call.name, arguments.join(QStringLiteral(", ")));
    return text.size() > 70 ? text.left(68) + QStringLiteral("…)") : text;
}

ChatBubble::ChatBubble(Role role, const QString& text, QWidget* parent)
    : QWidget(parent), role_(role) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    auto* bubble = new QFrame(this);
    bubble->setObjectName(role == Role::User ? QStringLiteral("bubbleUser")
                                             : QStringLiteral("bubbleBot"));
    bubble->setMaximumWidth(620);
    if (role == Role::Error)
        bubble->setStyleSheet(
            QStringLiteral("QFrame#bubbleBot { border-color: %1; }").arg(theme::failed().name()));
    auto* layout = new QVBoxLayout(bubble);
    layout->setContentsMargins(14, 9, 14, 9);
    layout->setSpacing(6);
    text_ = new QLabel(text, bubble);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text_->setTextFormat(Qt::PlainText);
    // Short messages stay on one line; long ones wrap inside the bubble's maximum width.
    qsizetype longestLine = 0;
    for (const QString& line : text.split(QLatin1Char('\n')))
        longestLine = std::max(longestLine, line.size());
    const bool longText = longestLine > 60;
    text_->setWordWrap(longText);
    if (longText) text_->setMinimumWidth(420);
    layout->addWidget(text_);
    chips_ = new QWidget(bubble);
    auto* chipsLayout = new QVBoxLayout(chips_);
    chipsLayout->setContentsMargins(0, 0, 0, 0);
    chipsLayout->setSpacing(4);
    chips_->setVisible(false);
    layout->addWidget(chips_);
    meta_ = new QLabel(bubble);
    meta_->setObjectName(QStringLiteral("metricName"));
    meta_->setVisible(false);
    layout->addWidget(meta_);
    if (role == Role::User) {
        row->addStretch(1);
        row->addWidget(bubble);
    } else {
        row->addWidget(bubble);
        row->addStretch(1);
    }
}

QString ChatBubble::text() const {
    return text_->text();
}

void ChatBubble::setReply(const core::ChatReply& reply) {
    for (const core::ChatToolCall& call : reply.toolCalls) {
        toolNames_.append(call.name);
        auto* chip = new QToolButton(chips_);
        chip->setObjectName(QStringLiteral("chip"));
        const bool failed =
            call.result.isObject() && call.result.toObject().contains(QStringLiteral("error"));
        chip->setText(QStringLiteral("%1 %2").arg(
            failed ? QStringLiteral("✗") : QStringLiteral("⚙"), callSignature(call)));
        chip->setCheckable(true);
        chip->setToolTip(tr("Show the tool's result"));
        auto* result = new QLabel(pretty(call.result), chips_);
        result->setObjectName(QStringLiteral("console"));
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        result->setWordWrap(true);
        result->setStyleSheet(
            QStringLiteral("font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt;"));
        result->setVisible(false);
        connect(chip, &QToolButton::toggled, result, &QWidget::setVisible);
        chips_->layout()->addWidget(chip);
        chips_->layout()->addWidget(result);
        chips_->layout()->setAlignment(chip, Qt::AlignLeft);
    }
    chips_->setVisible(!reply.toolCalls.isEmpty());
    meta_->setText(tr("%1 ms").arg(reply.latencyMs) +
                   (reply.toolCalls.isEmpty()
                        ? QString()
                        : tr(" · %n tool call(s)", nullptr, int(reply.toolCalls.size()))));
    meta_->setVisible(true);
}

}  // namespace helmdeck::ui
