// The packages (label `package`): CPack builds the .deb and the tarball from this build tree;
// their metadata and contents are checked; lintian, desktop-file-validate and appstreamcli find
// no errors; and a fresh debian:bookworm-slim container installs the .deb with apt, runs both
// programs outside any checkout, and purges it without leaving a file behind.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "docker/docker_cli.hpp"
#include "support/require_tool.hpp"

using helmdeck::testing::CommandResult;
using helmdeck::testing::find_tool;
using helmdeck::testing::run_command;

namespace {

constexpr int kMinute = 60 * 1000;
const QString kVersion = QStringLiteral(HELMDECK_PROJECT_VERSION);
const QString kBaseImage = QStringLiteral("debian:bookworm-slim");
const QString kWorkspace = QStringLiteral("usr/share/helmdeck/workspace");

// Every path on the root filesystem except the ones apt, dpkg and the kernel churn: the
// snapshot taken before the install and after the purge must match.
const QString kSnapshot = QStringLiteral(
    "find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run"
    " -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache -o -path /var/log"
    " -o -path /.dockerenv -o -path /etc/mtab \\)"
    " -prune -o -print | sort");

QString packageNameOf(const QString& dependency) {
    // "libfoo6 (>= 1.2) | libbar" -> "libfoo6": the first alternative, no version.
    return dependency.section(QLatin1Char('|'), 0, 0).section(QLatin1Char('('), 0, 0).trimmed();
}

QString fileSize(const QString& path) {
    return QStringLiteral("%1 KiB").arg(QFileInfo(path).size() / 1024);
}

}  // namespace

// Skips (locally) or fails (CI) unless the container image with Helmdeck installed is ready.
#define REQUIRE_INSTALLED_IMAGE()                                                               \
    do {                                                                                        \
        HELMDECK_REQUIRE(helmdeck::testing::docker_answers(), "a Docker engine",                 \
                         "run ./dev setup (installs docker.io and starts dockerd)");            \
        if (!imageTried_) prepareImage();                                                       \
        QVERIFY2(!image_.isEmpty(), imageLog_.right(6000).constData());                         \
    } while (false)

class TestPackages : public QObject {
    Q_OBJECT

private:
    QTemporaryDir work_;
    QString deb_;
    QString tarball_;
    QString extracted_;  ///< the .deb's files, unpacked with dpkg-deb -x
    bool imageTried_ = false;
    QString image_;
    QByteArray imageLog_;

    QString debField(const QString& field) const {
        const CommandResult result =
            run_command(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), deb_, field}, kMinute);
        return QString::fromUtf8(result.output).trimmed();
    }

    // `docker run --rm <extra> <image> sh -c <script>` with the network off (the install must
    // need nothing more from it) as an unprivileged user, unless `extra` says otherwise.
    CommandResult inContainer(const QString& script, const QStringList& extra = {},
                              int timeoutMs = 5 * kMinute) {
        QStringList args = {QStringLiteral("run"), QStringLiteral("--rm"),
                            QStringLiteral("--network"), QStringLiteral("none")};
        args << extra << image_ << QStringLiteral("sh") << QStringLiteral("-c") << script;
        return helmdeck::testing::docker(args, timeoutMs);
    }

    // One image for every container check: Debian with the .deb's dependencies (the only step
    // that needs the network, cached while they stay the same), then `apt-get install ./deb`.
    void prepareImage() {
        imageTried_ = true;
        const QDir context(work_.filePath(QStringLiteral("image")));
        QDir().mkpath(context.path());
        const QString debName = QFileInfo(deb_).fileName();
        if (!QFile::copy(deb_, context.filePath(debName))) {
            imageLog_ = "cannot copy the .deb into the image context";
            return;
        }
        QStringList dependencies;
        for (const QString& entry : debField(QStringLiteral("Depends")).split(QLatin1Char(',')))
            if (!packageNameOf(entry).isEmpty()) dependencies << packageNameOf(entry);
        QFile dockerfile(context.filePath(QStringLiteral("Dockerfile")));
        if (!dockerfile.open(QIODevice::WriteOnly)) return;
        dockerfile.write(QStringLiteral(
                             "FROM %1\n"
                             "ARG DEPENDS\n"
                             "RUN apt-get update \\\n"
                             " && DEBIAN_FRONTEND=noninteractive apt-get install -y"
                             " --no-install-recommends $DEPENDS \\\n"
                             " && useradd --create-home --uid 1000 user \\\n"
                             " && %2 > /var/tmp/before-helmdeck.txt\n"
                             "COPY %3 /var/tmp/\n"
                             "RUN DEBIAN_FRONTEND=noninteractive apt-get install -y"
                             " --no-install-recommends /var/tmp/%3 && rm /var/tmp/%3\n")
                             .arg(kBaseImage, kSnapshot, debName)
                             .toUtf8());
        dockerfile.close();
        const QString tag = QStringLiteral("helmdeck-package-test:%1")
                                .arg(QCoreApplication::applicationPid());
        const auto builder = helmdeck::testing::select_image_builder();
        const CommandResult build = helmdeck::testing::build_image(
            builder, context.path(), QStringLiteral("Dockerfile"), tag,
            {QStringLiteral("--build-arg"),
             QStringLiteral("DEPENDS=%1").arg(dependencies.join(QLatin1Char(' ')))});
        imageLog_ = build.output;
        if (build.ok()) image_ = tag;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(work_.isValid());
        const QString config = QStringLiteral(HELMDECK_BINARY_DIR "/CPackConfig.cmake");
        QVERIFY2(QFile::exists(config),
                 "no CPackConfig.cmake: installer/ is not part of this build (see installer/README.md)");
        HELMDECK_REQUIRE(!find_tool(QStringLiteral("dpkg-shlibdeps")).isEmpty(), "dpkg-shlibdeps",
                         "apt-get install dpkg-dev");
        // The packages of this build tree, written to a temp dir (cpack builds what is stale).
        const QString out = work_.filePath(QStringLiteral("packages"));
        const CommandResult cpack = run_command(
            QStringLiteral(HELMDECK_CPACK),
            {QStringLiteral("-G"), QStringLiteral("DEB;TGZ"), QStringLiteral("--config"), config,
             QStringLiteral("-B"), out},
            20 * kMinute);
        QVERIFY2(cpack.ok(), cpack.output.right(6000).constData());
        deb_ = QDir(out).filePath(QStringLiteral("helmdeck_%1_amd64.deb").arg(kVersion));
        tarball_ = QDir(out).filePath(QStringLiteral("helmdeck-%1-linux-x86_64.tar.gz").arg(kVersion));
        QVERIFY2(QFile::exists(deb_), qPrintable(QDir(out).entryList(QDir::Files).join(' ')));
        QVERIFY2(QFile::exists(tarball_), qPrintable(QDir(out).entryList(QDir::Files).join(' ')));
        qInfo("%s: %s", qPrintable(QFileInfo(deb_).fileName()), qPrintable(fileSize(deb_)));
        qInfo("%s: %s", qPrintable(QFileInfo(tarball_).fileName()), qPrintable(fileSize(tarball_)));
        extracted_ = work_.filePath(QStringLiteral("extracted"));
        const CommandResult unpack =
            run_command(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb_, extracted_}, kMinute);
        QVERIFY2(unpack.ok(), unpack.output.constData());
    }

    void cleanupTestCase() {
        // --no-prune keeps the dependency layer, so the next run reuses it.
        if (!image_.isEmpty())
            helmdeck::testing::docker({QStringLiteral("image"), QStringLiteral("rm"),
                                       QStringLiteral("--no-prune"), image_});
    }

    void debMetadata_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");  // a regular expression
        QTest::newRow("package") << "Package" << "^helmdeck$";
        QTest::newRow("version") << "Version" << QStringLiteral("^%1$").arg(kVersion);
        QTest::newRow("architecture") << "Architecture" << "^amd64$";
        QTest::newRow("section") << "Section" << "^(devel|utils)$";
        QTest::newRow("maintainer") << "Maintainer" << "^[^<>]+ <[^@<>]+@[^@<>]+>$";
        QTest::newRow("homepage") << "Homepage" << "^https://";
        QTest::newRow("description") << "Description" << "^\\S.{10,78}\\n \\S";
        // dpkg-shlibdeps computed these from the binaries.
        QTest::newRow("depends qt") << "Depends" << "\\blibqt6widgets6\\b";
        QTest::newRow("depends yaml-cpp") << "Depends" << "libyaml-cpp";
        QTest::newRow("depends libpq") << "Depends" << "libpq5";
        QTest::newRow("depends sqlite") << "Depends" << "libsqlite3-0";
        QTest::newRow("depends qpa plugins") << "Depends" << "qt6-qpa-plugins";
        QTest::newRow("recommends docker") << "Recommends" << "\\bdocker\\.io\\b";
        QTest::newRow("suggests kubectl") << "Suggests" << "\\bkubectl\\b";
    }

    void debMetadata() {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const QString value = debField(field);
        QVERIFY2(QRegularExpression(expected).match(value).hasMatch(),
                 qPrintable(QStringLiteral("%1: %2").arg(field, value)));
    }

    void contents_data() {
        QTest::addColumn<QString>("path");  // relative to the prefix
        for (const char* path :
             {"bin/helmdeck", "bin/helmdeck-cli", "bin/todo-chatbot",
              "share/applications/helmdeck.desktop",
              "share/metainfo/io.helmdeck.Helmdeck.metainfo.xml",
              "share/icons/hicolor/scalable/apps/helmdeck.svg",
              "share/icons/hicolor/48x48/apps/helmdeck.png",
              "share/icons/hicolor/128x128/apps/helmdeck.png",
              "share/icons/hicolor/256x256/apps/helmdeck.png",
              "share/man/man1/helmdeck.1.gz", "share/man/man1/helmdeck-cli.1.gz",
              "share/man/man1/todo-chatbot.1.gz", "share/doc/helmdeck/copyright",
              "share/doc/helmdeck/changelog.gz", "share/helmdeck/workspace/helmdeck.yaml",
              "share/helmdeck/workspace/helm/todo-chatbot/Chart.yaml",
              "share/helmdeck/workspace/helm/todo-chatbot/values-minikube.yaml",
              "share/helmdeck/workspace/dockerfiles/chatbot.Dockerfile",
              "share/helmdeck/workspace/CMakeLists.txt",
              "share/helmdeck/workspace/services/chatbot/CMakeLists.txt"})
            QTest::newRow(path) << QString::fromLatin1(path);
    }

    void contents() {
        QFETCH(QString, path);
        QVERIFY2(QFileInfo(QDir(extracted_).filePath(QStringLiteral("usr/") + path)).isFile(),
                 qPrintable(QStringLiteral("the .deb lacks /usr/") + path));
        const CommandResult list =
            run_command(QStringLiteral("tar"), {QStringLiteral("-tzf"), tarball_}, kMinute);
        QVERIFY2(list.ok(), list.output.constData());
        const QString top = QStringLiteral("helmdeck-%1-linux-x86_64/").arg(kVersion);
        QVERIFY2(list.output.split('\n').contains((top + path).toUtf8()),
                 qPrintable(QStringLiteral("the tarball lacks ") + top + path));
    }

    void noBuildTreesOrVcsFilesShip() {
        QDirIterator it(extracted_, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        static const QRegularExpression unwanted(
            QStringLiteral("/(build|build-[^/]*|\\.cache|\\.git|CMakeUserPresets\\.json)(/|$)"));
        while (it.hasNext()) {
            const QString path = it.next();
            QVERIFY2(!unwanted.match(path).hasMatch(), qPrintable(path));
        }
    }

    // The workspace can build the image: every file the Dockerfile COPYs from its context is
    // there, byte for byte as in this source tree.
    void workspaceHoldsTheImageBuildContext() {
        const QDir workspace(QDir(extracted_).filePath(kWorkspace));
        QFile dockerfile(workspace.filePath(QStringLiteral("dockerfiles/chatbot.Dockerfile")));
        QVERIFY(dockerfile.open(QIODevice::ReadOnly));
        const QRegularExpression copy(QStringLiteral("^COPY\\s+(?!--from)(.+)\\s+\\S+\\s*$"),
                                      QRegularExpression::MultilineOption);
        int sources = 0;
        for (auto match = copy.globalMatch(QString::fromUtf8(dockerfile.readAll())); match.hasNext();) {
            for (const QString& source :
                 match.next().captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                QVERIFY2(QFileInfo::exists(workspace.filePath(source)), qPrintable(source));
                ++sources;
            }
        }
        QVERIFY(sources >= 3);
        const QDir sourceRoot(QStringLiteral(HELMDECK_SOURCE_DIR));
        QDirIterator it(workspace.filePath(QStringLiteral("services")), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString shipped = it.next();
            QFile a(shipped);
            QFile b(sourceRoot.filePath(workspace.relativeFilePath(shipped)));
            QVERIFY(a.open(QIODevice::ReadOnly));
            QVERIFY2(b.open(QIODevice::ReadOnly), qPrintable(b.fileName()));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(shipped));
        }
    }

    // The tarball is relocatable: unpacked anywhere, the CLI finds todo-chatbot beside it and
    // copies the workspace from its share/ folder when run outside a checkout.
    void tarballRunsFromAnyFolder() {
        const QString unpacked = work_.filePath(QStringLiteral("tarball"));
        QVERIFY(QDir().mkpath(unpacked));
        const CommandResult untar = run_command(
            QStringLiteral("tar"), {QStringLiteral("-xzf"), tarball_, QStringLiteral("-C"), unpacked},
            kMinute);
        QVERIFY2(untar.ok(), untar.output.constData());
        const QString cli = QStringLiteral("%1/helmdeck-%2-linux-x86_64/bin/helmdeck-cli")
                                .arg(unpacked, kVersion);
        const QString data = work_.filePath(QStringLiteral("tarball-data"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HELMDECK_DATA_DIR"), data);
        QProcess process;
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(work_.path());  // under /tmp: no helmdeck.yaml above it
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(cli, {QStringLiteral("preflight"), QStringLiteral("--target"),
                            QStringLiteral("local")});
        QVERIFY(process.waitForFinished(kMinute));
        const QByteArray output = process.readAll();
        QVERIFY2(process.exitCode() == 0, output.constData());
        QVERIFY2(QFile::exists(data + QStringLiteral("/workspace/helmdeck.yaml")), output.constData());
        QVERIFY(QFile::exists(data + QStringLiteral("/workspace/services/CMakeLists.txt")));
    }

    void workspaceChartLints() {
        const QString helm = find_tool(QStringLiteral("helm"));
        HELMDECK_REQUIRE(!helm.isEmpty(), "helm", "run ./dev setup");
        const QDir chart(QDir(extracted_).filePath(kWorkspace + QStringLiteral("/helm/todo-chatbot")));
        const CommandResult lint = run_command(
            helm, {QStringLiteral("lint"), chart.path(), QStringLiteral("-f"),
                   chart.filePath(QStringLiteral("values-minikube.yaml"))},
            2 * kMinute);
        QVERIFY2(lint.ok(), lint.output.constData());
    }

    // Every long option of --help is in the man page, so the pages cannot fall behind.
    void manPagesCoverEveryOption_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("helmdeck") << "helmdeck";
        QTest::newRow("helmdeck-cli") << "helmdeck-cli";
        QTest::newRow("todo-chatbot") << "todo-chatbot";
    }

    void manPagesCoverEveryOption() {
        QFETCH(QString, program);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const CommandResult help = run_command(
            QStringLiteral(HELMDECK_BINARY_DIR "/bin/") + program, {QStringLiteral("--help")},
            kMinute, env);
        QVERIFY2(help.ok(), help.output.constData());
        QFile page(QStringLiteral(HELMDECK_SOURCE_DIR "/installer/man/%1.1").arg(program));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QString manSource = QString::fromUtf8(page.readAll());
        const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]*[a-z]"));
        int options = 0;
        for (auto match = option.globalMatch(QString::fromUtf8(help.output)); match.hasNext();) {
            QString escaped = match.next().captured(0);
            escaped.replace(QLatin1String("-"), QLatin1String("\\-"));
            QVERIFY2(manSource.contains(escaped),
                     qPrintable(QStringLiteral("%1.1 lacks %2").arg(program, escaped)));
            ++options;
        }
        QVERIFY(options >= 3);
    }

    void lintianFindsNoErrors() {
        const QString lintian = find_tool(QStringLiteral("lintian"));
        HELMDECK_REQUIRE(!lintian.isEmpty(), "lintian", "apt-get install lintian");
        // Warnings fail too, unless installer/lintian-overrides keeps them with a reason.
        const CommandResult result = run_command(
            lintian, {QStringLiteral("--fail-on"), QStringLiteral("error,warning"),
                      QStringLiteral("--tag-display-limit"), QStringLiteral("0"), deb_},
            10 * kMinute);
        if (!result.trimmed().isEmpty()) qInfo("lintian:\n%s", result.output.constData());
        QVERIFY2(result.ok(), result.output.constData());
    }

    void desktopEntryValidates() {
        const QString validator = find_tool(QStringLiteral("desktop-file-validate"));
        HELMDECK_REQUIRE(!validator.isEmpty(), "desktop-file-validate",
                         "apt-get install desktop-file-utils");
        const CommandResult result = run_command(
            validator,
            {QDir(extracted_).filePath(QStringLiteral("usr/share/applications/helmdeck.desktop"))},
            kMinute);
        QVERIFY2(result.ok() && !result.output.contains("error:"), result.output.constData());
    }

    void metainfoValidates() {
        const QString appstreamcli = find_tool(QStringLiteral("appstreamcli"));
        HELMDECK_REQUIRE(!appstreamcli.isEmpty(), "appstreamcli", "apt-get install appstream");
        const CommandResult result = run_command(
            appstreamcli,
            {QStringLiteral("validate"), QStringLiteral("--no-net"),
             QDir(extracted_).filePath(
                 QStringLiteral("usr/share/metainfo/io.helmdeck.Helmdeck.metainfo.xml"))},
            kMinute);
        QVERIFY2(result.ok(), result.output.constData());
    }

    void installsInACleanContainer() {
        REQUIRE_INSTALLED_IMAGE();
        const CommandResult status = inContainer(
            QStringLiteral("dpkg-query -W -f '${Status} ${Version}' helmdeck"));
        QVERIFY2(status.ok(), status.output.constData());
        QCOMPARE(status.trimmed(), QStringLiteral("install ok installed %1").arg(kVersion).toUtf8());
    }

    void cliPrintsItsVersion() {
        REQUIRE_INSTALLED_IMAGE();
        const CommandResult version = inContainer(QStringLiteral("helmdeck-cli --version"),
                                                  {QStringLiteral("--user"), QStringLiteral("user")});
        QVERIFY2(version.ok(), version.output.constData());
        QVERIFY2(version.output.contains(kVersion.toUtf8()), version.output.constData());
    }

    // Outside any checkout the CLI copies the shipped workspace and runs todo-chatbot from
    // /usr/bin, as a plain user.
    void localRunPassesOutsideACheckout() {
        REQUIRE_INSTALLED_IMAGE();
        const CommandResult run = inContainer(
            QStringLiteral("cd /tmp && helmdeck-cli run --target local"
                           " && test -f ~/.local/share/helmdeck/workspace/helmdeck.yaml"
                           " && test -f ~/.local/share/helmdeck/workspace/services/CMakeLists.txt"
                           " && echo workspace copied"),
            {QStringLiteral("--user"), QStringLiteral("user")}, 5 * kMinute);
        QVERIFY2(run.ok(), run.output.right(6000).constData());
        qInfo("%s", run.output.right(2000).constData());
        QVERIFY2(run.output.contains("pass"), run.output.constData());
        QVERIFY2(run.output.contains("workspace copied"), run.output.constData());
    }

    void screenshotWorksOffscreen() {
        REQUIRE_INSTALLED_IMAGE();
        const QString out = work_.filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(out));
        QVERIFY(QFile::setPermissions(out, QFileDevice::Permissions(0x7777)));  // for uid 1000
        const CommandResult shot = inContainer(
            QStringLiteral("cd /tmp && helmdeck --screenshot /out/pipeline.png --page pipeline"),
            {QStringLiteral("--user"), QStringLiteral("user"), QStringLiteral("-e"),
             QStringLiteral("QT_QPA_PLATFORM=offscreen"), QStringLiteral("-v"),
             out + QStringLiteral(":/out")},
            5 * kMinute);
        QVERIFY2(shot.ok(), shot.output.right(6000).constData());
        const QImage image(QDir(out).filePath(QStringLiteral("pipeline.png")));
        QVERIFY2(!image.isNull(), shot.output.constData());
        QVERIFY(image.width() >= 400 && image.height() >= 300);
        // Kept beside the build for a look (CI artefact).
        const QString kept = QStringLiteral(HELMDECK_BINARY_DIR "/installer/container-pipeline.png");
        QFile::remove(kept);
        QFile::copy(QDir(out).filePath(QStringLiteral("pipeline.png")), kept);
    }

    void purgeLeavesNothingBehind() {
        REQUIRE_INSTALLED_IMAGE();
        const CommandResult purge = inContainer(
            QStringLiteral(
                "set -e; dpkg -L helmdeck | sort > /tmp/owned;"
                " DEBIAN_FRONTEND=noninteractive apt-get purge -y helmdeck > /tmp/purge.log;"
                " %1 > /tmp/after;"
                // New paths since before the install, and owned paths that outlived the purge.
                " comm -13 /var/tmp/before-helmdeck.txt /tmp/after | sed 's/^/left: /';"
                " while read -r path; do"
                "   if [ -e \"$path\" ] && ! grep -qxF \"$path\" /var/tmp/before-helmdeck.txt;"
                "   then echo \"left: $path\"; fi;"
                " done < /tmp/owned;"
                " ls /var/lib/dpkg/info/helmdeck.* 2>/dev/null | sed 's/^/left: /';"
                " echo owned $(wc -l < /tmp/owned) paths")
                .arg(kSnapshot));
        QVERIFY2(purge.ok(), purge.output.constData());
        QVERIFY2(!purge.output.contains("left: "), purge.output.constData());
        QVERIFY2(purge.output.contains("owned "), purge.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestPackages)
#include "test_packages.moc"
