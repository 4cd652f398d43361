#pragma once
// The training event structs as Qt meta types, so they travel through queued signals and QVariant.
#include "core/training/training_events.h"

#include <QMetaType>

Q_DECLARE_METATYPE(polytrain::training::IterationStats)
Q_DECLARE_METATYPE(polytrain::training::EpochStats)
Q_DECLARE_METATYPE(polytrain::training::StatusEvent)

namespace polytrain::ui {

// Registers the structs with the meta-type system; safe to call more than once.
void registerTrainingMetaTypes();

} // namespace polytrain::ui
