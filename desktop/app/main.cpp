// helmdeck: the dashboard. Wires the command line, the theme, the window and the screenshot demo.

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>

#include "core/pipeline.hpp"
#include "core/profile.hpp"
#include "ui/main_window.hpp"
#include "ui/screenshot_demo.hpp"
#include "ui/startup_trace.hpp"
#include "ui/theme.hpp"

using namespace helmdeck;

namespace {
int fail(const QString& message) {
    std::fprintf(stderr, "helmdeck: %s\n", qPrintable(message));
    return 2;
}
}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("helmdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Helmdeck"));
    QApplication::setOrganizationName(QStringLiteral("Helmdeck"));
    QApplication::setApplicationVersion(core::helmdeckVersion());
    QApplication::setDesktopFileName(QStringLiteral("helmdeck"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Build, deploy, watch and chat with the todo chatbot."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(QStringLiteral("profile"), QApplication::translate("main", "Profile to open (helmdeck.yaml)."), QStringLiteral("path"));
    const QCommandLineOption target(QStringLiteral("target"), QApplication::translate("main", "Target: local, docker or cluster."), QStringLiteral("name"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QApplication::translate("main", "Run a short local demo, write a PNG of --page to FILE, exit."), QStringLiteral("file"));
    const QCommandLineOption page(QStringLiteral("page"), QApplication::translate("main", "Page for --screenshot: pipeline, health, images, cluster or chat."), QStringLiteral("name"), QStringLiteral("pipeline"));
    parser.addOptions({profile, target, screenshot, page});
    parser.process(app);

    ui::MainWindowOptions options;
    options.profilePath = parser.value(profile);
    if (parser.isSet(target)) {
        core::Target parsed;
        if (!core::parseTarget(parser.value(target), &parsed))
            return fail(QStringLiteral("unknown target \"%1\" (local, docker or cluster)").arg(parser.value(target)));
        options.target = parsed;
    }
    ui::MainWindow::Page shownPage = ui::MainWindow::Page::Pipeline;
    if (!ui::MainWindow::pageFromName(parser.value(page), &shownPage))
        return fail(QStringLiteral("unknown page \"%1\" (pipeline, health, images, cluster or chat)").arg(parser.value(page)));
    const bool screenshotMode = parser.isSet(screenshot);
    if (screenshotMode) options.persistSettings = false;

    ui::theme::apply(app);
    ui::MainWindow window(options);
    ui::traceFirstPaint(&window);
    ui::traceStalls(&window);
    window.show();

    if (screenshotMode) {
        auto* demo = new ui::ScreenshotDemo(&window, shownPage, parser.value(screenshot), &window);
        QObject::connect(demo, &ui::ScreenshotDemo::done, &app, [](int code, const QString& message) {
            if (code != 0) std::fprintf(stderr, "helmdeck: screenshot failed: %s\n", qPrintable(message));
            QApplication::exit(code);
        });
        demo->start();
    }
    return app.exec();
}
