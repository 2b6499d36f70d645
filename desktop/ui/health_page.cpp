#include "ui/health_page.hpp"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QUrl>
#include <QVBoxLayout>

#include "core/verdict.hpp"
#include "ui/charts/latency_histogram_chart.hpp"
#include "ui/charts/latency_timeline_chart.hpp"
#include "ui/live_latency_series.hpp"
#include "ui/theme.hpp"
#include "ui/page_frame.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kRecentSeconds = 30;

QString ms(double value) {
    return HealthPage::tr("%1 ms").arg(core::formatMeasure(value));
}
QString ms(const std::optional<double>& value) {
    return value ? ms(*value) : QStringLiteral("—");
}

QFrame* group(const QString& title, QWidget* parent, QHBoxLayout** row) {
    auto* frame = new QFrame(parent);
    frame->setObjectName(QStringLiteral("card"));
    auto* layout = new QVBoxLayout(frame);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(6);
    auto* label = new QLabel(title, frame);
    label->setObjectName(QStringLiteral("sectionTitle"));
    layout->addWidget(label);
    *row = new QHBoxLayout;
    (*row)->setSpacing(22);
    layout->addLayout(*row);
    return frame;
}
}  // namespace

MetricTile::MetricTile(const QString& name, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* label = new QLabel(name.toUpper(), this);
    label->setObjectName(QStringLiteral("metricName"));
    value_ = new QLabel(QStringLiteral("—"), this);
    value_->setObjectName(QStringLiteral("metricValue"));
    layout->addWidget(label);
    layout->addWidget(value_);
}

void MetricTile::setValue(const QString& value, const QColor& color) {
    value_->setText(value);
    value_->setStyleSheet(color.isValid() ? QStringLiteral("color: %1;").arg(color.name())
                                          : QString());
}

QString MetricTile::value() const {
    return value_->text();
}

HealthPage::HealthPage(const LiveLatencySeries* series, QWidget* parent)
    : QWidget(parent), series_(series) {
    const PageFrame frame = makePageFrame(this, tr("Health"), tr("No endpoint yet: Build & Deploy first."));
    auto* layout = frame.layout;
    auto* header = frame.header;
    endpoint_ = frame.subtitle;
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("badge"));
    header->addWidget(status_, 0, Qt::AlignVCenter);
    header->addSpacing(16);
    header->addWidget(new QLabel(tr("Probe rate"), this), 0, Qt::AlignVCenter);
    rate_ = new QDoubleSpinBox(this);
    rate_->setRange(0.2, 100);
    rate_->setDecimals(1);
    rate_->setSuffix(tr(" req/s"));
    rate_->setValue(5);
    header->addWidget(rate_, 0, Qt::AlignVCenter);
    connect(rate_, &QDoubleSpinBox::valueChanged, this, &HealthPage::probeRateChanged);

    auto* numbers = new QHBoxLayout;
    numbers->setSpacing(12);
    QHBoxLayout* clientRow = nullptr;
    numbers->addWidget(group(tr("Client-side (probe, last 30 s)"), this, &clientRow), 3);
    p50_ = new MetricTile(tr("p50"), this);
    p95_ = new MetricTile(tr("p95"), this);
    p99_ = new MetricTile(tr("p99"), this);
    errors_ = new MetricTile(tr("errors"), this);
    throughput_ = new MetricTile(tr("answered"), this);
    for (auto* tile : {p50_, p95_, p99_, errors_, throughput_}) clientRow->addWidget(tile);
    clientRow->addStretch(1);
    QHBoxLayout* serverRow = nullptr;
    QFrame* server = group(tr("Server-side (/metrics)"), this, &serverRow);
    numbers->addWidget(server, 2);
    serverP50_ = new MetricTile(tr("p50"), this);
    serverP95_ = new MetricTile(tr("p95"), this);
    serverP99_ = new MetricTile(tr("p99"), this);
    for (auto* tile : {serverP50_, serverP95_, serverP99_}) serverRow->addWidget(tile);
    serverRow->addStretch(1);
    serverNote_ = new QLabel(tr("Scraped every 5 s while the endpoint is up."), server);
    serverNote_->setObjectName(QStringLiteral("muted"));
    server->layout()->addWidget(serverNote_);
    layout->addLayout(numbers);

    timeline_ = new LatencyTimelineChart(this);
    timeline_->setSource(series_);
    layout->addWidget(timeline_, 3);
    histogram_ = new LatencyHistogramChart(this);
    histogram_->setSource(series_);
    layout->addWidget(histogram_, 2);

    timer_.setInterval(1000);
    connect(&timer_, &QTimer::timeout, this, &HealthPage::refresh);
    timer_.start();
    refresh();
}

void HealthPage::setSloMs(double sloMs) {
    sloMs_ = sloMs;
    timeline_->setSloMs(sloMs);
}

void HealthPage::setProbeRate(double rateHz) {
    const QSignalBlocker blocker(rate_);
    rate_->setValue(rateHz);
}

void HealthPage::setEndpoint(const QUrl& url) {
    endpoint_->setText(url.isValid() ? tr("Probing %1 — latency SLO p95 ≤ %2 ms")
                                           .arg(url.toString(), core::formatMeasure(sloMs_))
                                     : tr("No endpoint: the backend is not running."));
}

void HealthPage::setServerSide(const core::ServerSideSummary& summary, const QString& window) {
    if (!summary.available) {
        serverNote_->setText(tr("Unavailable: %1").arg(summary.error));
        return;
    }
    serverP50_->setValue(ms(summary.p50Ms));
    serverP95_->setValue(ms(summary.p95Ms));
    serverP99_->setValue(ms(summary.p99Ms));
    serverNote_->setText(
        tr("Over %1, every probed route.").arg(window.isEmpty() ? tr("the last 5 s") : window));
}

core::LatencyStats HealthPage::recent(int seconds) const {
    return series_->recent(seconds);
}

QString HealthPage::statusText() const {
    return status_->text();
}

void HealthPage::refresh() {
    const core::LatencyStats stats = series_->recent(kRecentSeconds);
    const bool any = stats.count + stats.errors > 0;
    p50_->setValue(any ? ms(stats.p50Ms) : QStringLiteral("—"));
    p95_->setValue(any ? ms(stats.p95Ms) : QStringLiteral("—"),
                   any && stats.p95Ms > sloMs_ ? theme::failed() : QColor());
    p99_->setValue(any ? ms(stats.p99Ms) : QStringLiteral("—"));
    errors_->setValue(QString::number(stats.errors), stats.errors ? theme::failed() : QColor());
    throughput_->setValue(QString::number(stats.count));
    // The badge looks at the last few seconds, so it recovers soon after the backend does.
    const core::LatencyStats now = series_->recent(3);
    QString text;
    QColor color = theme::idle();
    if (now.count + now.errors == 0) {
        text = tr("NO DATA");
    } else if (now.errors > 0 && now.count == 0) {
        text = tr("UNREACHABLE");
        color = theme::failed();
    } else if (now.errors > 0) {
        text = tr("ERRORS");
        color = theme::warning();
    } else if (now.p95Ms > sloMs_) {
        text = tr("SLOW");
        color = theme::warning();
    } else {
        text = tr("HEALTHY");
        color = theme::ok();
    }
    status_->setText(text);
    status_->setStyleSheet(QStringLiteral("background: %1;").arg(color.name()));
}

}  // namespace helmdeck::ui
