#include "ui/charts/size_trend_chart.hpp"

#include <QMap>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>

#include "ui/theme.hpp"

namespace helmdeck::ui {

SizeTrendChart::SizeTrendChart(QWidget* parent)
    : ChartWidget(tr("Size trend across builds"), parent) {
    xAxis_ = new QValueAxis;
    xAxis_->setTitleText(tr("build"));
    xAxis_->setLabelFormat(QStringLiteral("%d"));
    yAxis_ = new QValueAxis;
    yAxis_->setTitleText(tr("MB"));
    yAxis_->setLabelFormat(QStringLiteral("%d"));
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    applyTheme();
    setRuns({});
}

void SizeTrendChart::setRuns(const QList<core::RunRecord>& runs) {
    chart()->removeAllSeries();
    // Image repository (the part before ':') → (build number, MB).
    QMap<QString, QList<QPointF>> lines;
    int build = 0;
    double top = 1;
    for (const auto& run : runs) {
        bool any = false;
        for (const auto& image : run.images) {
            if (image.bytes < 0) continue;
            const QString repository = image.name.section(QLatin1Char(':'), 0, 0);
            const double mb = double(image.bytes) / 1e6;
            lines[repository].append({double(build + 1), mb});
            top = std::max(top, mb);
            any = true;
        }
        if (any) ++build;
    }
    points_ = 0;
    static const QList<QColor> colors{theme::accent(), QColor(0x8e, 0x44, 0xe0),
                                      QColor(0xe3, 0x6b, 0x0a)};
    int index = 0;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it, ++index) {
        auto* line = new QLineSeries;
        line->setName(it.key());
        line->setPen(QPen(colors.at(index % colors.size()), 2));
        line->replace(it.value());
        line->setPointsVisible(true);
        chart()->addSeries(line);
        line->attachAxis(xAxis_);
        line->attachAxis(yAxis_);
        points_ += int(it.value().size());
    }
    xAxis_->setRange(0.5, std::max(5, build) + 0.5);
    xAxis_->setTickType(QValueAxis::TicksDynamic);
    xAxis_->setTickAnchor(1);
    xAxis_->setTickInterval(std::max(1, build / 10));
    // Scaled to the builds (the budget is often far above small images); empty: 0..budget.
    yAxis_->setRange(0, build == 0 ? budgetMb_ : top * 1.3);
    yAxis_->applyNiceNumbers();
    setSubtitle(build == 0
                    ? tr("No measured builds in the history yet (Docker or Cluster target)")
                    : tr("%n measured build(s); budget %1 MB", nullptr, build).arg(budgetMb_));
}

}  // namespace helmdeck::ui
