#include "core/paths.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "core/workspace.hpp"

namespace helmdeck::core {

namespace {

const QString kProfileName = QStringLiteral("helmdeck.yaml");

QString walkUpFor(const QString& start, const QString& fileName) {
    if (start.isEmpty()) return {};
    QDir dir(QFileInfo(start).absoluteFilePath());
    while (true) {
        if (QFileInfo(dir.filePath(fileName)).isFile()) return dir.absolutePath();
        if (!dir.cdUp()) return {};
    }
}

}  // namespace

QString appDataDir() {
    QString dir = qEnvironmentVariable("HELMDECK_DATA_DIR");
    if (dir.isEmpty()) {
        // AppDataLocation for app "helmdeck", spelled out so the GUI, the CLI and tests agree
        // whatever application or organisation name they set.
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
              QStringLiteral("/helmdeck");
    }
    QDir().mkpath(dir);
    return QDir(dir).absolutePath();
}

QString findWorkspaceRoot(const QString& startDir) {
    if (!startDir.isEmpty()) return walkUpFor(startDir, kProfileName);
    QString root = walkUpFor(QDir::currentPath(), kProfileName);
    if (root.isEmpty() && QCoreApplication::instance())
        root = walkUpFor(QCoreApplication::applicationDirPath(), kProfileName);
    // Not in a checkout: an installed app works on its copy of the shipped workspace.
    if (root.isEmpty()) root = installedWorkspaceRoot();
    return root;
}

QString findTodoChatbot() {
    const QString name = QStringLiteral("todo-chatbot");
    if (QCoreApplication::instance()) {
        const QString sibling = QDir(QCoreApplication::applicationDirPath()).filePath(name);
        if (QFileInfo(sibling).isExecutable()) return sibling;
    }
    return QStandardPaths::findExecutable(name);
}

}  // namespace helmdeck::core
