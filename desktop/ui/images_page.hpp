#pragma once
// The Images page: sizes against the budget, the selected image's layers, the size trend
// across builds (history), and a way to measure any local image.

#include <QList>
#include <QWidget>

#include "core/pipeline.hpp"
#include "core/run_history.hpp"

class QLabel;
class QLineEdit;
class QListWidget;

namespace helmdeck::core {
class ImageInspector;
}

namespace helmdeck::ui {

class ImageSizeChart;
class LayerBreakdownChart;
class SizeTrendChart;

class ImagesPage : public QWidget {
    Q_OBJECT

public:
    explicit ImagesPage(QWidget* parent = nullptr);

    void setBudgetMb(double budgetMb);
    /// Adds or replaces (by reference) measured images; unmeasured ones are ignored.
    void addImages(const QList<core::MeasuredImage>& images);
    void setHistory(const QList<core::RunRecord>& runs);
    /// Measures a local image through docker (async); the result is added.
    void measureLocal(const QString& reference);

    QList<core::MeasuredImage> images() const { return images_; }
    /// The per-image lines shown under the chart ("todo-chatbot:abc  23.9 MB  within budget").
    QString summaryText() const;
    bool isMeasuring() const;
    ImageSizeChart* sizeChart() const { return sizes_; }
    LayerBreakdownChart* layerChart() const { return layers_; }

Q_SIGNALS:
    void measuringFinished();

private:
    void refresh();
    void select(int row);

    QList<core::MeasuredImage> images_;
    double budgetMb_ = 500;
    core::ImageInspector* inspector_ = nullptr;
    ImageSizeChart* sizes_ = nullptr;
    LayerBreakdownChart* layers_ = nullptr;
    SizeTrendChart* trend_ = nullptr;
    QListWidget* list_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* status_ = nullptr;
    QLineEdit* reference_ = nullptr;
};

}  // namespace helmdeck::ui
