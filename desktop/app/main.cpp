// helmdeck: the dashboard. Wires the command line, the theme, the window and the screenshot demo.

#include <QApplication>
#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QFile>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/pipeline.hpp"
#include "core/profile.hpp"
#include "core/voice/audio_source.hpp"
#include "ui/chat_page.hpp"
#include "ui/main_window.hpp"
#include "ui/screenshot_demo.hpp"
#include "ui/startup_trace.hpp"
#include "ui/theme.hpp"
#include "ui/voice_bar.hpp"

using namespace helmdeck;

namespace {

struct Options {
    QCommandLineOption profile{
        QStringLiteral("profile"),
        QCoreApplication::translate("main", "Profile to open (helmdeck.yaml)."),
        QStringLiteral("path")};
    QCommandLineOption target{
        QStringLiteral("target"),
        QCoreApplication::translate("main", "Target: local, docker or cluster."),
        QStringLiteral("name")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
                                    "Run a short local demo, write a PNG of --page to FILE, exit."),
        QStringLiteral("file")};
    QCommandLineOption deploy{
        QStringLiteral("deploy"),
        QCoreApplication::translate("main", "Start Build & Deploy as soon as the window opens.")};
    QCommandLineOption page{
        QStringLiteral("page"),
        QCoreApplication::translate(
            "main", "Page for --screenshot: pipeline, health, images, cluster or chat."),
        QStringLiteral("name"), QStringLiteral("pipeline")};
    QCommandLineOption voiceWav{
        QStringLiteral("voice-wav"),
        QCoreApplication::translate("main", "Feed the Chat page's push-to-talk from FILE (a 16-bit "
                                            "PCM WAV) instead of the microphone."),
        QStringLiteral("file")};
};

void describe(QCommandLineParser& parser, const Options& options) {
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Build, deploy, watch and chat with the todo chatbot."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(
        {options.profile, options.target, options.deploy, options.screenshot, options.page,
         options.voiceWav});
}

void setIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("helmdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("Helmdeck"));
    QCoreApplication::setApplicationVersion(core::helmdeckVersion());
}

// --help and --version must work without a display: answer them before QApplication exists.
bool wantsOnlyText(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0) return true;
    return false;
}

int fail(const QString& message) {
    std::fprintf(stderr, "helmdeck: %s\n", qPrintable(message));
    return 2;
}

}  // namespace

int main(int argc, char* argv[]) {
    if (wantsOnlyText(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        const Options options;
        describe(parser, options);
        parser.process(app);  // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Helmdeck"));
    QApplication::setDesktopFileName(QStringLiteral("helmdeck"));
    QCommandLineParser parser;
    const Options cli;
    describe(parser, cli);
    parser.process(app);

    ui::MainWindowOptions options;
    options.profilePath = parser.value(cli.profile);
    if (parser.isSet(cli.target)) {
        core::Target parsed;
        if (!core::parseTarget(parser.value(cli.target), &parsed))
            return fail(QStringLiteral("unknown target \"%1\" (local, docker or cluster)")
                            .arg(parser.value(cli.target)));
        options.target = parsed;
    }
    ui::MainWindow::Page shownPage = ui::MainWindow::Page::Pipeline;
    if (!ui::MainWindow::pageFromName(parser.value(cli.page), &shownPage))
        return fail(
            QStringLiteral("unknown page \"%1\" (pipeline, health, images, cluster or chat)")
                .arg(parser.value(cli.page)));
    const bool screenshotMode = parser.isSet(cli.screenshot);
    // The demo adds tasks and runs: it gets a throwaway store, never the user's data dir.
    QTemporaryDir demoData;
    if (screenshotMode) {
        options.persistSettings = false;
        if (!demoData.isValid())
            return fail(QStringLiteral("cannot create a temporary data dir for the demo: %1")
                            .arg(demoData.errorString()));
        qputenv("HELMDECK_DATA_DIR", demoData.path().toUtf8());
    }

    ui::theme::apply(app);
    ui::MainWindow window(options);
    ui::traceFirstPaint(&window);
    ui::traceStalls(&window);
    if (parser.isSet(cli.voiceWav)) {
        QFile file(parser.value(cli.voiceWav));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        QByteArray bytes = file.readAll();
        QString error;
        core::voice::AudioClip clip = core::voice::parseWav(bytes, &error);
        core::voice::wipeBytes(bytes);
        if (clip.isEmpty()) return fail(QStringLiteral("%1: %2").arg(file.fileName(), error));
        window.chatPage()->voiceBar()->setAudioSource(new core::voice::ClipSource(std::move(clip)));
    }
    window.show();

    if (screenshotMode) {
        auto* demo =
            new ui::ScreenshotDemo(&window, shownPage, parser.value(cli.screenshot), &window);
        QObject::connect(
            demo, &ui::ScreenshotDemo::done, &app, [](int code, const QString& message) {
                if (code != 0)
                    std::fprintf(stderr, "helmdeck: screenshot failed: %s\n", qPrintable(message));
                QApplication::exit(code);
            });
        demo->start();
    } else if (parser.isSet(cli.deploy)) {
        QMetaObject::invokeMethod(&window, &ui::MainWindow::buildAndDeploy, Qt::QueuedConnection);
    }
    return app.exec();
}
