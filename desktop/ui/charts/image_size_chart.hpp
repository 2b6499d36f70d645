#pragma once
// Image sizes as bars against the size budget line (green within, red over).

#include "core/pipeline.hpp"
#include "ui/charts/chart_widget.hpp"

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QLineSeries;
class QBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace helmdeck::ui {

class ImageSizeChart : public ChartWidget {
    Q_OBJECT

public:
    explicit ImageSizeChart(QWidget* parent = nullptr);

    void setBudgetMb(double budgetMb);
    /// Images with a negative size (not measured) are left out.
    void setImages(const QList<core::MeasuredImage>& images);
    int barCount() const;

private:
    void rebuild();

    QList<core::MeasuredImage> images_;
    double budgetMb_ = 500;
    QBarSeries* bars_ = nullptr;
    QLineSeries* budget_ = nullptr;
    QBarCategoryAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
};

}  // namespace helmdeck::ui
