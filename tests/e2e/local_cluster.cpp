#include "local_cluster.hpp"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace helmdeck::testing {

namespace {
// A cold build of kube-apiserver & co. on 2 shared cores; a warm start takes seconds.
constexpr int kUpTimeoutMs = 45 * 60 * 1000;
constexpr int kDownTimeoutMs = 3 * 60 * 1000;

QString clusterScriptsDir() {
    return QStringLiteral(HELMDECK_SOURCE_DIR "/tests/e2e/cluster");
}

QString cacheDir() {
    const QByteArray custom = qgetenv("HELMDECK_CLUSTER_CACHE");
    return custom.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/helmdeck-cluster")
                            : QString::fromLocal8Bit(custom);
}

void prependToPath(const QStringList& dirs) {
    QStringList path = QString::fromLocal8Bit(qgetenv("PATH")).split(QLatin1Char(':'));
    for (auto it = dirs.crbegin(); it != dirs.crend(); ++it) {
        path.removeAll(*it);
        path.prepend(*it);
    }
    qputenv("PATH", path.join(QLatin1Char(':')).toLocal8Bit());
}
}  // namespace

QString CommandResult::describe() const {
    if (!finished) return QStringLiteral("did not finish in time");
    return QStringLiteral("exit %1: %2").arg(exitCode).arg(QString::fromUtf8(err.right(3000)));
}

CommandResult runCommand(const QString& program, const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.start(program, arguments);
    CommandResult result;
    result.finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.error() == QProcess::FailedToStart)
        result.err = QStringLiteral("cannot start %1").arg(program).toUtf8();
    return result;
}

LocalCluster::LocalCluster() : runDir_(QStringLiteral(HELMDECK_BINARY_DIR "/e2e-cluster")) {}

LocalCluster::~LocalCluster() {
    if (isUp_) down();
}

QString LocalCluster::script(const QString& name) const {
    return clusterScriptsDir() + QLatin1Char('/') + name;
}

bool LocalCluster::canBuild() {
    if (!QStandardPaths::findExecutable(QStringLiteral("go")).isEmpty()) return true;
    // A complete cached build has a kubectl beside kube-apiserver.
    const QStringList builds =
        QDir(cacheDir() + QStringLiteral("/bin")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& build : builds)
        if (QFile::exists(cacheDir() + QStringLiteral("/bin/") + build + QStringLiteral("/kubelet")))
            return true;
    return false;
}

bool LocalCluster::up(QString* why) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HELMDECK_CLUSTER_RUN_DIR"), runDir_);
    // A fresh cluster every time: whatever an earlier (crashed) run left goes first.
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);  // progress into the test log
    process.start(
        QStringLiteral("bash"),
        {QStringLiteral("-c"), QStringLiteral("\"$1\" && exec \"$2\""), QStringLiteral("cluster"),
         script(QStringLiteral("down.sh")), script(QStringLiteral("up.sh"))});
    QElapsedTimer clock;
    clock.start();
    if (!process.waitForStarted(10000) || !process.waitForFinished(kUpTimeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        if (why)
            *why = QStringLiteral("up.sh did not finish within %1 min").arg(kUpTimeoutMs / 60000);
        down();
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (why)
            *why = QStringLiteral("up.sh failed (exit %1); logs in %2/logs")
                       .arg(process.exitCode())
                       .arg(runDir_);
        down();
        return false;
    }
    isUp_ = true;
    qInfo("cluster up in %lld s (%s)", clock.elapsed() / 1000, qPrintable(runDir_));

    // env holds: export KUBECONFIG="…", export PATH="<bin>:$PATH", export CONTAINERD_ADDRESS="…".
    QFile env(runDir_ + QStringLiteral("/env"));
    if (!env.open(QIODevice::ReadOnly)) {
        if (why) *why = QStringLiteral("up.sh wrote no %1").arg(env.fileName());
        return false;
    }
    static const QRegularExpression line(QStringLiteral("^export (\\w+)=\"(.*)\"$"));
    QString binDir;
    for (const QString& text : QString::fromUtf8(env.readAll()).split(QLatin1Char('\n'))) {
        const auto match = line.match(text);
        if (!match.hasMatch()) continue;
        if (match.captured(1) == QLatin1String("PATH"))
            binDir = match.captured(2).section(QLatin1Char(':'), 0, 0);
        else
            // KUBECONFIG, CONTAINERD_ADDRESS, HELMDECK_CLUSTER_HELPER_IMAGE: for us and children.
            qputenv(match.captured(1).toLocal8Bit(), match.captured(2).toLocal8Bit());
        if (match.captured(1) == QLatin1String("CONTAINERD_ADDRESS"))
            containerdAddress_ = match.captured(2);
    }
    qputenv("KUBECONFIG", kubeconfig().toLocal8Bit());
    // The cluster's own kubectl (same release as the apiserver), and helm from `go install`.
    prependToPath({binDir, QDir::homePath() + QStringLiteral("/go/bin")});
    if (binDir.isEmpty() || containerdAddress_.isEmpty()) {
        if (why) *why = QStringLiteral("cannot read %1").arg(env.fileName());
        return false;
    }
    return true;
}

bool LocalCluster::down(QString* why) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HELMDECK_CLUSTER_RUN_DIR"), runDir_);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("bash"), {script(QStringLiteral("down.sh"))});
    // down.sh checks that nothing is left; its verdict is the exit status.
    const bool done = process.waitForStarted(10000) && process.waitForFinished(kDownTimeoutMs);
    if (!done) {
        process.kill();
        process.waitForFinished(5000);
    }
    isUp_ = false;
    const bool ok = done && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok && why) *why = QStringLiteral("down.sh failed; see %1/logs").arg(runDir_);
    return ok;
}

}  // namespace helmdeck::testing
