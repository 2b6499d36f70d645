#include "core/workspace.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "core/paths.hpp"

namespace helmdeck::core {

namespace {

const QString kProfileName = QStringLiteral("helmdeck.yaml");

bool holdsProfile(const QString& dir) {
    return !dir.isEmpty() && QFileInfo(QDir(dir).filePath(kProfileName)).isFile();
}

// Copies the tree under `from` into the existing folder `to` (files and folders, hidden ones
// too; symlinks are followed, as the package ships plain files).
bool copyTree(const QString& from, const QString& to) {
    const QDir source(from);
    const QDir target(to);
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo entry(it.next());
        const QString destination = target.filePath(source.relativeFilePath(entry.filePath()));
        if (entry.isDir()) {
            if (!QDir().mkpath(destination)) return false;
            continue;
        }
        if (!QDir().mkpath(QFileInfo(destination).absolutePath())) return false;
        if (!QFile::copy(entry.filePath(), destination)) return false;
        // Installed files are read-only for the user; the copy is theirs to edit.
        QFile(destination).setPermissions(QFile(destination).permissions() | QFile::WriteOwner);
    }
    return true;
}

}  // namespace

QString sharedWorkspaceDir() {
    if (!QCoreApplication::instance()) return {};
    const QString dir = QDir(QCoreApplication::applicationDirPath())
                            .absoluteFilePath(QStringLiteral("../share/helmdeck/workspace"));
    return holdsProfile(dir) ? QDir::cleanPath(dir) : QString();
}

QString ensureUserWorkspace(const QString& sharedDir, const QString& userDir) {
    if (holdsProfile(userDir)) return QDir(userDir).absolutePath();
    if (!holdsProfile(sharedDir)) return {};
    const QFileInfo user(userDir);
    if (user.exists() && !QDir(userDir).isEmpty()) return {};  // someone else's folder: keep it
    const QString parent = user.absolutePath();
    if (!QDir().mkpath(parent)) return {};
    QTemporaryDir staging(QDir(parent).filePath(user.fileName() + QStringLiteral(".partial-XXXXXX")));
    if (!staging.isValid() || !copyTree(sharedDir, staging.path())) return {};
    if (user.exists()) QDir(userDir).removeRecursively();  // the empty folder, if any
    if (!QDir().rename(staging.path(), user.absoluteFilePath())) {
        // Another Helmdeck process won the race: use its copy.
        return holdsProfile(userDir) ? QDir(userDir).absolutePath() : QString();
    }
    staging.setAutoRemove(false);
    return QDir(userDir).absolutePath();
}

QString installedWorkspaceRoot() {
    const QString shared = sharedWorkspaceDir();
    if (shared.isEmpty()) return {};
    return ensureUserWorkspace(shared, QDir(appDataDir()).filePath(QStringLiteral("workspace")));
}

}  // namespace helmdeck::core
