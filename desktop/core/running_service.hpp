#pragma once
// A backend that a pipeline brought up and that may outlive it: a local todo-chatbot process,
// a docker container, or a kubectl port-forward (or just an external URL).

#include <QObject>
#include <QString>
#include <QUrl>

namespace helmdeck::core {

class RunningService : public QObject {
    Q_OBJECT

public:
    enum class Kind { LocalProcess, Container, PortForward, External };

    explicit RunningService(QObject* parent = nullptr) : QObject(parent) {}

    virtual Kind kind() const = 0;
    /// Base URL of the backend, e.g. http://127.0.0.1:41234 (empty until it is up).
    virtual QUrl url() const = 0;
    /// One line for a status bar: "todo-chatbot (pid 4242) on 127.0.0.1:41234".
    virtual QString description() const = 0;
    virtual bool isRunning() const = 0;
    /// Stops it and waits (bounded, a few seconds) until its processes are gone. Idempotent.
    /// Subclass destructors call it, so dropping the last shared_ptr never leaks a child.
    virtual void stop() = 0;

Q_SIGNALS:
    void logLine(const QString& line);
    /// The service went away by itself (process exited, container died, forward gave up).
    void lost(const QString& reason);
    /// The URL changed (a port-forward restarted on a new port).
    void urlChanged(const QUrl& url);
};

}  // namespace helmdeck::core
