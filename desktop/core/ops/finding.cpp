#include "core/ops/finding.hpp"

#include <QJsonArray>

namespace helmdeck::ops {

QString nameOf(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return QStringLiteral("info");
        case Severity::Warning:
            return QStringLiteral("warning");
        case Severity::Error:
            return QStringLiteral("error");
    }
    return {};
}

Severity worstSeverity(const QList<Finding>& findings) {
    Severity worst = Severity::Info;
    for (const Finding& finding : findings) worst = qMax(worst, finding.severity);
    return worst;
}

bool needsAttention(const QList<Finding>& findings) {
    for (const Finding& finding : findings)
        if (finding.severity >= Severity::Warning) return true;
    return false;
}

QJsonObject toJson(const Finding& finding, const ActionContext& context) {
    QJsonObject object{{QStringLiteral("severity"), nameOf(finding.severity)},
                       {QStringLiteral("analyzer"), finding.analyzer},
                       {QStringLiteral("object"), finding.object.text()},
                       {QStringLiteral("cause"), finding.cause},
                       {QStringLiteral("evidence"), QJsonArray::fromStringList(finding.evidence)}};
    if (!finding.parent.isEmpty()) object.insert(QStringLiteral("parent"), finding.parent.text());
    if (!finding.fixHint.isEmpty()) object.insert(QStringLiteral("fixHint"), finding.fixHint);
    if (finding.fix) {
        QJsonObject fix = toJson(*finding.fix);
        fix.insert(QStringLiteral("description"), describe(*finding.fix));
        fix.insert(QStringLiteral("command"), commandText(*finding.fix, context));
        fix.insert(QStringLiteral("mutating"), isMutating(*finding.fix));
        object.insert(QStringLiteral("fix"), fix);
    }
    return object;
}

QString toText(const Finding& finding, const ActionContext& context) {
    QString text = QStringLiteral("%1  %2: %3\n")
                       .arg(nameOf(finding.severity).leftJustified(7), finding.object.text(), finding.cause);
    if (!finding.parent.isEmpty())
        text += QStringLiteral("         (part of %1)\n").arg(finding.parent.text());
    for (const QString& line : finding.evidence) text += QStringLiteral("         | %1\n").arg(line);
    if (!finding.fixHint.isEmpty()) text += QStringLiteral("         fix: %1\n").arg(finding.fixHint);
    if (finding.fix)
        text += QStringLiteral("         %1: %2\n")
                    .arg(finding.fixHint.isEmpty() ? QStringLiteral("fix") : QStringLiteral("run"),
                         commandText(*finding.fix, context));
    return text;
}

}  // namespace helmdeck::ops
