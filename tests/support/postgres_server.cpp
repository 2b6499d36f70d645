#include "support/postgres_server.hpp"

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTcpServer>

#include "support/require_tool.hpp"

namespace helmdeck::testing {
namespace {

constexpr int kStartTimeoutMs = 60000;
constexpr const char* kRole = "helmdeck";
constexpr const char* kPassword = "helmdeck";

quint16 unused_loopback_port() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) return 0;
    return probe.serverPort();
}

// initdb refuses to run as root; as root, everything runs as this unprivileged user.
bool running_as_root() {
    return ::geteuid() == 0;
}

bool give_to_postgres_user(const QString& path, QString* why) {
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr) {
        *why = QStringLiteral(
            "running as root, but there is no 'postgres' user to run the "
            "server as; install with: apt-get install postgresql");
        return false;
    }
    if (::chown(QFile::encodeName(path).constData(), user->pw_uid, user->pw_gid) != 0) {
        *why = QStringLiteral("cannot chown %1 to postgres").arg(path);
        return false;
    }
    return true;
}

}  // namespace

namespace {

// The fixture's CA, a server certificate it signs, and an unrelated CA, with the openssl CLI.
bool make_certificates(const QString& dir, QString* why) {
    const QString openssl = find_tool(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *why = QStringLiteral("openssl not found; install with: apt-get install openssl");
        return false;
    }
    QFile ext(dir + QStringLiteral("/san.ext"));
    if (!ext.open(QIODevice::WriteOnly)) return false;
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    const QList<QStringList> steps{
        QStringList{"req", "-x509"} + ec +
            QStringList{"-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=helmdeck test CA"},
        QStringList{"req"} + ec +
            QStringList{"-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"},
        QStringList{"x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext"},
        QStringList{"req", "-x509"} + ec +
            QStringList{"-keyout", "wrong-ca.key", "-out", "wrong-ca.crt", "-days", "2", "-subj", "/CN=some other CA"}};
    for (const auto& step : steps) {
        QProcess process;
        process.setWorkingDirectory(dir);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(openssl, step);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            *why = QStringLiteral("openssl %1 failed: %2").arg(step.join(' '), QString::fromUtf8(process.readAll()));
            return false;
        }
    }
    ::chmod(QFile::encodeName(dir + QStringLiteral("/server.key")).constData(), 0600);
    return true;
}

}  // namespace

QString PostgresServer::ca_file() const {
    return dir_->path() + QStringLiteral("/tls/ca.crt");
}

QString PostgresServer::wrong_ca_file() const {
    return dir_->path() + QStringLiteral("/tls/wrong-ca.crt");
}

std::unique_ptr<PostgresServer> PostgresServer::start(QString* why_not, PostgresOptions options) {
    QString ignored;
    QString& why = why_not != nullptr ? *why_not : ignored;

    // Resolve symlinks (e.g. /usr/local/bin/initdb): createdb lives beside the real initdb.
    const QString initdb = QFileInfo(find_tool(QStringLiteral("initdb"))).canonicalFilePath();
    const QString pg_ctl =
        initdb.isEmpty() ? QString() : QFileInfo(initdb).dir().filePath(QStringLiteral("pg_ctl"));
    if (initdb.isEmpty() || !QFileInfo(pg_ctl).isExecutable()) {
        why = QStringLiteral(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; install "
            "with: apt-get install postgresql");
        return nullptr;
    }

    std::unique_ptr<PostgresServer> server(new PostgresServer);
    server->bin_dir_ = QFileInfo(initdb).absolutePath();
    // Under /tmp so the postgres user can reach it even when TMPDIR is inside /root.
    const QString base = running_as_root() ? QStringLiteral("/tmp") : QDir::tempPath();
    server->dir_ = std::make_unique<QTemporaryDir>(base + QStringLiteral("/helmdeck-pg-XXXXXX"));
    if (!server->dir_->isValid()) {
        why = QStringLiteral("cannot create a temporary directory: ") + server->dir_->errorString();
        return nullptr;
    }
    const QString root = server->dir_->path();
    ::chmod(QFile::encodeName(root).constData(), 0755);
    server->data_dir_ = root + QStringLiteral("/data");
    const QString password_file = root + QStringLiteral("/password");
    {
        QFile file(password_file);
        if (!file.open(QIODevice::WriteOnly)) {
            why = QStringLiteral("cannot write ") + password_file;
            return nullptr;
        }
        file.write(QByteArray(kPassword) + '\n');
    }
    QDir(root).mkpath(QStringLiteral("socket"));
    server->tls_only_ = options.tls_only;
    if (options.tls_only) {
        QDir(root).mkpath(QStringLiteral("tls"));
        if (!make_certificates(root + QStringLiteral("/tls"), &why)) return nullptr;
    }
    if (running_as_root()) {
        for (const QString& path : {root, password_file, root + QStringLiteral("/socket")})
            if (!give_to_postgres_user(path, &why)) return nullptr;
        if (options.tls_only)
            for (const char* name : {"/tls", "/tls/server.key", "/tls/server.crt"})
                if (!give_to_postgres_user(root + QString::fromLatin1(name), &why)) return nullptr;
    }

    QString output;
    // Socket connections are trusted (for the fixture itself); TCP needs the password.
    if (!server->run_as_owner(
            {initdb, QStringLiteral("-D"), server->data_dir_, QStringLiteral("-U"),
             QString::fromLatin1(kRole), QStringLiteral("--pwfile=") + password_file,
             QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
             QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C.UTF-8"),
             QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")},
            &output, kStartTimeoutMs)) {
        why = QStringLiteral("initdb failed: ") + output;
        return nullptr;
    }

    if (options.tls_only) {  // TCP only through TLS; the socket stays trusted for the fixture
        QFile hba(server->data_dir_ + QStringLiteral("/pg_hba.conf"));
        if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            why = QStringLiteral("cannot write pg_hba.conf");
            return nullptr;
        }
        hba.write("local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n");
    }

    server->port_ = unused_loopback_port();
    if (server->port_ == 0 || !server->start_again()) {
        why = QStringLiteral("pg_ctl start failed; see %1/server.log").arg(root);
        QFile log(root + QStringLiteral("/server.log"));
        if (log.open(QIODevice::ReadOnly))
            why += QStringLiteral(":\n") + QString::fromUtf8(log.readAll());
        return nullptr;
    }

    const QString createdb = QDir(server->bin_dir_).filePath(QStringLiteral("createdb"));
    if (!server->run_as_owner(
            {createdb, QStringLiteral("-h"), root + QStringLiteral("/socket"), QStringLiteral("-p"),
             QString::number(server->port_), QStringLiteral("-U"), QString::fromLatin1(kRole),
             QString::fromLatin1(kRole)},
            &output, kStartTimeoutMs)) {
        why = QStringLiteral("createdb failed: ") + output;
        return nullptr;
    }
    return server;
}

PostgresServer::~PostgresServer() {
    if (!running_ || stop()) return;
    // pg_ctl could not stop it: an immediate shutdown keeps a server from outliving the test.
    QFile pid_file(data_dir_ + QStringLiteral("/postmaster.pid"));
    if (pid_file.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const pid_t pid = static_cast<pid_t>(pid_file.readLine().trimmed().toLongLong(&ok));
        if (ok && pid > 0) ::kill(pid, SIGQUIT);
    }
}

QString PostgresServer::url() const {
    return QStringLiteral("postgres://%1:%2@127.0.0.1:%3/%1")
        .arg(QString::fromLatin1(kRole), QString::fromLatin1(kPassword))
        .arg(port_);
}

bool PostgresServer::stop() {
    QString output;
    bool stopped =
        run_as_owner({QDir(bin_dir_).filePath(QStringLiteral("pg_ctl")), QStringLiteral("stop"),
                      QStringLiteral("-D"), data_dir_, QStringLiteral("-m"), QStringLiteral("fast"),
                      QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60")},
                     &output, kStartTimeoutMs);
    if (stopped) running_ = false;
    return stopped;
}

bool PostgresServer::start_again() {
    const QString root = dir_->path();
    const QString options = QStringLiteral(
                                "-c listen_addresses=127.0.0.1 -p %1 -k %2/socket "
                                "-c fsync=off -c full_page_writes=off%3")
                                .arg(port_)
                                .arg(root)
                                .arg(tls_only_ ? QStringLiteral(" -c ssl=on -c ssl_cert_file=%1/tls/server.crt "
                                                                "-c ssl_key_file=%1/tls/server.key")
                                                     .arg(root)
                                               : QString());
    QString output;
    running_ =
        run_as_owner({QDir(bin_dir_).filePath(QStringLiteral("pg_ctl")), QStringLiteral("start"),
                      QStringLiteral("-D"), data_dir_, QStringLiteral("-l"),
                      root + QStringLiteral("/server.log"), QStringLiteral("-w"),
                      QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), options},
                     &output, kStartTimeoutMs);
    return running_;
}

bool PostgresServer::run_as_owner(const QStringList& command, QString* output, int timeout_ms) {
    QStringList arguments = command;
    QString program = arguments.takeFirst();
    if (running_as_root()) {
        arguments = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                QStringLiteral("--"), program} +
                    arguments;
        program = find_tool(QStringLiteral("runuser"));
        if (program.isEmpty()) {
            *output = QStringLiteral("runuser not found (util-linux)");
            return false;
        }
    }
    QProcess process;
    // The postgres user cannot enter our working directory when it is under /root.
    process.setWorkingDirectory(dir_->path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(timeout_ms)) {
        *output = program + QStringLiteral(": ") + process.errorString();
        return false;
    }
    bool finished = process.waitForFinished(timeout_ms);
    *output = QString::fromLocal8Bit(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        *output += QStringLiteral("\n(timed out)");
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

}  // namespace helmdeck::testing
