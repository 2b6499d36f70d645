#pragma once
// Turns SIGINT and SIGTERM into a Qt signal through a self-pipe: the handler only write()s.

#include <QObject>

class QSocketNotifier;

namespace helmdeck::cli {

class SignalWatcher : public QObject {
    Q_OBJECT

public:
    /// Installs the handlers for SIGINT and SIGTERM. One instance per process.
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier* notifier_ = nullptr;
};

}  // namespace helmdeck::cli
