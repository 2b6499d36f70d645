#include "ui/startup_trace.hpp"

#include <unistd.h>

#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <QWidget>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

namespace helmdeck::ui {

double msSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) return 0;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime, clock ticks after boot) comes after the ")" closing the command.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20) return 0;
    const double startSeconds = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startSeconds) * 1000.0;
}

namespace {
class FirstPaintFilter : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint) {
            std::fprintf(stderr, "helmdeck: first paint after %.0f ms\n", msSinceProcessStart());
            watched->removeEventFilter(this);
            deleteLater();
        }
        return false;
    }
};
}  // namespace

void traceFirstPaint(QWidget* window) {
    if (qEnvironmentVariableIsEmpty("HELMDECK_TRACE_STARTUP")) return;
    window->installEventFilter(new FirstPaintFilter(window));
}

namespace {
double residentMb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}
}  // namespace

void traceStalls(QObject* owner) {
    if (qEnvironmentVariableIsEmpty("HELMDECK_TRACE_STALLS")) return;
    auto* heartbeat = new QTimer(owner);
    auto* report = new QTimer(owner);
    auto clock = std::make_shared<QElapsedTimer>();
    auto longest = std::make_shared<qint64>(0);
    clock->start();
    heartbeat->setInterval(10);
    heartbeat->setTimerType(Qt::PreciseTimer);
    QObject::connect(heartbeat, &QTimer::timeout, owner,
                     [clock, longest] { *longest = std::max(*longest, clock->restart() - 10); });
    report->setInterval(10000);
    QObject::connect(report, &QTimer::timeout, owner, [longest] {
        std::fprintf(stderr, "helmdeck: stall max %lld ms, rss %.1f MB\n",
                     static_cast<long long>(*longest), residentMb());
    });
    heartbeat->start();
    report->start();
}

}  // namespace helmdeck::ui
