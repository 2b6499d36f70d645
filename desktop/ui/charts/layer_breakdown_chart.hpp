#pragma once
// One image's size split into its layers, as a single stacked bar (largest layers named).

#include "core/pipeline.hpp"
#include "ui/charts/chart_widget.hpp"

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QHorizontalStackedBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace helmdeck::ui {

class LayerBreakdownChart : public ChartWidget {
    Q_OBJECT

public:
    explicit LayerBreakdownChart(QWidget* parent = nullptr);

    void setImage(const core::MeasuredImage& image);
    int segmentCount() const;

private:
    QHorizontalStackedBarSeries* series_ = nullptr;
    QBarCategoryAxis* yAxis_ = nullptr;
    QValueAxis* xAxis_ = nullptr;
};

}  // namespace helmdeck::ui
