#pragma once
// The interface every speech engine implements. Audio comes in as an in-memory clip, text goes
// out by signal; the engine runs off the caller's thread and wipes the clip when done.

#include <QObject>
#include <QString>
#include <QStringList>

#include "core/voice/audio_clip.hpp"

namespace helmdeck::core::voice {

class SpeechRecognizer : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// Titles of the user's tasks: their words join the vocabulary for the next recognition.
    virtual void setTaskTitles(const QStringList& titles) = 0;
    /// Starts transcribing `clip` (any rate; resampled as needed). Takes the clip and wipes
    /// it when done. One at a time: a new call cancels the running one.
    virtual void recognize(AudioClip clip) = 0;
    /// Stops the running recognition: cancelled() follows at once, and recognized() never.
    virtual void cancel() = 0;
    virtual bool isBusy() const = 0;

Q_SIGNALS:
    /// The transcript, numbers as digits; empty when nothing was heard.
    void recognized(const QString& transcript);
    /// The engine could not run (model missing, bad audio); one line with a fix hint.
    void failed(const QString& reason);
    void cancelled();
};

}  // namespace helmdeck::core::voice
