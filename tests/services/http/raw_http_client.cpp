#include "raw_http_client.hpp"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonDocument>

QJsonObject RawReply::json() const {
    return QJsonDocument::fromJson(body).object();
}

QString RawReply::errorCode() const {
    return json().value("error").toObject().value("code").toString();
}

RawHttpClient::RawHttpClient(quint16 port) {
    socket_.connectToHost(QHostAddress::LocalHost, port);
}

bool RawHttpClient::isConnected(int timeoutMs) {
    return socket_.state() == QAbstractSocket::ConnectedState ||
           socket_.waitForConnected(timeoutMs);
}

bool RawHttpClient::send(const QByteArray& bytes, int timeoutMs) {
    if (!isConnected(timeoutMs)) return false;
    socket_.write(bytes);
    QDeadlineTimer deadline(timeoutMs);
    while (socket_.bytesToWrite() > 0) {
        if (deadline.hasExpired() || !socket_.waitForBytesWritten(int(deadline.remainingTime())))
            return false;
    }
    return true;
}

bool RawHttpClient::fill(qint64 remainingMs) {
    if (socket_.bytesAvailable() > 0) {
        buffer_ += socket_.readAll();
        return true;
    }
    if (socket_.state() != QAbstractSocket::ConnectedState) {
        eof_ = true;
        return false;
    }
    if (socket_.waitForReadyRead(int(std::max<qint64>(remainingMs, 1)))) {
        buffer_ += socket_.readAll();
        return true;
    }
    if (socket_.state() != QAbstractSocket::ConnectedState) {
        buffer_ += socket_.readAll();
        eof_ = true;
    }
    return false;
}

std::optional<RawReply> RawHttpClient::readReply(int timeoutMs, bool toHead) {
    QDeadlineTimer deadline(timeoutMs);
    qsizetype headEnd = -1;
    while ((headEnd = buffer_.indexOf("\r\n\r\n")) < 0) {
        if (!fill(deadline.remainingTime()) && (eof_ || deadline.hasExpired()) &&
            buffer_.indexOf("\r\n\r\n") < 0)
            return std::nullopt;
    }
    const auto lines = buffer_.left(headEnd).split('\n');
    RawReply reply;
    const auto statusParts = lines.value(0).trimmed().split(' ');
    if (statusParts.size() < 2 || !statusParts[0].startsWith("HTTP/1.")) return std::nullopt;
    reply.status = statusParts[1].toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto colon = lines[i].indexOf(':');
        if (colon <= 0) continue;
        reply.headers.insert(lines[i].left(colon).trimmed().toLower(),
                             lines[i].mid(colon + 1).trimmed());
    }
    const bool bodiless = toHead || reply.status < 200 || reply.status == 204 || reply.status == 304;
    const qsizetype length = bodiless ? 0 : reply.header("content-length").toLongLong();
    const qsizetype total = headEnd + 4 + length;
    while (buffer_.size() < total) {
        if (!fill(deadline.remainingTime()) && (eof_ || deadline.hasExpired()) &&
            buffer_.size() < total)
            return std::nullopt;
    }
    reply.body = buffer_.mid(headEnd + 4, length);
    buffer_.remove(0, total);
    return reply;
}

std::optional<RawReply> RawHttpClient::get(const QByteArray& target,
                                           const QByteArray& extraHeaders) {
    if (!send("GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n"))
        return std::nullopt;
    return readReply();
}

bool RawHttpClient::waitClosedByPeer(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!eof_) {
        if (!fill(deadline.remainingTime()) && !eof_ && deadline.hasExpired()) return false;
    }
    return true;
}
