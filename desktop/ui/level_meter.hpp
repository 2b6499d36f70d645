#pragma once
// A horizontal input-level bar for push-to-talk: the latest peak, falling off smoothly.

#include <QWidget>

namespace helmdeck::ui {

class LevelMeter : public QWidget {
    Q_OBJECT

public:
    explicit LevelMeter(QWidget* parent = nullptr);

    /// 0 to 1; a lower value than the shown one decays towards it instead of jumping.
    void setLevel(double level);
    double level() const { return level_; }
    QSize sizeHint() const override { return {120, 10}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double level_ = 0;
};

}  // namespace helmdeck::ui
