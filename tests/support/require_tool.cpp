#include "support/require_tool.hpp"

#include <QDir>
#include <QStandardPaths>

namespace helmdeck::testing {

bool running_in_ci() { return qEnvironmentVariable("CI").toLower() == QLatin1String("true"); }

QString find_tool(const QString& tool) {
    auto found = QStandardPaths::findExecutable(tool);
    if (!found.isEmpty()) return found;
    const QStringList extra = {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                               QStringLiteral("/usr/lib/postgresql/15/bin"),
                               QDir::homePath() + QStringLiteral("/go/bin")};
    return QStandardPaths::findExecutable(tool, extra);
}

}  // namespace helmdeck::testing
