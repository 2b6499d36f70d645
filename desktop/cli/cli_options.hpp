#pragma once
// helmdeck-cli's command line: one subcommand and its options, parsed with QCommandLineParser.

#include <QString>
#include <QStringList>
#include <optional>

#include "core/profile.hpp"

class QCoreApplication;

namespace helmdeck::cli {

struct CliOptions {
    QString command;  ///< preflight, build, deploy, probe, chat, status, rollback, uninstall, run,
                      ///< history
    QString message;  ///< chat's message, ops' request
    QString wavFile;  ///< chat --wav: transcribe this WAV offline and send the transcript
    std::optional<int> revision;         ///< rollback's optional revision
    QString profilePath;                 ///< --profile; empty: helmdeck.yaml of the workspace
    std::optional<core::Target> target;  ///< --target; empty: the profile's
    bool json = false;
    QString reportFile;
    bool rollbackOnFail = false;
    bool confirmDiff = false;  ///< run/deploy on a cluster: show the diff, ask before deploying
    bool verbose = false;
    int historyLimit = 20;
    bool yes = false;       ///< ops: run a mutating action without asking
    bool readOnly = false;  ///< ops: refuse every mutating action
    QString snapshotDir;    ///< diagnose, ops: read a recorded snapshot instead of the cluster
};

/// The subcommands, in help order.
QStringList cliCommands();

struct ParseOutcome {
    enum Kind { Run, ExitOk, UsageError } kind = Run;
    QString message;  ///< help/version text (ExitOk) or the one-line error (UsageError)
};

/// Parses the arguments of `app`. Help and version come back as ExitOk with their text.
ParseOutcome parseCommandLine(const QStringList& arguments, CliOptions* options);

}  // namespace helmdeck::cli
