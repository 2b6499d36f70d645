// The shipped workspace becomes the user's editable copy on first use, and stays theirs.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/workspace.hpp"

using namespace helmdeck::core;

namespace {

bool writeFile(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private:
    QTemporaryDir root_;
    QString shared_;

private Q_SLOTS:
    void init() {
        QVERIFY(root_.isValid());
        shared_ = root_.filePath(QStringLiteral("share/helmdeck/workspace"));
        QDir(shared_).removeRecursively();
        QVERIFY(writeFile(shared_ + QStringLiteral("/helmdeck.yaml"), "version: 1\n"));
        QVERIFY(writeFile(shared_ + QStringLiteral("/.dockerignore"), "*\n"));
        QVERIFY(writeFile(shared_ + QStringLiteral("/helm/todo-chatbot/Chart.yaml"), "name: x\n"));
        QVERIFY(writeFile(shared_ + QStringLiteral("/services/chatbot/main.cpp"), "int main(){}\n"));
        // Installed files may be read-only; the user's copy must not be.
        QVERIFY(QFile::setPermissions(shared_ + QStringLiteral("/helmdeck.yaml"),
                                      QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    }

    void copiesTheWholeWorkspaceOnFirstUse() {
        const QString user = root_.filePath(QStringLiteral("data/first/workspace"));
        QCOMPARE(ensureUserWorkspace(shared_, user), QDir(user).absolutePath());
        for (const char* file : {"helmdeck.yaml", ".dockerignore", "helm/todo-chatbot/Chart.yaml",
                                 "services/chatbot/main.cpp"}) {
            const QString relative = QString::fromLatin1(file);
            QCOMPARE(readFile(QDir(user).filePath(relative)),
                     readFile(QDir(shared_).filePath(relative)));
        }
        QVERIFY(QFileInfo(QDir(user).filePath(QStringLiteral("helmdeck.yaml"))).isWritable());
        // Nothing but the workspace is left in its parent (no staging folder).
        QCOMPARE(QDir(root_.filePath(QStringLiteral("data/first")))
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("workspace")});
    }

    void keepsTheUsersEdits() {
        const QString user = root_.filePath(QStringLiteral("data/edits/workspace"));
        QVERIFY(!ensureUserWorkspace(shared_, user).isEmpty());
        const QString profile = QDir(user).filePath(QStringLiteral("helmdeck.yaml"));
        QVERIFY(writeFile(profile, "version: 1\ntarget: docker\n"));
        QVERIFY(QFile::remove(QDir(user).filePath(QStringLiteral(".dockerignore"))));
        QCOMPARE(ensureUserWorkspace(shared_, user), QDir(user).absolutePath());
        QCOMPARE(readFile(profile), QByteArray("version: 1\ntarget: docker\n"));
        QVERIFY(!QFile::exists(QDir(user).filePath(QStringLiteral(".dockerignore"))));
    }

    void fillsAnEmptyFolder() {
        const QString user = root_.filePath(QStringLiteral("data/empty/workspace"));
        QVERIFY(QDir().mkpath(user));
        QCOMPARE(ensureUserWorkspace(shared_, user), QDir(user).absolutePath());
        QVERIFY(QFile::exists(QDir(user).filePath(QStringLiteral("helm/todo-chatbot/Chart.yaml"))));
    }

    void leavesAForeignFolderAlone() {
        const QString user = root_.filePath(QStringLiteral("data/foreign/workspace"));
        QVERIFY(writeFile(QDir(user).filePath(QStringLiteral("notes.txt")), "mine\n"));
        QVERIFY(ensureUserWorkspace(shared_, user).isEmpty());
        QCOMPARE(QDir(user).entryList(QDir::Files), QStringList{QStringLiteral("notes.txt")});
    }

    void noSharedWorkspaceGivesEmpty() {
        const QString user = root_.filePath(QStringLiteral("data/none/workspace"));
        QVERIFY(ensureUserWorkspace(root_.filePath(QStringLiteral("missing")), user).isEmpty());
        QVERIFY(!QFileInfo::exists(user));
    }

    void aBuildTreeHasNoSharedWorkspace() {
        // build/bin/../share/helmdeck/workspace does not exist: only an install has one.
        QVERIFY(sharedWorkspaceDir().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
