#include "ui/charts/image_size_chart.hpp"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/theme.hpp"

namespace helmdeck::ui {

ImageSizeChart::ImageSizeChart(QWidget* parent) : ChartWidget(tr("Image size vs budget"), parent) {
    bars_ = new QBarSeries;
    bars_->setBarWidth(0.45);
    bars_->setLabelsVisible(true);
    bars_->setLabelsFormat(QStringLiteral("@value MB"));
    bars_->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    bars_->setLabelsPrecision(4);
    budget_ = new QLineSeries;
    budget_->setName(tr("budget"));
    budget_->setPen(QPen(theme::failed(), 2, Qt::DashLine));
    chart()->addSeries(bars_);
    chart()->addSeries(budget_);
    xAxis_ = new QBarCategoryAxis;
    yAxis_ = new QValueAxis;
    yAxis_->setTitleText(tr("MB"));
    yAxis_->setLabelFormat(QStringLiteral("%d"));
    chart()->addAxis(xAxis_, Qt::AlignBottom);
    chart()->addAxis(yAxis_, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    applyTheme();
    rebuild();
}

void ImageSizeChart::setBudgetMb(double budgetMb) {
    budgetMb_ = budgetMb;
    rebuild();
}

void ImageSizeChart::setImages(const QList<core::MeasuredImage>& images) {
    images_.clear();
    for (const auto& image : images)
        if (image.sizeBytes >= 0) images_.append(image);
    rebuild();
}

int ImageSizeChart::barCount() const {
    return int(xAxis_->count());
}

void ImageSizeChart::rebuild() {
    bars_->clear();
    xAxis_->clear();
    // One set, so the bars are centred on their labels; over-budget bars are "selected" (red).
    auto* sizes = new QBarSet(tr("image size"));
    sizes->setColor(theme::ok());
    sizes->setBorderColor(theme::ok());
    sizes->setSelectedColor(theme::failed());
    sizes->setLabelColor(theme::text());
    QStringList labels;
    double top = budgetMb_ * 1.2;
    for (const auto& image : images_) {
        const double mb = double(image.sizeBytes) / 1e6;  // decimal MB, as docker shows
        sizes->append(mb);
        if (mb > budgetMb_) sizes->selectBar(int(sizes->count()) - 1);
        labels.append(image.reference.isEmpty() ? image.name : image.reference);
        top = std::max(top, mb * 1.15);
    }
    bars_->append(sizes);
    if (labels.isEmpty()) labels.append(tr("(no image measured)"));
    xAxis_->append(labels);
    const double n = double(labels.size());
    budget_->replace(QList<QPointF>{{-0.5, budgetMb_}, {n - 0.5, budgetMb_}});
    yAxis_->setRange(0, std::ceil(top / 100.0) * 100.0);
    yAxis_->setTickType(QValueAxis::TicksDynamic);
    yAxis_->setTickAnchor(0);
    yAxis_->setTickInterval(top > 1500 ? 500 : 100);
    setSubtitle(tr("Dashed line: the %1 MB budget").arg(budgetMb_));
}

}  // namespace helmdeck::ui
