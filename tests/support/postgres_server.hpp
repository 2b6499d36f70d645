#pragma once
// A private PostgreSQL server for tests: initdb and pg_ctl in a temporary directory, listening
// on a free 127.0.0.1 port. As root, the server runs as the unprivileged `postgres` user
// (initdb refuses root). Stopped and deleted by the destructor.

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace helmdeck::testing {

struct PostgresOptions {
    /// Neon-shaped: ssl=on with a certificate made by the fixture (its own CA, SAN
    /// 127.0.0.1 and localhost), and pg_hba allowing TCP only through hostssl.
    bool tls_only = false;
};

class PostgresServer {
public:
    /// Starts a server, or returns nullptr and sets `why_not` (naming the missing tool and
    /// how to install it, or the pg_ctl error).
    static std::unique_ptr<PostgresServer> start(QString* why_not, PostgresOptions options = {});
    ~PostgresServer();

    /// postgres://helmdeck:helmdeck@127.0.0.1:PORT/helmdeck
    QString url() const;
    quint16 port() const { return port_; }
    /// With tls_only: the CA that signed the server's certificate, and an unrelated CA.
    QString ca_file() const;
    QString wrong_ca_file() const;

    /// Fast shutdown (pg_ctl stop -m fast), waiting until it is down.
    bool stop();
    /// Starts again on the same port and data directory, waiting until it accepts connections.
    bool start_again();

private:
    PostgresServer() = default;
    bool run_as_owner(const QStringList& command, QString* output, int timeout_ms);

    std::unique_ptr<QTemporaryDir> dir_;
    QString bin_dir_;
    QString data_dir_;
    quint16 port_ = 0;
    bool running_ = false;
    bool tls_only_ = false;
};

}  // namespace helmdeck::testing
