#include "core/parsers/tool_version_parser.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace helmdeck::core {

namespace {

// The first semantic-looking version in `text`, keeping a leading "v" when `withV` asks.
QString firstVersion(const QString& text, bool withV) {
    static const QRegularExpression version(
        QStringLiteral("\\bv?(\\d+\\.\\d+(?:\\.\\d+)?(?:[-~][0-9A-Za-z.+~-]*)?)"));
    const auto m = version.match(text);
    if (!m.hasMatch()) return {};
    return withV ? QStringLiteral("v") + m.captured(1) : m.captured(1);
}

}  // namespace

QString parseDockerVersion(const QString& output) {
    return firstVersion(output.trimmed().section(QLatin1Char('\n'), 0, 0), false);
}

QString parseHelmVersion(const QString& output) {
    QString version = firstVersion(output, true);
    return version.section(QLatin1Char('+'), 0, 0);
}

QString parseMinikubeVersion(const QString& output) {
    static const QRegularExpression full(QStringLiteral("minikube version:\\s*(\\S+)"));
    const auto m = full.match(output);
    return firstVersion(m.hasMatch() ? m.captured(1) : output, true);
}

QString parseKindVersion(const QString& output) {
    static const QRegularExpression kind(QStringLiteral("kind\\s+(v\\S+)"));
    const auto m = kind.match(output);
    return m.hasMatch() ? m.captured(1) : firstVersion(output, true);
}

QString parseCtrVersion(const QString& output) {
    // "ctr github.com/containerd/containerd 1.6.20~ds1": the module path has no version in it.
    return firstVersion(output.section(QLatin1Char(' '), -1), false);
}

KubectlVersion parseKubectlVersion(const QByteArray& output) {
    // Cut the leading JSON object out of whatever else kubectl printed.
    const qsizetype begin = output.indexOf('{');
    qsizetype end = begin;
    for (int depth = 0; end >= 0 && end < output.size(); ++end) {
        if (output.at(end) == '{')
            ++depth;
        else if (output.at(end) == '}' && --depth == 0)
            break;
    }
    KubectlVersion version;
    if (begin < 0 || end >= output.size()) return version;
    const QJsonObject root = QJsonDocument::fromJson(output.mid(begin, end - begin + 1)).object();
    version.client = root.value(QLatin1String("clientVersion"))
                         .toObject()
                         .value(QLatin1String("gitVersion"))
                         .toString();
    version.server = root.value(QLatin1String("serverVersion"))
                         .toObject()
                         .value(QLatin1String("gitVersion"))
                         .toString();
    return version;
}

}  // namespace helmdeck::core
