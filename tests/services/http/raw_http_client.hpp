#pragma once
// A blocking HTTP/1.1 client over a raw QTcpSocket: it sends exact bytes (so tests can send
// malformed requests) and parses replies with Content-Length framing. Every wait has a deadline.

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QTcpSocket>
#include <optional>

struct RawReply {
    int status = 0;
    QMap<QByteArray, QByteArray> headers;  ///< lower-cased names
    QByteArray body;

    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
    QJsonObject json() const;
    /// The "code" of a {"error":{"code","message"}} body, or empty.
    QString errorCode() const;
    bool closes() const { return header("connection").toLower() == "close"; }
};

class RawHttpClient {
public:
    explicit RawHttpClient(quint16 port);

    bool isConnected(int timeoutMs = 5000);
    /// Writes everything; false if the peer closed before it was all written.
    bool send(const QByteArray& bytes, int timeoutMs = 5000);
    /// `toHead`: the reply to a HEAD request, whose Content-Length announces no body.
    std::optional<RawReply> readReply(int timeoutMs = 5000, bool toHead = false);
    /// A GET with keep-alive and the given extra header lines ("Name: value\r\n" each).
    std::optional<RawReply> get(const QByteArray& target, const QByteArray& extraHeaders = {});
    /// True once the server has closed the connection (EOF), within the timeout.
    bool waitClosedByPeer(int timeoutMs = 5000);

private:
    bool fill(qint64 deadlineMs);

    QTcpSocket socket_;
    QByteArray buffer_;
    bool eof_ = false;
};
