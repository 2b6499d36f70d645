#pragma once
// Image size across past builds, from the run history, one line per image.

#include "core/run_history.hpp"
#include "ui/charts/chart_widget.hpp"

QT_BEGIN_NAMESPACE
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace helmdeck::ui {

class SizeTrendChart : public ChartWidget {
    Q_OBJECT

public:
    explicit SizeTrendChart(QWidget* parent = nullptr);

    void setBudgetMb(double budgetMb) { budgetMb_ = budgetMb; }
    /// Runs oldest first; runs without image sizes are skipped.
    void setRuns(const QList<core::RunRecord>& runs);
    int pointCount() const { return points_; }

private:
    double budgetMb_ = 500;
    int points_ = 0;
    QValueAxis* xAxis_ = nullptr;
    QValueAxis* yAxis_ = nullptr;
};

}  // namespace helmdeck::ui
