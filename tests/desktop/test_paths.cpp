// App data dir override, workspace discovery, and finding todo-chatbot.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "support/require_tool.hpp"

#include "core/paths.hpp"

using namespace helmdeck::core;

class TestPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dataDirHonoursTheOverride() {
        QTemporaryDir dir;
        const QString wanted = dir.filePath(QStringLiteral("nested/data"));
        qputenv("HELMDECK_DATA_DIR", wanted.toLocal8Bit());
        QCOMPARE(appDataDir(), wanted);
        QVERIFY(QFileInfo(wanted).isDir());  // created on demand
        qunsetenv("HELMDECK_DATA_DIR");
        QVERIFY(appDataDir().endsWith(QLatin1String("/helmdeck")));
    }

    void workspaceRootWalksUp() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a/b/c")));
        QFile profile(dir.filePath(QStringLiteral("helmdeck.yaml")));
        QVERIFY(profile.open(QIODevice::WriteOnly));
        profile.close();
        QCOMPARE(findWorkspaceRoot(dir.filePath(QStringLiteral("a/b/c"))),
                 QDir(dir.path()).absolutePath());
        QCOMPARE(findWorkspaceRoot(dir.path()), QDir(dir.path()).absolutePath());
    }

    void workspaceRootOfThisRepository() {
        QCOMPARE(findWorkspaceRoot(QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop")),
                 QDir(QStringLiteral(HELMDECK_SOURCE_DIR)).absolutePath());
    }

    void noWorkspaceGivesEmpty() {
        QTemporaryDir dir;
        // Temp dirs live under /tmp, which holds no helmdeck.yaml up to the root.
        HELMDECK_REQUIRE(!QFile::exists(QStringLiteral("/tmp/helmdeck.yaml")) &&
                             !QFile::exists(QStringLiteral("/helmdeck.yaml")),
                         "a temp dir with no helmdeck.yaml above it",
                         "remove /tmp/helmdeck.yaml or /helmdeck.yaml");
        QVERIFY(findWorkspaceRoot(dir.path()).isEmpty());
    }

    void todoChatbotIsFoundNextToTheBinaries() {
        const QString sibling =
            QCoreApplication::applicationDirPath() + QStringLiteral("/todo-chatbot");
        const QString found = findTodoChatbot();
        if (QFileInfo(sibling).isExecutable())
            QCOMPARE(found, sibling);
        else
            QCOMPARE(found, QStandardPaths::findExecutable(QStringLiteral("todo-chatbot")));
    }
};

QTEST_GUILESS_MAIN(TestPaths)
#include "test_paths.moc"
