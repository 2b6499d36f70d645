// helmdeck-cli: the headless face of desktop/core. Only wiring here.

#include <QCoreApplication>
#include <cstdio>

#include "cli_options.hpp"
#include "cli_session.hpp"
#include "core/pipeline.hpp"
#include "exit_codes.hpp"
#include "signal_watcher.hpp"

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("helmdeck-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("helmdeck"));
    QCoreApplication::setApplicationVersion(helmdeck::core::helmdeckVersion());

    helmdeck::cli::CliOptions options;
    const auto parsed = helmdeck::cli::parseCommandLine(QCoreApplication::arguments(), &options);
    if (parsed.kind == helmdeck::cli::ParseOutcome::ExitOk) {
        std::fputs(parsed.message.toLocal8Bit().constData(), stdout);
        return helmdeck::cli::kExitPass;
    }
    if (parsed.kind == helmdeck::cli::ParseOutcome::UsageError) {
        std::fprintf(stderr, "helmdeck-cli: %s\n", parsed.message.toLocal8Bit().constData());
        return helmdeck::cli::kExitUsage;
    }

    helmdeck::cli::SignalWatcher signalWatcher;
    helmdeck::cli::CliSession session(options);
    QObject::connect(&signalWatcher, &helmdeck::cli::SignalWatcher::received, &session,
                     &helmdeck::cli::CliSession::interrupt);
    QObject::connect(&session, &helmdeck::cli::CliSession::done, &app, &QCoreApplication::exit);
    session.start();
    return app.exec();
}
